"""User-facing messages of assessments (Japanese)."""

ASSESSMENT_LOCKED = "同意済みの計画の根拠になったアセスメントは変更できません。新しいアセスメントを作成してください。"
