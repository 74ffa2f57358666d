"""Which embedded font draws each character of a text, and 〓 for what no font has (外字).

Text is cut into clusters: a character with what belongs to it (variation selectors, emoji
modifiers, combining marks, the parts of a ZWJ sequence, the two letters of a flag). Each
cluster goes to the first font that has all of its characters: IPAexGothic, else Noto Sans JP,
which covers JIS X 0213 (𠮷 and the other 第3・第4水準 kanji IPAex lacks). A cluster that no
font has — emoji, kanji outside JIS X 0213 such as 䂖 — is drawn as the geta mark 〓, the
printer's sign for a character that cannot be set, and reported to the caller so that the user
is told. Widths (wrap, alignment) and drawing use the same choice, so lines still fit.

Characters that draw nothing (format and control characters such as ZWJ, variation selectors,
including the ideographic ones: a name typed as 葛 + U+E0100 prints as 葛) are dropped; tabs and
other line-internal breaks print as a space.

Noto Sans JP's file is a variable font whose default instance, the one reportlab embeds, is
Thin (stem 30/1000 em). Its glyphs are therefore filled and stroked with a line of
EMBOLDEN × the font size, which brings them to the weight of IPAexGothic around them (stem 83;
Noto Sans JP Regular is 81), as measured on rendered pages (docs/adr/0003-pdf-fallback-font.md).

reportlab (5.1) writes code points above U+FFFF into the ToUnicode CMap as five hex digits,
so 𠮷 would copy and search as another character; _to_unicode_cmap writes UTF-16 surrogate
pairs as the PDF specification asks, and faces() installs it.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from .fonts import FALLBACK_FAMILY, FONT_FAMILY, ipaex_gothic_path, noto_sans_jp_path

MARKER = "〓"  # ゲタ: printed where no embedded font has the character
EMBOLDEN = 0.04  # stroke width of the fallback font's glyphs, as a fraction of the font size

_ZWJ = 0x200D
_SPACES = frozenset("\t\v\f\x1c\x1d\x1e\x1f\x85\u2028\u2029")


@dataclass(frozen=True)
class Face:
    """A registered font: its reportlab name, the code points it has, and how it is drawn."""

    name: str
    covers: frozenset[int]
    embolden: float = 0.0  # stroke width / font size; 0 draws the glyphs filled only


@dataclass(frozen=True)
class Piece:
    """How one cluster is drawn: in which face, which characters, how wide at 1 pt."""

    face: Face
    drawn: str
    width: float
    missing: bool  # True: no face has it and drawn is MARKER


@dataclass(frozen=True)
class Run:
    """Consecutive clusters drawn in one face."""

    face: Face
    text: str
    width: float  # at 1 pt


def _to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    """reportlab's makeToUnicodeCMap, with each Unicode value written as UTF-16BE."""
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            *(f"<{i:02X}> <{chr(v).encode('utf-16-be').hex().upper()}>" for i, v in enumerate(subset)),
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


@functools.cache
def faces() -> tuple[Face, ...]:
    """Register the embedded fonts once per process, in the order they are tried."""
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    chain = []
    for name, path, embolden in (
        (FONT_FAMILY, ipaex_gothic_path(), 0.0),
        (FALLBACK_FAMILY, noto_sans_jp_path(), EMBOLDEN),
    ):
        font = TTFont(name, str(path))
        pdfmetrics.registerFont(font)
        covers = frozenset(code for code, glyph in font.face.charToGlyph.items() if glyph)
        chain.append(Face(name, covers, embolden))
    return tuple(chain)


def _ignorable(char: str) -> bool:
    """Draws nothing by itself: format/control characters and variation selectors."""
    code = ord(char)
    return (
        unicodedata.category(char) in ("Cf", "Cc")
        or 0xFE00 <= code <= 0xFE0F  # variation selectors (text/emoji presentation)
        or 0xE0100 <= code <= 0xE01EF  # ideographic variation selectors (IVS)
    )


def _extends(char: str) -> bool:
    """Belongs to the cluster before it."""
    code = ord(char)
    return (
        unicodedata.category(char) in ("Mn", "Me", "Mc")  # combining marks (incl. variation selectors)
        or 0x1F3FB <= code <= 0x1F3FF  # emoji skin tones
        or 0xE0020 <= code <= 0xE007F  # tag characters (subdivision flags)
        or code == _ZWJ
    )


def _regional(text: str) -> bool:
    return len(text) == 1 and 0x1F1E6 <= ord(text) <= 0x1F1FF


# Fast paths (most text is plain Japanese): characters seen to stand alone as a cluster, and those
# that moreover print as themselves in the main font. Sets of str so that issuperset(text) runs in C.
_alone: set[str] = set()
_plain: set[str] = set()


def clusters(text: str) -> list[str]:
    """The text cut into clusters; "".join(clusters(text)) == text."""
    if _alone.issuperset(text):
        return list(text)
    out: list[str] = []
    joined = False
    for char in text:
        if out and (joined or _extends(char) or (_regional(char) and _regional(out[-1]))):
            out[-1] += char
        else:
            out.append(char)
            if not (_extends(char) or _regional(char)):  # (a leading mark is alone only here)
                _alone.add(char)
        joined = ord(char) == _ZWJ
    return out


@functools.lru_cache(maxsize=8192)
def piece(cluster: str) -> Piece:
    chain = faces()
    shown = "".join(" " if c in _SPACES else c for c in cluster if c in _SPACES or not _ignorable(c))
    if not shown:
        return Piece(chain[0], "", 0.0, False)
    for face in chain:
        if all(ord(c) in face.covers for c in shown):
            if face is chain[0] and shown == cluster and cluster in _alone:
                _plain.add(cluster)
            return Piece(face, shown, pdfmetrics.stringWidth(shown, face.name, 1000) / 1000, False)
    return Piece(chain[0], MARKER, pdfmetrics.stringWidth(MARKER, chain[0].name, 1000) / 1000, True)


def runs(text: str) -> tuple[list[Run], list[str]]:
    """The text as runs of one face each, and the clusters drawn as MARKER (in order, repeated)."""
    if _plain.issuperset(text):
        return ([Run(faces()[0], text, sum(piece(c).width for c in text))] if text else []), []
    out: list[Run] = []
    missing: list[str] = []
    face: Face | None = None
    drawn: list[str] = []
    width = 0.0
    for cluster in clusters(text):
        p = piece(cluster)
        if p.missing:
            missing.append(cluster)
        if not p.drawn:
            continue
        if p.face is not face:
            if face is not None:
                out.append(Run(face, "".join(drawn), width))
            face, drawn, width = p.face, [], 0.0
        drawn.append(p.drawn)
        width += p.width
    if face is not None:
        out.append(Run(face, "".join(drawn), width))
    return out, missing


def unprintable(text: str) -> list[str]:
    """The clusters of text that would print as 〓, each once, first seen first.

    For a warning where the text is typed (a form field), before any PDF is drawn.
    """
    return list(dict.fromkeys(c for c in clusters(text) if piece(c).missing))


def code_points(cluster: str) -> str:
    """「U+1F600」, or 「U+2764 U+FE0F」 for a cluster of several characters."""
    return " ".join(f"U+{ord(c):04X}" for c in cluster)
