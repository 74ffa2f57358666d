"""Message constants shown to users (Japanese). Tests assert these constants, not copies.

Each message carries a stable machine-readable `code` (the constant's name in lower case) that
the API returns beside the Japanese text, so programs branch on the code, never on the wording.
This module is plain Python: the pure rules modules use it too.
"""

from __future__ import annotations

from typing import Any


class Message(str):
    """A Japanese message with its stable code. `format()` keeps the code."""

    code: str

    def __new__(cls, code: str, text: str) -> Message:
        message = super().__new__(cls, text)
        message.code = code
        return message

    def __reduce__(self) -> tuple[Any, ...]:
        # copy/deepcopy/pickle rebuild the message with its code (ValidationError copies messages).
        return (Message, (self.code, str(self)))

    def format(self, *args: Any, **kwargs: Any) -> Message:
        return Message(self.code, str.format(self, *args, **kwargs))


def code_of(message: object, default: str = "invalid") -> str:
    """The code of a message constant (or of a formatted one); `default` for any other text."""
    return message.code if isinstance(message, Message) else default


NOT_FOUND = Message("not_found", "指定された記録は見つかりません。")
PERMISSION_DENIED = Message("permission_denied", "この操作を行う権限がありません。")
USER_OFFICE_REQUIRED = Message(
    "user_office_required", "事業所の職員には所属事業所を設定してください（企業は設定できません）。"
)
USER_COMPANY_REQUIRED = Message(
    "user_company_required", "人事担当者・従業員には所属企業を設定してください（事業所は設定できません）。"
)
AUDIT_APPEND_ONLY = Message("audit_append_only", "監査ログは追記のみです。変更・削除はできません。")
# `carebridge audit verify` (core/management/commands/audit.py)
AUDIT_CHAIN_OFFICE = Message("audit_chain_office", "事業所 {office}")
AUDIT_CHAIN_NO_OFFICE = Message("audit_chain_no_office", "事業所なし")
AUDIT_CHAIN_OK = Message("audit_chain_ok", "{chain}: OK {count} events（最新のハッシュ {hash}）")
AUDIT_CHAIN_BROKEN = Message(
    "audit_chain_broken", "{chain}: 連鎖が切れています — 記録ID {event}: {reason}（期待値 {expected}、記録値 {found}）"
)
AUDIT_CHAIN_HASH_MISMATCH = Message("audit_chain_hash_mismatch", "記録の内容がハッシュと一致しません（hash mismatch）")
AUDIT_CHAIN_LINK_MISMATCH = Message(
    "audit_chain_link_mismatch", "前の記録のハッシュが直前の記録と一致しません（prev link mismatch）"
)
AUDIT_CHAIN_FAILED = Message("audit_chain_failed", "監査ログのハッシュ連鎖に不整合があります。")
AUDIT_UNKNOWN_USER = Message("audit_unknown_user", "（存在しない利用者名）")
LOGIN_LOCKED = Message(
    "login_locked", "ログインに続けて失敗したため、一時的にロックされています。30分後に再度お試しください。"
)
FIELD_NOT_EDITABLE = Message("field_not_editable", "この項目はここでは変更できません。")
STALE_WRITE = Message(
    "stale_write",
    "この記録は、編集を始めた後に別の操作で更新されています。最新の内容を開き直してから、もう一度変更してください。",
)
TRANSITION_REFUSED = Message("transition_refused", "現在の状態からはこの操作を行えません。")
MONTH_FORMAT = Message("month_format", "対象月は YYYY-MM の形式で指定してください。")

# -- number formats (core/japanese.py) ------------------------------------------------------------
INSURER_NUMBER_FORMAT = Message("insurer_number_format", "保険者番号は6桁の数字で入力してください。")
INSURER_NUMBER_CHECK_DIGIT = Message(
    "insurer_number_check_digit", "保険者番号の検証番号（6桁目）が正しくありません。番号を確認してください。"
)
INSURED_NUMBER_FORMAT = Message(
    "insured_number_format",
    "被保険者番号は10桁の数字（生活保護単独の方は H と9桁の数字）で入力してください。",
)
OFFICE_NUMBER_FORMAT = Message(
    "office_number_format",
    "事業所番号は10桁（都道府県2桁・区分1桁・市区町村2桁・通番4桁・検証番号1桁）で入力してください。"
    "区分は介護サービスの事業所が 0・7・8・9 または英字（I・O・Q を除く）、医科 1、歯科 3、薬局 4、"
    "介護老人保健施設 5、訪問看護ステーション 6 です。",
)
OFFICE_NUMBER_CHECK_DIGIT = Message(
    "office_number_check_digit", "事業所番号の検証番号（10桁目）が正しくありません。番号を確認してください。"
)
CARE_MANAGER_NUMBER_FORMAT = Message("care_manager_number_format", "介護支援専門員番号は8桁の数字で入力してください。")
POSTAL_CODE_FORMAT = Message("postal_code_format", "郵便番号は7桁の数字（例: 154-0001）で入力してください。")
PHONE_FORMAT = Message("phone_format", "電話番号は数字とハイフンで入力してください（例: 03-1234-5678）。")
KANA_FORMAT = Message("kana_format", "フリガナはカタカナ（またはひらがな）で入力してください。")
DATE_BEFORE_MEIJI = Message("date_before_meiji", "明治より前の日付は和暦で表示できません。")
DATE_IN_FUTURE = Message(
    "date_in_future", "{field}に今日より後の日付は入力できません（記録できるのは実際にあった日です）。"
)
ROW_IN_USE = Message("row_in_use", "この記録は他の記録から参照されているため削除できません。")
FIELD_REQUIRED = Message("field_required", "この項目は必須です。")
FIELD_NULL = Message("field_null", 'この項目に null は使えません。空にするときは空文字（""）を送ってください。')
FIELD_FORMAT = Message("field_format", "この項目の値の形式が正しくありません。")
STAFF_ROLE_REQUIRED = Message(
    "staff_role_required", "事業所の職員の役割を選んでください（人事担当者・従業員は選べません）。"
)
STAFF_NAME_REQUIRED = Message("staff_name_required", "氏名を入力してください。")
STAFF_USERNAME_CASE = Message(
    "staff_username_case",
    "大文字・小文字だけが異なる同じユーザー名がすでにあります。別のユーザー名にしてください。",
)
STAFF_OWN_ROLE = Message("staff_own_role", "自分自身の役割は管理者から変更できません（別の管理者に依頼してください）。")
STAFF_DEACTIVATE_SELF = Message("staff_deactivate_self", "自分自身のアカウントは無効にできません。")
STAFF_ALREADY_INACTIVE = Message("staff_already_inactive", "このアカウントはすでに無効です。")
STAFF_ALREADY_ACTIVE = Message("staff_already_active", "このアカウントはすでに有効です。")
PASSWORD_CHANGED = Message("password_changed", "（変更済み）")
TOKEN_USER_INACTIVE = Message("token_user_inactive", "無効なアカウントにはAPIトークンを発行できません。")
TOKEN_EXPIRY_PAST = Message("token_expiry_past", "有効期限は現在より後の日時にしてください。")
PASSWORD_OLD_WRONG = Message("password_old_wrong", "現在のパスワードが正しくありません。")
PASSWORDS_DIFFER = Message("passwords_differ", "確認のパスワードが一致しません。")

