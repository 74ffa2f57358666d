"""Messages of the fee and 集中減算 areas (Japanese; asserted in tests)."""

from __future__ import annotations

INFO_BEFORE_ADMISSION = "情報提供日は入院日以降の日付を入力してください。"
INFO_ONLY_FOR_ADMISSION = "情報提供日は入院時情報連携加算のときだけ入力します。"
INFO_REQUIRED = "入院時情報連携加算には情報提供日が必要です。"
CONTACTS_RANGE = "連携の回数は1〜9回で入力してください。"
PERIOD_FORMAT = "判定期間は 2026H1（3月〜8月）または 2026H2（9月〜2月）の形式で入力してください。"
REASON_REQUIRED = "正当な理由を入力してください。"
GROUP_UNKNOWN = "サービス種類は 11（訪問介護）、15（通所介護）、17（福祉用具貸与）から選んでください。"
DATE_TEXT = "日付は YYYY-MM-DD の形式で入力してください。"
