"""Messages of the whole-office export and import (Japanese; docs/office-archive.md)."""

from carebridge.core.import_errors import RowError
from carebridge.core.messages import Message

OTHER_OFFICE = Message("office_archive_other_office", "他の事業所のデータは出力できません。")
IMPORT_SUPERUSER = Message(
    "office_archive_import_superuser", "事業所の取り込みはシステム管理者（スーパーユーザー）だけが行えます。"
)
NOT_A_ZIP = Message(
    "office_archive_not_zip", "ZIPファイルとして読めません。事業所データのアーカイブを指定してください。"
)
NOT_AN_ARCHIVE = Message("office_archive_not_archive", "CareBridgeの事業所データのアーカイブではありません。")
WRONG_SCHEMA = Message(
    "office_archive_wrong_schema",
    "形式の版（schema_version）が {found} です。このCareBridgeが読める版は {supported} です。",
)
MEMBER_MISSING = Message("office_archive_member_missing", "アーカイブにこのファイルがありません。")
MEMBER_CHANGED = Message(
    "office_archive_member_changed",
    "ファイルの内容がmanifest.jsonのSHA-256と一致しません（壊れているか、書き換えられています）。",
)
UNKNOWN_MEMBER = Message(
    "office_archive_unknown_member", "このCareBridgeにない種類の記録です（新しい版で作られたアーカイブです）。"
)
BAD_JSON = Message("office_archive_bad_json", "JSONとして読めません")
BAD_MEMBER = Message("office_archive_bad_member", "「{model}」の記録のファイルの形（model・records）になっていません。")
BAD_RECORD = Message("office_archive_bad_record", "記録がJSONのオブジェクトではありません。")
BAD_KEY = Message("office_archive_bad_key", "key は記録の順番（{n}）でなければなりません。")
BAD_REFERENCE = Message("office_archive_bad_reference", "参照先（key {value}）がアーカイブにありません。")
UNKNOWN_FIELD = Message("office_archive_unknown_field", "この版の形式にない項目です。")
ONE_OFFICE = Message("office_archive_one_office", "事業所の記録はちょうど1件でなければなりません。")
WRONG_COUNT = Message(
    "office_archive_wrong_count", "manifest.jsonの件数（{count}件）とファイルの記録の数（{found}件）が違います。"
)
OFFICE_EXISTS = Message(
    "office_archive_office_exists",
    "事業所番号 {number} の事業所はすでにこのデータベースにあります。取り込みはこの事業所のない"
    "データベースにだけできます（データは重ねて取り込みません）。",
)
ROW_EXISTS = Message("office_archive_row_exists", "「{value}」はすでにこのデータベースにあります。")
CONSTRAINT = Message("office_archive_constraint", "データベースの制約に反する記録があります")


def describe(error: RowError) -> str:
    """An error as the command prints it: the member, the record (its position) and the field."""
    where = (
        error.file + (f" {error.line}件目" if error.line else "") + (f" 項目「{error.column}」" if error.column else "")
    )
    return f"{where}: {error.message}"
