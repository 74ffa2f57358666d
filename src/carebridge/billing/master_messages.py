"""Japanese messages of the service master import and the benefit simulation (stable codes)."""

from __future__ import annotations

from carebridge.core.messages import Message

# === master import (carebridge master import) ===================================================
CSV_ENCODING = Message(
    "master_csv_encoding", "文字コードを判別できません（UTF-8 または Shift_JIS で保存してください）。"
)
CSV_EMPTY = Message("master_csv_empty", "データ行がありません。")
CSV_HEADER_MISSING = Message("master_csv_header_missing", "見出し行に必須の列がありません: {columns}")
CSV_HEADER_UNKNOWN = Message("master_csv_header_unknown", "見出し行に不明な列があります: {columns}")
CSV_FIELD_COUNT = Message(
    "master_csv_field_count", "列の数が見出しと違います（見出し {expected}列、この行 {actual}列）。"
)
CSV_REQUIRED = Message("master_csv_required", "「{column}」を入力してください。")
CSV_KIND = Message("master_csv_kind", "区分は {allowed} のいずれかです（入力: {value}）。")
CSV_CHOICE = Message("master_csv_choice", "「{column}」は {allowed} のいずれかです（入力: {value}）。")
CSV_INTEGER = Message("master_csv_integer", "「{column}」は0以上の整数で入力してください（入力: {value}）。")
CSV_PRICE = Message("master_csv_price", "単価は小数点以下2桁までの円で入力してください（例: 10.42、入力: {value}）。")
CSV_RATE = Message(
    "master_csv_rate", "加算率は百分率（%）で小数点以下1桁まで入力してください（例: 24.5、入力: {value}）。"
)
CSV_BOOL = Message("master_csv_bool", "「{column}」は 1/0（はい/いいえ）で入力してください（入力: {value}）。")
CSV_DATE = Message("master_csv_date", "「{column}」は YYYY-MM-DD で入力してください（入力: {value}）。")
CSV_PERIOD = Message("master_csv_period", "適用終了日が適用開始日より前です。")
CSV_TYPE_CODE = Message("master_csv_type_code", "サービス種類コードは英数字2文字です（入力: {value}）。")
CSV_SERVICE_CODE = Message(
    "master_csv_service_code", "サービスコードは英数字6文字で、先頭2文字がサービス種類コードです（入力: {value}）。"
)
CSV_UNKNOWN_TYPE = Message(
    "master_csv_unknown_type", "サービス種類コード {code} がマスタにもこのファイルにもありません。"
)
CSV_UNITS_AND_RATE = Message("master_csv_units_and_rate", "単位数と加算率は同時に指定できません。")
CSV_DUPLICATE = Message(
    "master_csv_duplicate", "同じ行がこのファイルの{line}行目にもあります（区分・コード・適用開始日）。"
)
CSV_TOO_LONG = Message("master_csv_too_long", "「{column}」は{limit}文字以内で入力してください。")

# === simulation (carebridge billing simulate, POST /api/v1/billing/simulate) ====================
SIM_NOT_JSON = Message("simulate_not_json", "{field}: JSONとして読めません（{error}）。")
SIM_NOT_OBJECT = Message("simulate_not_object", "{field}: オブジェクト（{{...}}）で指定してください。")
SIM_NOT_LIST = Message("simulate_not_list", "{field}: 配列（[...]）で指定してください。")
SIM_REQUIRED = Message("simulate_required", "{field}: 必須の項目です。")
SIM_UNKNOWN_FIELD = Message("simulate_unknown_field", "{field}: 不明な項目です。")
SIM_MONTH = Message("simulate_month", "{field}: 年月は YYYY-MM で指定してください（入力: {value}）。")
SIM_CHOICE = Message("simulate_choice", "{field}: {allowed} のいずれかで指定してください（入力: {value}）。")
SIM_INTEGER = Message(
    "simulate_integer", "{field}: {minimum}以上{maximum}以下の整数で指定してください（入力: {value}）。"
)
SIM_BOOL = Message("simulate_bool", "{field}: true または false で指定してください。")
SIM_TEXT = Message("simulate_text", "{field}: 文字列で指定してください。")
SIM_PROVIDER = Message("simulate_provider", "{field}: 事業所番号は10文字の英数字です（入力: {value}）。")
SIM_SERVICE_CODE = Message("simulate_service_code", "{field}: サービスコードは英数字6文字です（入力: {value}）。")
SIM_CODE_TYPE = Message(
    "simulate_code_type", "{field}: サービスコード {code} の先頭2文字がサービス種類 {service_type} と一致しません。"
)
SIM_UNKNOWN_TYPE = Message("simulate_unknown_type", "{field}: サービス種類 {value} は {month} のマスタにありません。")
SIM_UNITS_NEEDED = Message(
    "simulate_units_needed",
    "{field}: サービスコード {code} は {month} のマスタにないか単位数が商品ごとのため、units を指定してください。",
)
SIM_NO_PRICE = Message(
    "simulate_no_price",
    "{field}: {month} の地域区分 {grade}・人件費割合 {labor_ratio_class} の単価がマスタにありません。",
)
SIM_TYPE_FORMAT = Message("simulate_type_format", "{field}: サービス種類コードは英数字2文字です（入力: {value}）。")
