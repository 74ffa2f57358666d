"""外字 in PDFs (documents/glyphs.py): each cluster in the first font that has it, 〓 where none has.

Checked on real PDFs with poppler: pdffonts (the fallback font is embedded), pdftotext (𠮷 comes
back as 𠮷, not as another character) and pdftoppm (the glyph is drawn, not IPAex's empty box).
"""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from PIL import Image, ImageChops
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from carebridge.documents.fonts import FALLBACK_FAMILY, FONT_FAMILY
from carebridge.documents.glyphs import MARKER, clusters, code_points, faces, piece, runs, unprintable
from carebridge.documents.http import missing_glyphs_header, missing_glyphs_message
from carebridge.documents.messages import MISSING_GLYPHS
from carebridge.documents.pdf import Column, Frame, Sheet, text_width, wrap

EMOJI = ("😀", "❤️", "👨‍👩‍👧", "🇯🇵", "1️⃣", "👍🏽")


def run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def embedded_fonts(path: Path) -> dict[str, str]:
    """Font name (subset prefix removed) -> the "emb" column of pdffonts."""
    fonts = {}
    for line in run("pdffonts", str(path)).splitlines()[2:]:
        columns = line.split()
        fonts[columns[0].split("+")[-1]] = columns[-5]
    return fonts


def jis_x_0213() -> set[str]:
    """Every character of JIS X 0213:2004 (both planes), one code point each."""
    found = set()
    for first in range(0xA1, 0xFF):
        for second in range(0xA1, 0xFF):
            for raw in (bytes([first, second]), bytes([0x8F, first, second])):
                try:
                    text = raw.decode("euc_jis_2004")
                except UnicodeDecodeError:
                    continue
                if len(text) == 1:
                    found.add(text)
    return found


# -- which font draws what ---------------------------------------------------------------------


def test_ipaex_lacks_jis_x_0213_kanji_that_the_fallback_has():
    ipaex, noto = faces()
    assert (ipaex.name, noto.name) == (FONT_FAMILY, FALLBACK_FAMILY)
    assert ord("𠮷") not in ipaex.covers
    assert ord("𠮷") in noto.covers
    assert {ord("髙"), ord("﨑")} <= ipaex.covers  # はしごだか and たつさき are in IPAex already


def test_every_jis_x_0213_kanji_and_kana_prints_in_an_embedded_font():
    chars = jis_x_0213()
    assert len(chars) > 14000
    missing = [c for c in chars if piece(c).missing]
    kanji_or_kana = [c for c in missing if unicodedata.name(c, "").startswith(("CJK", "HIRAGANA", "KATAKANA"))]
    assert kanji_or_kana == []
    # What neither font has: accented Latin, Greek and Cyrillic letters and ⦅⦆ (90 of 14,367).
    assert len(missing) < 100


def test_each_cluster_goes_to_the_first_font_that_has_it():
    assert piece("山").face.name == FONT_FAMILY
    assert piece("髙").face.name == FONT_FAMILY
    gaiji = piece("𠮷")
    assert (gaiji.face.name, gaiji.drawn, gaiji.missing) == (FALLBACK_FAMILY, "𠮷", False)
    assert gaiji.width == stringWidth("𠮷", FALLBACK_FAMILY, 1000) / 1000


def test_what_no_font_has_is_the_marker_one_per_cluster():
    for cluster in (*EMOJI, "䂖"):
        drawn = piece(cluster)
        assert (drawn.face.name, drawn.drawn, drawn.missing) == (FONT_FAMILY, MARKER, True), cluster
    assert clusters("👨‍👩‍👧🇯🇵🇺🇸1️⃣👍🏽") == ["👨‍👩‍👧", "🇯🇵", "🇺🇸", "1️⃣", "👍🏽"]
    assert unprintable("𠮷田😀さん😀 䂖") == ["😀", "䂖"]


