"""The HTTP answer for a drawn PDF: the file, and a warning when something printed as 〓.

A PDF is downloaded (Content-Disposition: attachment), so the page the user clicked on stays
where it is. When the PDF has characters that no embedded font has (emoji, kanji outside JIS X
0213), the answer carries them as code points in the X-CareBridge-Missing-Glyphs header (for
API clients) and, for a browser view, as a warning message shown on the next page the user opens.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse

from .glyphs import code_points, unprintable
from .messages import MISSING_GLYPHS, UNPRINTABLE_ENTRY
from .pdf import Pdf

MISSING_GLYPHS_HEADER = "X-CareBridge-Missing-Glyphs"
SHOWN = 10  # characters named in the message; the header names up to HEADER_LIMIT
HEADER_LIMIT = 50

# An API operation that answers a PDF says so in the OpenAPI (ninja's `openapi_extra`): the
# content type, and the header that names characters printed as 〓.
PDF_ANSWER: dict[str, Any] = {
    "responses": {
        200: {
            "description": "PDF（A4、IPAexゴシック埋め込み）",
            "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            "headers": {
                MISSING_GLYPHS_HEADER: {
                    "description": "どの埋め込みフォントにもなく「〓」で印字された文字の符号位置（例: U+1F600）",
                    "schema": {"type": "string"},
                }
            },
        }
    }
}


def missing_glyphs_header(missing: Sequence[str]) -> str:
    """「U+1F600, U+2764 U+FE0F」: one entry per cluster (ASCII, as HTTP headers should be)."""
    named = [code_points(cluster) for cluster in missing[:HEADER_LIMIT]]
    return ", ".join([*named, "..."] if len(missing) > HEADER_LIMIT else named)


def _named(missing: Sequence[str]) -> str:
    chars = "、".join(f"{cluster}（{code_points(cluster)}）" for cluster in missing[:SHOWN])
    return chars + (f" ほか{len(missing) - SHOWN}種" if len(missing) > SHOWN else "")


def warn_unprintable(request: HttpRequest, fields: Mapping[str, str]) -> None:
    """When a text just saved (a name, an address: {label: text}) will print as 〓, say so while
    the user can still choose another character — not only later, with the PDF."""
    for label, text in fields.items():
        if missing := unprintable(text):
            messages.warning(request, UNPRINTABLE_ENTRY.format(field=label, chars=_named(missing)))


def missing_glyphs_message(missing: Sequence[str], document: str) -> str:
    return MISSING_GLYPHS.format(document=document, chars=_named(missing))


def pdf_response(pdf: Pdf, filename: str, *, document: str, request: HttpRequest | None = None) -> HttpResponse:
    """The PDF as a download; with request (an HTML view), a missing glyph also adds a warning message."""
    response = HttpResponse(pdf.data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if pdf.missing:
        response[MISSING_GLYPHS_HEADER] = missing_glyphs_header(pdf.missing)
        if request is not None:
            messages.warning(request, missing_glyphs_message(pdf.missing, document))
    return response
