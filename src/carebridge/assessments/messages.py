"""User-facing messages of assessments (Japanese)."""

from carebridge.core.messages import Message

ASSESSMENT_LOCKED = Message(
    "assessment_locked",
    "同意済みの計画の根拠になったアセスメントは変更できません。新しいアセスメントを作成してください。",
)
