"""Where the embedded Japanese fonts live.

IPAexGothic ships inside the japanize-matplotlib distribution; we only read the .ttf from its
package data (never import the package, which would pull in matplotlib — excluded by a uv
override in pyproject.toml). The same file is served to browsers as a web font and embedded in PDFs.

Noto Sans JP, the PDFs' fallback for characters IPAexGothic lacks (JIS X 0213 第3・第4水準 kanji
such as 𠮷), ships inside justmytype-intl-cjk in the same way: only its .ttf (and OFL.txt beside it)
is read; the package and its justmytype dependency (also excluded by the override) are never imported.
The file is Google Fonts' variable TrueType font; its default instance, which reportlab embeds,
is the Thin weight (see glyphs.py for how it is drawn at the weight of the text around it).
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

FONT_FAMILY = "IPAexGothic"
FALLBACK_FAMILY = "NotoSansJP"


def _package_file(package: str, relative: str, carrier: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"{carrier} がインストールされていません。")
    path = Path(next(iter(spec.submodule_search_locations))) / relative
    if not path.is_file():
        raise FileNotFoundError(path)
    return path


@functools.cache
def ipaex_gothic_path() -> Path:
    return _package_file(
        "japanize_matplotlib", "fonts/ipaexg.ttf", "japanize-matplotlib (IPAexゴシックフォントの配布元)"
    )


@functools.cache
def noto_sans_jp_path() -> Path:
    return _package_file(
        "justmytype_intl_cjk",
        "fonts/ofl/notosansjp/NotoSansJP[wght].ttf",
        "justmytype-intl-cjk (Noto Sans JP フォントの配布元)",
    )


def noto_sans_jp_licence_path() -> Path:
    """The SIL Open Font License 1.1 text shipped beside the Noto Sans JP font."""
    return noto_sans_jp_path().with_name("OFL.txt")
