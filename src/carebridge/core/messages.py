"""Message constants shown to users (Japanese). Tests assert these constants, not copies."""

NOT_FOUND = "指定された記録は見つかりません。"
PERMISSION_DENIED = "この操作を行う権限がありません。"
USER_OFFICE_REQUIRED = "事業所の職員には所属事業所を設定してください（企業は設定できません）。"
USER_COMPANY_REQUIRED = "人事担当者・従業員には所属企業を設定してください（事業所は設定できません）。"
AUDIT_APPEND_ONLY = "監査ログは追記のみです。変更・削除はできません。"
LOGIN_LOCKED = "ログインに続けて失敗したため、一時的にロックされています。30分後に再度お試しください。"