# -- the audit viewer's filters (core/views.py) ----------------------------------------------------
AUDIT_FILTER_CLIENT_ID = Message("audit_filter_client_id", "利用者IDは1以上の整数で入力してください。")
AUDIT_FILTER_DATE = Message("audit_filter_date", "日付は 2026-04-01 の形式で入力してください。")
AUDIT_FILTER_CHOICE = Message("audit_filter_choice", "一覧にある項目から選んでください。")
DATE_OUT_OF_RANGE = Message(
    "date_out_of_range", "日付は1868年1月25日（明治元年）から2100年12月31日までの範囲で入力してください。"
)
TEXT_FORBIDDEN_CHARACTER = Message("text_forbidden_character", "使用できない文字（制御文字など）が含まれています。")
TEXT_TOO_LONG = Message("text_too_long", "{limit}文字以内で入力してください。")
NUMBER_OUT_OF_RANGE = Message("number_out_of_range", "数値が大きすぎます（または小さすぎます）。")
FIELD_INTEGER = Message("field_integer", "整数で入力してください。")
FIELD_DATE = Message("field_date", "日付は YYYY-MM-DD の形式で入力してください。")
BODY_UNREADABLE = Message("body_unreadable", "送られた内容をJSONとして読めません。")
BODY_TOO_LARGE = Message("body_too_large", "送られた内容が大きすぎます。")
NOT_AUTHENTICATED = Message(
    "not_authenticated", "認証されていません。有効なAPIトークンを指定するか、ログインしてください。"
)
TOO_MANY_REQUESTS = Message("too_many_requests", "要求が多すぎます。しばらく待ってからもう一度お試しください。")
SERVER_ERROR = Message(
    "server_error", "サーバーでエラーが発生しました。続く場合は request_id を添えて連絡してください。"
)
DATABASE_BUSY = Message(
    "database_busy", "ただいま保存が混み合っています。保存されていません。少し待ってからもう一度お試しください。"
)
FIELD_CHOICE = Message("field_choice", "選択肢の中から選んでください。")

# -- backup and restore (core/backup.py) ---------------------------------------------------------
BACKUP_EXISTS = Message("backup_exists", "{path} は既にあります。上書きするには --force を付けてください。")
BACKUP_SOURCE_MISSING = Message("backup_source_missing", "バックアップするデータベース {path} がありません。")
BACKUP_UNREADABLE = Message("backup_unreadable", "{path} は CareBridge の{engine}のバックアップではありません。")
RESTORE_NOT_EMPTY = Message(
    "restore_not_empty",
    "復元先のデータベース（{name}）は空ではありません（テーブルが{count}個あります）。"
    "復元は空のデータベースにだけ行います。新しいデータベースを作ってから復元してください。",
)
PG_CLIENT_MISSING = Message(
    "pg_client_missing",
    "{binary} が見つかりません。postgresql-client（サーバーと同じメジャーバージョン {server}）を"
    "インストールしてください（scripts/ensure-system-packages.sh）。",
)
PG_CLIENT_TOO_OLD = Message(
    "pg_client_too_old",
    "{binary} のバージョン {client} はサーバーのバージョン {server} より古いため使えません。"
    "postgresql-client-{server} をインストールしてください。",
)
PG_TOOL_FAILED = Message("pg_tool_failed", "{binary} が失敗しました（終了コード {code}）: {detail}")
BACKUP_ENGINE_UNSUPPORTED = Message(
    "backup_engine_unsupported", "このデータベース（{engine}）のバックアップには対応していません。"
)
PREVENTION_DESIGNATION_DATE_REQUIRED = Message(
    "prevention_designation_date_required",
    "指定介護予防支援事業所の指定を受けているときは、介護予防支援の指定年月日を入力してください。",
)
PREVENTION_DESIGNATION_TOO_EARLY = Message(
    "prevention_designation_too_early",
    "介護予防支援の指定年月日は令和6年4月1日以降の日付にしてください（居宅介護支援事業所の指定は令和6年4月から）。",
)
