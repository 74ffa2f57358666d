"""Bar charts of the company report, drawn on the server: inline SVG for the page, reportlab
graphics for the PDF (the embedded IPAex font; no network fonts, no script, no CDN).

A hidden figure ("<5", "＊") draws no bar — only its label — so a chart shows nothing the table
beside it hides.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Protocol

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors

from carebridge.documents.pdf import FONT, register_fonts, text_width

BAR_COLOUR = "#3d7ea6"
LABEL_WIDTH = 150.0
ROW = 20.0
BAR_HEIGHT = 12.0


class Figure(Protocol):
    @property
    def value(self) -> int | None: ...

    @property
    def label(self) -> str: ...


class Bar(Protocol):
    @property
    def label(self) -> str: ...

    @property
    def figure(self) -> Figure: ...


def _scale(bars: Sequence[Bar]) -> int:
    return max([b.figure.value or 0 for b in bars] + [1])


def svg_bars(title: str, bars: Sequence[Bar], *, width: float = 520.0) -> str:
    """A horizontal bar chart as an <svg> element (escaped text; role="img" with a title)."""
    plot = width - LABEL_WIDTH - 50
    top = max(_scale(bars), 1)
    height = ROW * len(bars) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{width:.0f}" '
        f'height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    for index, bar in enumerate(bars):
        y = 5 + index * ROW
        parts.append(
            f'<text x="{LABEL_WIDTH - 6:.0f}" y="{y + 12:.0f}" text-anchor="end" font-size="12">'
            f"{escape(bar.label)}</text>"
        )
        value = bar.figure.value
        length = 0.0 if value is None else plot * value / top
        if length > 0:
            parts.append(
                f'<rect x="{LABEL_WIDTH:.0f}" y="{y + 2:.0f}" width="{length:.1f}" height="{BAR_HEIGHT:.0f}" '
                f'fill="{BAR_COLOUR}"/>'
            )
        fill = "#333" if value is not None else "#888"
        parts.append(
            f'<text x="{LABEL_WIDTH + length + 4:.1f}" y="{y + 12:.0f}" font-size="12" fill="{fill}">'
            f"{escape(bar.figure.label)}</text>"
        )
    parts.append(f'<line x1="{LABEL_WIDTH:.0f}" y1="2" x2="{LABEL_WIDTH:.0f}" y2="{height - 3:.0f}" stroke="#999"/>')
    parts.append("</svg>")
    return "".join(parts)


def drawing_bars(title: str, bars: Sequence[Bar], *, width: float = 360.0, font_size: float = 8.0) -> Drawing:
    """The same chart as a reportlab Drawing (origin bottom left), for renderPDF.draw."""
    register_fonts()
    label_width = max([text_width(b.label, font_size) for b in bars] + [40.0]) + 8
    plot = width - label_width - 40
    top = max(_scale(bars), 1)
    row = font_size * 2.0
    height = row * len(bars) + font_size * 2.6
    drawing = Drawing(width, height)
    drawing.add(String(0, height - font_size * 1.2, title, fontName=FONT, fontSize=font_size + 1))
    for index, bar in enumerate(bars):
        y = height - font_size * 2.6 - (index + 1) * row + row * 0.3
        drawing.add(String(label_width - 6, y + 1, bar.label, fontName=FONT, fontSize=font_size, textAnchor="end"))
        value = bar.figure.value
        length = 0.0 if value is None else plot * value / top
        if length > 0:
            rect = Rect(label_width, y - 1, length, row * 0.6)
            rect.fillColor = colors.HexColor(BAR_COLOUR)
            rect.strokeColor = None
            drawing.add(rect)
        grey = colors.black if value is not None else colors.grey
        drawing.add(
            String(label_width + length + 3, y + 1, bar.figure.label, fontName=FONT, fontSize=font_size, fillColor=grey)
        )
    drawing.add(Line(label_width, 0, label_width, height - font_size * 2.2, strokeColor=colors.grey, strokeWidth=0.5))
    return drawing
