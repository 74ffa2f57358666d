"""A progress bar on stderr for the office archive commands: one bar per step ("記録", "帳票")."""

from __future__ import annotations

from types import TracebackType
from typing import Any


class ProgressBar:
    def __init__(self, *, quiet: bool = False) -> None:
        self.quiet = quiet
        self.step = ""
        self.bar: Any = None

    def update(self, step: str, done: int, total: int) -> None:
        if self.quiet:
            return
        if step != self.step:
            self.close()
            from tqdm import tqdm

            self.step = step
            self.bar = tqdm(total=total, desc=step, unit="件")
        self.bar.n = done
        self.bar.refresh()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        self.close()
