"""Messages of the FHIR export (Japanese)."""

from carebridge.core.messages import Message

NO_CURRENT_PLAN = Message(
    "no_current_plan", "指定日に実施中の居宅サービス計画がありません（サービス開始日を記録した計画が対象です）。"
)
