"""User-facing messages of the directory app (Japanese)."""

from carebridge.core.messages import Message

UNKNOWN_SERVICE_TYPE = Message("unknown_service_type", "サービス種類コードに不明なコードがあります: {codes}")
SERVICE_TYPE_REQUIRED = Message(
    "service_type_required", "介護保険サービス事業所にはサービス種類コードを1つ以上入力してください。"
)
PROVIDER_NUMBER_REQUIRED = Message(
    "provider_number_required", "介護保険サービス事業所・地域包括支援センターには事業所番号を入力してください。"
)
PROVIDER_DUPLICATE = Message("provider_duplicate", "この事業所番号の事業所はすでに登録されています。")
CSV_ENCODING = Message(
    "csv_encoding", "文字コードを判別できません。UTF-8 または Shift_JIS (CP932) のCSVを指定してください。"
)
CSV_HEADER_MISSING = Message("csv_header_missing", "見出し行に必要な列がありません: {columns}")
CSV_EMPTY = Message("csv_empty", "データ行がありません。")
CSV_FIELD_COUNT = Message("csv_field_count", "列の数が見出し行と一致しません（{expected}列のところ{actual}列）。")
CSV_REQUIRED = Message("csv_required", "{column}は必須です。")
CSV_UNKNOWN_KIND = Message("csv_unknown_kind", "種別「{value}」は使えません。使える種別: {allowed}")
CSV_DUPLICATE_IN_FILE = Message(
    "csv_duplicate_in_file", "事業所番号 {number} がファイル内の{line}行目と重複しています。"
)
