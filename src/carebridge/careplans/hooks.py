"""The facts care plans publish through core.record_hooks (ADR 0006): casework subscribes to them
and writes the 第5表 entry in the same transaction. Kinds are strings; these are ours."""

MEETING_RECORDED = "careplans.meeting"
CONSENT_RECORDED = "careplans.consent"
DELIVERY_RECORDED = "careplans.delivery"
INQUIRY_ANSWERED = "careplans.inquiry_answer"

KINDS = (MEETING_RECORDED, CONSENT_RECORDED, DELIVERY_RECORDED, INQUIRY_ANSWERED)
