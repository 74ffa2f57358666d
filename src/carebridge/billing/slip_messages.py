"""Messages of the 利用票・提供票 (第6表) part of 給付管理."""

from __future__ import annotations

from carebridge.core.messages import Message

SLIP_NOT_DRAFT = Message("slip_not_draft", "確定・締め済みの利用票は変更できません。修正は新しい版で行ってください。")
SLIP_NO_PLAN = Message("slip_no_plan", "この月に有効な居宅サービス計画がありません。")
SLIP_EXISTS = Message("slip_exists", "この月の利用票はすでにあります。")
SLIP_REVISE_REFUSED = Message("slip_revise_refused", "修正版を作れるのは確定・締め済みの利用票だけです。")
SLIP_CONFIRM_BLANK = Message(
    "slip_confirm_blank", "事業所・サービスコード・単位数が未入力の行があるため確定できません。"
)
PRODUCT_CODE_REQUIRED = Message("product_code_required", "福祉用具貸与の行には商品コードを入力してください。")
DAY_OUT_OF_MONTH = Message("day_out_of_month", "この月にない日に回数が入っています。")
DAY_INVALID = Message("day_invalid", "日は1〜31、回数は0〜9で指定してください。")
TIME_ORDER = Message("slip_time_order", "終了時刻は開始時刻より後にしてください。")
PROVIDER_NOT_ON_SLIP = Message("provider_not_on_slip", "この利用票にない事業所です。")
MONTH_INVALID = Message("month_invalid", "対象年月はYYYY-MMの形式で指定してください。")
ACTUALS_NO_SLIP = Message("actuals_no_slip", "この月の利用票がないため実績を取り込めません。")
ACTUALS_OTHER_OFFICE = Message("actuals_other_office", "他の事業所の利用者の実績は取り込めません。")
ACTUALS_UNMATCHED = Message("actuals_unmatched", "利用票の行に当てはまらない実績が{count}件あります（{shown}）。")
ACTUALS_REVISION_REASON = Message("actuals_revision_reason", "締め後の実績の取込（{source}）")
