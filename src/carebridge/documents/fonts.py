"""Where the embedded Japanese font lives.

IPAexGothic ships inside the japanize-matplotlib distribution; we only read the .ttf from its
package data (never import the package, which would pull in matplotlib — excluded by a uv
override in pyproject.toml). The same file is served to browsers as a web font and embedded in PDFs.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

FONT_FAMILY = "IPAexGothic"


@functools.cache
def ipaex_gothic_path() -> Path:
    spec = importlib.util.find_spec("japanize_matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("japanize-matplotlib (IPAexゴシックフォントの配布元) がインストールされていません。")
    path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / "ipaexg.ttf"
    if not path.is_file():
        raise FileNotFoundError(path)
    return path
