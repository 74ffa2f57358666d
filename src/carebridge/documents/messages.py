"""User-facing messages of the PDF toolkit (Japanese)."""

from carebridge.core.messages import Message

MISSING_GLYPHS = Message(
    "missing_glyphs",
    "{document}のPDFに、埋め込みフォントにない文字があり「〓」で印字しました：{chars}。"
    "印刷した書類では手書きで補ってください。",
)
UNPRINTABLE_ENTRY = Message(
    "unprintable_entry",
    "{field}の{chars}は帳票のフォントにないため、PDFでは「〓」で印字されます。"
    "別の字で書けるときは書き換えてください（そのままでも保存されています）。",
)
