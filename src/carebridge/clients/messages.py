"""User-facing messages of the clients app (Japanese)."""

from carebridge.core.messages import Message

CERT_PERIOD_ORDER = Message("cert_period_order", "認定有効期間の終了日は開始日以降の日付にしてください。")
CERT_CERTIFIED_DATE_REQUIRED = Message("cert_certified_date_required", "認定済の場合は認定日を入力してください。")
CERT_LEVEL_REQUIRED = Message("cert_level_required", "認定済の場合は要介護状態区分を選択してください。")
COPAY_RATE_INVALID = Message("copay_rate_invalid", "利用者負担割合は1割・2割・3割のいずれかを選択してください。")
APPLICATION_RENEWAL_TOO_EARLY = Message(
    "application_renewal_too_early", "更新申請は有効期間満了日の60日前（{opens}）から提出できます。"
)
KEY_PERSON_DUPLICATE = Message("key_person_duplicate", "キーパーソンは1人だけ設定できます。")
CONSENT_PERIOD_ORDER = Message("consent_period_order", "同意の有効期限は同意日以降の日付にしてください。")
CARE_MANAGER_OTHER_OFFICE = Message(
    "care_manager_other_office", "担当ケアマネジャーは同じ事業所の介護支援専門員から選択してください。"
)
DUPLICATE_INSURED = Message("duplicate_insured", "同じ保険者番号・被保険者番号の利用者がすでに登録されています。")
BIRTH_DATE_FUTURE = Message("birth_date_future", "生年月日に未来の日付は入力できません。")
CONSENT_COMPANY_OTHER_OFFICE = Message(
    "consent_company_other_office", "提供先の企業は、この事業所と契約している企業から選択してください。"
)
CONSENT_WITHDRAWN_BEFORE_AGREED = Message("consent_withdrawn_before_agreed", "撤回日は同意日以降の日付にしてください。")
APPLICATION_PREVIOUS_OTHER_CLIENT = Message(
    "application_previous_other_client", "前回の認定は、この利用者の認定から選択してください。"
)
CLIENT_STATUS_UNKNOWN = Message(
    "client_status_unknown", "利用者の状態は 相談中・利用中・中断・終了 から選んでください。"
)
CLIENT_STATUS_REFUSED = Message("client_status_refused", "現在の状態からその状態には変更できません。")
CERT_ALREADY_CERTIFIED = Message(
    "cert_already_certified", "この認定はすでに認定済です。内容の訂正は「編集」から行ってください。"
)
APPLICATION_STATUS_REFUSED = Message(
    "application_status_refused", "この申請の状況は、現在の状況からその状況には変更できません。"
)
CONSENT_ALREADY_WITHDRAWN = Message("consent_already_withdrawn", "この同意はすでに撤回されています。")

# 認定有効期間 (介護保険法施行規則第38条・第41条; clients/rules.py period_warnings): warnings only.
CERT_PERIOD_NOT_MONTH_END = Message(
    "cert_period_not_month_end", "認定有効期間の終了日が月末ではありません（有効期間は月末で終わります）。"
)
CERT_PERIOD_TOO_SHORT = Message(
    "cert_period_too_short",
    "認定有効期間が{months}か月です。{kind}の有効期間は{low}〜{high}か月（原則{standard}か月）です。",
)
CERT_PERIOD_TOO_LONG = Message(
    "cert_period_too_long",
    "認定有効期間が{months}か月です。{kind}の有効期間は{low}〜{high}か月（原則{standard}か月）です。",
)
CERT_KIND_UNKNOWN = Message("cert_kind_unknown", "認定の種類は 新規・更新・区分変更 から選んでください。")
SHORT_STAY_APPROVAL_OTHER_CLIENT = Message(
    "short_stay_approval_other_client", "要介護認定は、この利用者の認定から選択してください。"
)
SHORT_STAY_APPROVAL_NOTE_REQUIRED = Message(
    "short_stay_approval_note_required", "理由書の要旨・承認の内容を入力してください。"
)
SHORT_STAY_APPROVAL_FUTURE = Message("short_stay_approval_future", "保険者の承認日に未来の日付は入力できません。")
