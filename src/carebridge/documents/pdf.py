"""Shared drawing toolkit for the official forms: A4 landscape sheets, IPAexGothic, wrapped grids.

No Django models here; each app draws its own forms (careplans/pdf.py, casework/pdf.py) with
these pieces. Coordinates are reportlab points with the origin at the bottom left.

Text is drawn and measured cluster by cluster through glyphs.py: IPAexGothic, Noto Sans JP for
what IPAex lacks (外字 such as 𠮷), and 〓 for what neither has (emoji); a Sheet remembers what it
printed as 〓 and finish() returns it with the PDF, so that the caller can warn the user.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from carebridge.core.japanese import wareki

from .fonts import FONT_FAMILY
from .glyphs import clusters, faces, piece, runs

FONT = FONT_FAMILY  # "IPAexGothic"
PAGE_WIDTH: float = landscape(A4)[0]
PAGE_HEIGHT: float = landscape(A4)[1]
MARGIN = 28.0  # about 10 mm
PAD = 2.5  # inner padding of a cell
LEADING = 1.3  # line height as a multiple of the font size
FIT_TOLERANCE = 0.01  # points: heights that add up to a frame exactly must not spill over by a rounding error
BLANK_DATE = "　　年　　月　　日"

# 禁則: characters that may not start a line, and ones that may not end it.
_NO_START = frozenset("、。，．,.)）」』】〕〉》］}!?！？ー・：；:;ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々〜…")
_NO_END = frozenset("(（「『【〔〈《［{")


def register_fonts() -> str:
    """Register the embedded fonts once per process (subset-embedded by reportlab); return the main one's name."""
    faces()
    return FONT


def text_width(text: str, font_size: float) -> float:
    """Width as drawn: each cluster in the font that has it, 〓 where none has."""
    return sum(piece(c).width for c in clusters(text)) * font_size


def wrap(text: str, font_size: float, width: float) -> list[str]:
    """Break text into lines no wider than width, character by character (Japanese has no spaces).

    Newlines start a new line (an empty paragraph gives an empty line); a simple 禁則 moves one
    character down so that closing punctuation does not start a line nor an opening bracket end
    one. A single character wider than width gets a line of its own. No character is dropped.
    "Character" here is a cluster of glyphs.py (an emoji sequence is never split), measured in the
    font that draws it.
    """
    lines: list[str] = []
    for paragraph in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line: list[str] = []
        used = 0.0
        for char in clusters(paragraph):
            w = piece(char).width * font_size
            if line and used + w > width:
                carry: list[str] = []
                if len(line) > 1 and (char in _NO_START or line[-1] in _NO_END):
                    carry = [line.pop()]
                lines.append("".join(line))
                line, used = carry, piece(carry[0]).width * font_size if carry else 0.0
                if line and used + w > width:  # the carried character and this one do not fit together
                    lines.append("".join(line))
                    line, used = [], 0.0
            line.append(char)
            used += w
        lines.append("".join(line))
    return lines


def wareki_or_blank(day: dt.date | None) -> str:
    """令和7年4月1日, or the blank 「　　年　　月　　日」 the printed forms leave to be filled in."""
    return wareki(day) if day else BLANK_DATE


def wareki_range(start: dt.date | None, end: dt.date | None) -> str:
    """令和7年4月1日〜令和7年9月30日 (breaks after 〜 in narrow cells)."""
    if not start and not end:
        return ""
    return f"{wareki_or_blank(start)}〜\n{wareki_or_blank(end)}"


@dataclass(frozen=True)
class Pdf:
    """A finished PDF and the clusters it printed as 〓 because no embedded font has them."""

    data: bytes
    missing: tuple[str, ...] = ()  # each once, first printed first


@dataclass(frozen=True)
class Column:
    title: str
    width: float
    align: str = "left"  # left | center
    font_size: float | None = None  # None: the table's size


@dataclass(frozen=True)
class Frame:
    """A rectangle a table flows into; a full frame asks for the next one (same or new page)."""

    x: float
    top: float
    bottom: float