def test_selectors_and_controls_draw_nothing_and_tabs_print_as_spaces():
    assert piece("葛\U000e0100").drawn == "葛"  # an ideographic variation sequence prints its base
    assert piece("\u200b").drawn == ""
    assert piece("\t").drawn == " "
    assert unprintable("葛\U000e0100\u200b\t") == []


def test_runs_merge_clusters_of_one_font():
    parts, missing = runs("𠮷田 髙橋😀")
    assert [(r.face.name, r.text) for r in parts] == [
        (FALLBACK_FAMILY, "𠮷"),
        (FONT_FAMILY, "田 髙橋" + MARKER),
    ]
    assert missing == ["😀"]


def test_code_points_and_the_warning():
    assert code_points("😀") == "U+1F600"
    assert code_points("❤️") == "U+2764 U+FE0F"
    assert missing_glyphs_header(["😀", "䂖"]) == "U+1F600, U+4096"
    assert missing_glyphs_header(["😀"] * 60).endswith(", ...")
    message = missing_glyphs_message(["😀"], "居宅介護支援経過")
    assert message == MISSING_GLYPHS.format(document="居宅介護支援経過", chars="😀（U+1F600）")
    assert message.code == "missing_glyphs"


# -- widths: wrap() measures what is drawn -----------------------------------------------------------

PIECES = ["あ", "介", "護", "。", "「", "A", " ", "𠮷", "髙", "䂖", "\n", *EMOJI]


@given(
    parts=st.lists(st.sampled_from(PIECES), max_size=120),
    size=st.floats(6, 14),
    chars=st.floats(1.2, 40),
)
def test_lines_with_gaiji_fit_and_no_cluster_is_split_or_lost(parts, size, chars):
    text = "".join(parts)
    width = size * chars
    lines = wrap(text, size, width)
    for line in lines:
        assert text_width(line, size) <= width + 1e-6
        assert set(clusters(line)) <= set(clusters(text))
    assert "".join(lines) == text.replace("\n", "")


def test_the_fallback_glyph_width_is_used_for_wrapping():
    assert text_width("𠮷田", 10) == stringWidth("𠮷", FALLBACK_FAMILY, 10) + stringWidth("田", FONT_FAMILY, 10)
    assert wrap("𠮷田𠮷田", 10, 20) == ["𠮷田", "𠮷田"]
    assert wrap("😀😀😀", 10, 20) == ["😀😀", "😀"]  # the marker is one full-width character


# -- a real PDF --------------------------------------------------------------------------------------


def _draw(path: Path) -> tuple[str, ...]:
    sheet = Sheet(title="𠮷田 髙橋")
    y = sheet.header("第9表", "外字の確認")
    sheet.field(40, y - 20, "利用者名", "𠮷田 髙橋 ハル😀", 200, 10, suffix="殿")
    sheet.table(
        [Column("氏名", 90), Column("内容", 200)],
        [["𠮷田 一郎", "長女の𠮷田さんに電話👍🏽。髙橋医師の往診は来週。"]],
        frame=Frame(40, y - 40, 40),
        next_frame=lambda: Frame(40, y - 40, 40),
    )
    pdf = sheet.finish()
    path.write_bytes(pdf.data)
    return pdf.missing


def test_a_pdf_embeds_the_fallback_and_keeps_the_text(tmp_path):
    path = tmp_path / "gaiji.pdf"
    assert _draw(path) == ("😀", "👍🏽")
    fonts = embedded_fonts(path)
    assert fonts.get(FONT_FAMILY) == "yes", fonts
    assert fonts.get("NotoSansJP-Thin") == "yes", fonts  # the variable font's default instance, stroked
    text = "".join(run("pdftotext", str(path), "-").split())
    for expected in ("𠮷田髙橋ハル〓", "𠮷田一郎", "長女の𠮷田さんに電話〓。", "髙橋医師"):
        assert expected in text, expected
    assert "😀" not in text
    assert len(list(_pages(path, tmp_path / "png"))) == 1


