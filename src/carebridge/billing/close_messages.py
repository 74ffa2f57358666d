"""Messages of the month close and the 国保連 file (Japanese; codes for tests and the API)."""

from __future__ import annotations

from carebridge.core.messages import Message

CLOSE_HAS_ERRORS = Message(
    "close_has_errors",
    "送信前チェックでエラーがあるため締められません（{count}件）。エラーを直してから締めてください。",
)
NOTHING_TO_CLOSE = Message("nothing_to_close", "締める利用票（確定済み）も、送信していない給付管理票もありません。")
NOTHING_TO_SEND = Message("nothing_to_send", "送信する給付管理票がありません。先に月締めをしてください。")
EXPORT_HAS_ERRORS = Message(
    "export_has_errors", "送信前チェックでエラーがあるため国保連ファイルを作れません（{count}件）。"
)
MONTH_FORMAT = Message("month_format", "対象年月はYYYY-MMの形式で入力してください。")