class Sheet:
    """A reportlab canvas for A4 landscape forms with a few drawing helpers."""

    def __init__(self, *, title: str = "") -> None:
        register_fonts()
        self._buffer = io.BytesIO()
        self.canvas = canvas.Canvas(self._buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT))
        self.canvas.setTitle(title)
        self.canvas.setCreator("CareBridge")
        self._dirty = False  # has the current page anything on it?
        self._missing: dict[str, None] = {}  # clusters printed as 〓, in order

    # -- pages --------------------------------------------------------------------------------
    def new_page(self) -> None:
        """Start a fresh page unless the current one is still empty."""
        if self._dirty:
            self.canvas.showPage()
            self._dirty = False

    def finish(self) -> Pdf:
        self.canvas.save()
        return Pdf(self._buffer.getvalue(), tuple(self._missing))

    @property
    def missing(self) -> tuple[str, ...]:
        """The clusters printed as 〓 so far."""
        return tuple(self._missing)

    # -- primitives ---------------------------------------------------------------------------
    def text(self, x: float, y: float, text: str, size: float = 9, *, align: str = "left") -> float:
        """Draw one line at baseline y, run by run of one font each; returns its width."""
        self._dirty = True
        c = self.canvas
        parts, missing = runs(text)
        self._missing.update(dict.fromkeys(missing))
        width = sum(run.width for run in parts) * size
        if align == "center":
            x -= width / 2
        elif align == "right":
            x -= width
        for run in parts:
            if run.face.embolden:  # a light fallback face: fill and stroke to the weight of the text
                c.saveState()
                c.setLineWidth(size * run.face.embolden)
                c.setLineJoin(1)
                c.setFont(run.face.name, size)
                c.drawString(x, y, run.text, mode=2)
                c.restoreState()
            else:
                c.setFont(run.face.name, size)
                c.drawString(x, y, run.text)
            x += run.width * size
        return width

    def line(self, x1: float, y1: float, x2: float, y2: float, width: float = 0.5) -> None:
        self._dirty = True
        self.canvas.setLineWidth(width)
        self.canvas.line(x1, y1, x2, y2)

    def rect(self, x: float, y: float, w: float, h: float, *, width: float = 0.6, fill: float | None = None) -> None:
        """Rectangle with its bottom-left corner at (x, y); fill is a grey level (1 = white)."""
        self._dirty = True
        c = self.canvas
        c.setLineWidth(width)
        if fill is not None:
            c.setFillGray(fill)
        c.rect(x, y, w, h, stroke=1, fill=1 if fill is not None else 0)
        c.setFillGray(0)

    def circle_text(self, x: float, y: float, text: str, size: float) -> None:
        """An ellipse around a word drawn at baseline y: how a choice is marked on the forms."""
        w = text_width(text, size)
        self.canvas.setLineWidth(0.7)
        self.canvas.ellipse(x - size * 0.45, y - size * 0.42, x + w + size * 0.45, y + size * 1.12)

    def choices(
        self, x: float, y: float, labels: Sequence[str], chosen: str | Collection[str] | None, size: float = 9
    ) -> float:
        """「要介護1・要介護2・…」 with the chosen one (or ones: a collection) circled; returns the x after
        the last label."""
        marked = {chosen} if isinstance(chosen, str) else set(chosen or ())
        for index, label in enumerate(labels):
            if index:
                x += self.text(x + size * 0.3, y, "・", size) + size * 0.6
            if label in marked:
                self.circle_text(x, y, label, size)
            x += self.text(x, y, label, size)
        return x

    def field(
        self, x: float, y: float, label: str, value: str, width: float, size: float = 9, suffix: str = ""
    ) -> float:
        """「label  value____suffix」 with the value underlined over width; returns the x after it."""
        x += self.text(x, y, label, size) + size * 0.6
        self.line(x, y - 2.5, x + width, y - 2.5, 0.4)
        self.fit_line(x + 2, y, value, width - 4 - text_width(suffix, size), size)
        if suffix:
            self.text(x + width, y, suffix, size, align="right")
        return x + width + size

    def fit_line(self, x: float, y: float, text: str, width: float, size: float, min_size: float = 5.5) -> None:
        """One line of text, shrunk (down to min_size) so that it fits width."""
        text = text.replace("\n", " ")
        while size > min_size and text_width(text, size) > width:
            size -= 0.25
        self.text(x, y, wrap(text, size, width)[0] if text else "", size)

    def text_box(
        self,
        x: float,
        top: float,
        w: float,
        h: float,
        text: str,
        size: float = 9,
        *,
        min_size: float = 5.5,
        align: str = "left",
        valign: str = "top",
    ) -> None:
        """Wrapped text inside a box (not drawn), shrunk to fit; at min_size the overflow ends in 「…」."""
        lines = wrap(text, size, w - 2 * PAD)
        while size > min_size and len(lines) * size * LEADING > h - 2 * PAD:
            size -= 0.25
            lines = wrap(text, size, w - 2 * PAD)
        fit = max(1, int((h - 2 * PAD) // (size * LEADING)))
        if len(lines) > fit:  # still too long at min_size: cut the last line to end in 「…」
            last = clusters(lines[fit - 1])
            while last and text_width("".join(last) + "…", size) > w - 2 * PAD:
                last.pop()
            lines = [*lines[: fit - 1], "".join(last) + "…"]
        block = len(lines) * size * LEADING
        y = top - PAD if valign == "top" else top - (h - block) / 2
        for line in lines:
            y -= size * LEADING
            tx = x + w / 2 if align == "center" else x + PAD
            self.text(tx, y + size * 0.28, line, size, align=align)

    def vertical_text(self, x: float, top: float, h: float, text: str, size: float = 9) -> None:
        """Characters stacked top to bottom, centred on x within the height h below top."""
        chars = clusters(text)
        step = min(size * 1.15, h / max(len(chars), 1))
        y = top - (h - step * len(chars)) / 2
        for char in chars:
            y -= step
            self.text(x, y + (step - size) / 2 + size * 0.12, char, size, align="center")

    def header(self, form_no: str, title: str, right: str = "") -> float:
        """Form number top left, title centred, e.g. 作成年月日 top right; returns the y below."""
        top = PAGE_HEIGHT - MARGIN
        self.text(MARGIN, top - 10, form_no, 10)
        self.text(PAGE_WIDTH / 2, top - 14, title, 15, align="center")
        if right:
            self.text(PAGE_WIDTH - MARGIN, top - 10, right, 9, align="right")
        return top - 24

    # -- tables -------------------------------------------------------------------------------
    def table(
        self,
        columns: Sequence[Column],
        rows: Sequence[Sequence[str | None]],
        *,
        frame: Frame,
        next_frame: Callable[[], Frame],
        size: float = 8.5,
        groups: Sequence[tuple[str | None, int]] = (),
        header: bool = True,
        min_row_height: float | Sequence[float] = 0.0,
        fill: bool = False,
        split_rows: int = 0,
    ) -> float:
        """A bordered grid with wrapped cells that flows into next_frame() with the header repeated.

        groups: optional top header row, (label, number of columns); a None label lets the column
        titles below it take both header rows. A None cell continues the cell above it: no rule is
        drawn between them (how 第2表 spans a need over its services); at the top of a new frame its
        text is printed again. Rows taller than a frame are split line by line. min_row_height: one
        for all rows or one per row. fill extends the last frame's grid to its bottom. Returns the y below.
        """
        lead = size * LEADING
        widths = [c.width for c in columns]
        xs: list[float] = []  # column edges in the current frame

        def draw_header(fr: Frame) -> float:
            nonlocal xs
            xs = [fr.x + sum(widths[:i]) for i in range(len(widths) + 1)]
            if not header:
                self.line(xs[0], fr.top, xs[-1], fr.top)
                return fr.top
            group_h = lead + 2 * PAD if groups else 0.0
            title_h = max(len(wrap(c.title, size, c.width - 2 * PAD)) for c in columns) * lead + 2 * PAD
            bottom = fr.top - group_h - title_h
            self.rect(xs[0], bottom, xs[-1] - xs[0], fr.top - bottom)
            index = 0
            for label, span in groups or [(None, len(columns))]:
                left, right = xs[index], xs[index + span]
                sub_top = fr.top if label is None else fr.top - group_h
                if label is not None:
                    self.text_box(left, fr.top, right - left, group_h, label, size, align="center", valign="middle")
                    self.line(left, sub_top, right, sub_top)
                self.line(left, fr.top, left, bottom)
                for i in range(index, index + span):
                    self.line(xs[i], sub_top, xs[i], bottom)
                    title, h = columns[i].title, sub_top - bottom
                    self.text_box(xs[i], sub_top, widths[i], h, title, size, align="center", valign="middle")
                index += span
            return bottom

        def wrap_cell(i: int, text: str) -> list[str]:
            return wrap(text, columns[i].font_size or size, widths[i] - 2 * PAD)

        def close(fr: Frame, y: float) -> None:
            if fill and y > fr.bottom:
                for x in xs:
                    self.line(x, y, x, fr.bottom)
                y = fr.bottom
            self.line(xs[0], y, xs[-1], y)

        y = draw_header(frame)
        body = y - frame.bottom  # the height rows get in a frame of this size
        first_in_frame = True
        last = [""] * len(columns)  # the text a continued (None) cell belongs to
        mins = [min_row_height] * len(rows) if isinstance(min_row_height, int | float) else list(min_row_height)
        for row, min_h in zip(rows, mins, strict=True):
            last = [last[i] if text is None else text for i, text in enumerate(row)]
            spans = [text is None for text in row]
            cells: list[list[str]] = []
            started = False
            while True:
                if not cells:
                    texts = [last[i] if span and first_in_frame else row[i] or "" for i, span in enumerate(spans)]
                    cells = [wrap_cell(i, text) for i, text in enumerate(texts)]
                n = max(len(lines) for lines in cells)
                height = max(n * lead + 2 * PAD, min_h)
                take = n
                if y - height < frame.bottom - FIT_TOLERANCE:
                    room = int((y - frame.bottom - 2 * PAD + FIT_TOLERANCE) // lead)
                    if split_rows and not first_in_frame and 0 < n - room < split_rows:
                        room = n - split_rows  # keep the last lines of the row together on the next page
                    whole = height <= body and not (split_rows and room >= split_rows)
                    if not first_in_frame and (room < max(1, split_rows) or whole):
                        close(frame, y)  # move the row (or its rest) to the next frame
                        frame = next_frame()
                        y, first_in_frame = draw_header(frame), True
                        body = y - frame.bottom
                        # A row not yet begun is wrapped again (its continued cells now show their text);
                        # the rest of a split row keeps its lines and its finished cells show their text again.
                        cells = [lines or wrap_cell(i, last[i]) for i, lines in enumerate(cells)] if started else []
                        continue
                    take = min(n, max(room, 1))  # split a row taller than a whole frame
                    height = min(height, y - frame.bottom) if take == n else take * lead + 2 * PAD
                for i, lines in enumerate(cells):
                    if not (first_in_frame or spans[i]):
                        self.line(xs[i], y, xs[i + 1], y)
                    self.line(xs[i], y, xs[i], y - height)
                    fs = columns[i].font_size or size
                    for k, line in enumerate(lines[:take]):
                        base = y - PAD - (k + 1) * lead + lead / 2 - fs * 0.38
                        if columns[i].align == "center":
                            self.text((xs[i] + xs[i + 1]) / 2, base, line, fs, align="center")
                        else:
                            self.text(xs[i] + PAD, base, line, fs)
                self.line(xs[-1], y, xs[-1], y - height)
                y -= height
                first_in_frame, started = False, True
                rest = [lines[take:] for lines in cells]
                if not any(rest):
                    break
                cells, spans = rest, [True] * len(rest)  # the rest of a split row continues its cells
        close(frame, y)
        return frame.bottom if fill else y