def _pages(path: Path, out: Path) -> list[Path]:
    out.mkdir(exist_ok=True)
    run("pdftoppm", "-r", "100", "-png", str(path), str(out / "page"))
    return sorted(out.glob("page*.png"))


def _one_char_png(tmp_path: Path, name: str, draw) -> Image.Image:
    """One character at 40 pt on a small page, rendered by pdftoppm."""
    path = tmp_path / f"{name}.pdf"
    draw(path)
    (png,) = _pages(path, tmp_path / name)
    return Image.open(png).convert("L")


def test_the_gaiji_is_drawn_not_a_box(tmp_path):
    def ours(path: Path) -> None:
        sheet = Sheet()
        sheet.canvas.setPageSize((60, 60))
        sheet.text(10, 15, "𠮷", 40)
        path.write_bytes(sheet.finish().data)

    def ipaex_only(text: str):
        def draw(path: Path) -> None:
            c = canvas.Canvas(str(path), pagesize=(60, 60))
            c.setFont(FONT_FAMILY, 40)
            c.drawString(10, 15, text)
            c.save()

        return draw

    drawn = _one_char_png(tmp_path, "ours", ours)
    box = _one_char_png(tmp_path, "box", ipaex_only("𠮷"))  # what IPAex alone prints: .notdef
    kichi = _one_char_png(tmp_path, "kichi", ipaex_only("吉"))  # the everyday form, in IPAex

    def ink(image: Image.Image) -> int:
        return sum(image.histogram()[:128])

    def apart(a: Image.Image, b: Image.Image) -> int:
        """Pixels that differ clearly between two renderings."""
        return sum(ImageChops.difference(a, b).histogram()[128:])

    # 𠮷 looks like 吉 (the top is 土, not 士) and nothing like the crossed box IPAex alone prints.
    assert 0 < apart(drawn, kichi) < apart(drawn, box) / 2
    # About as much ink as 吉 in IPAex: the stroked Thin glyph has the weight of the text around it.
    assert 0.8 < ink(drawn) / ink(kichi) < 1.25


def test_the_fast_paths_give_what_the_slow_path_gives():
    """Characters seen alone before still join a cluster when a mark or a joiner follows them."""
    assert clusters("\u3099か") == ["\u3099", "か"]  # a mark at the start stands alone there
    assert clusters("か\u3099") == ["か\u3099"]
    assert clusters("👨") == ["👨"]
    assert clusters("👨\u200d👩") == ["👨\u200d👩"]
    assert clusters("🇯🇵") == ["🇯🇵"]
    assert runs("山田")[0][0].text == "山田"
    assert runs("山\u200b田") == runs("山田")  # the zero-width space draws nothing


def _reference_clusters(text: str) -> list[str]:
    """The cluster rule without the caches: marks, modifiers, tags and what follows a ZWJ join
    the cluster before them; regional indicators pair up."""
    out: list[str] = []
    joined = False
    for char in text:
        code = ord(char)
        extends = (
            unicodedata.category(char) in ("Mn", "Me", "Mc")
            or 0x1F3FB <= code <= 0x1F3FF
            or 0xE0020 <= code <= 0xE007F
            or code == 0x200D
        )
        flag = 0x1F1E6 <= code <= 0x1F1FF
        pair = flag and bool(out) and len(out[-1]) == 1 and 0x1F1E6 <= ord(out[-1]) <= 0x1F1FF
        if out and (joined or extends or pair):
            out[-1] += char
        else:
            out.append(char)
        joined = code == 0x200D
    return out


@given(
    st.text(
        alphabet="か山a 𠮷😀👨👩\u200d\u3099\u0301\ufe0f\U0001f3fd\U0001f1ef\U0001f1f5\U000e0100\u200b\t", max_size=40
    )
)
def test_clusters_follow_the_rule_whatever_was_seen_before(text):
    assert clusters(text) == _reference_clusters(text)
    assert "".join(clusters(text)) == text
