"""Forms of the care-plan pages (parsing only; services apply the rules)."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from carebridge.core.forms import DateField, DateInput, ServiceModelForm
from carebridge.directory.models import Provider

from .inputs import (
    AttendeeInput,
    ConferenceInput,
    InquiryInput,
    PlanConsentInput,
    PlanInput,
    ServiceInput,
    WeeklyEntryInput,
)
from .models import (
    AttendeeKind,
    CareConference,
    CarePlan,
    DeliveryMethod,
    PlanConsent,
    PlannedService,
    WeeklyScheduleEntry,
)


class PlanForm(ServiceModelForm):
    input_class = PlanInput

    class Meta:
        model = CarePlan
        fields = [
            "drafted_on",
            "made_on",
            "reason",
            "plan_origin",
            "intentions",
            "board_opinion",
            "policy",
            "living_support_reason",
            "living_support_note",
            "daily_activities",
            "non_weekly_services",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("intentions", "board_opinion", "policy", "daily_activities", "non_weekly_services")
        }
        help_texts = {"made_on": "第1〜3表の右上に印字する日。空欄なら作成（変更）日と同じ日にします。"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["made_on"].required = False


class NeedForm(forms.Form):
    text = forms.CharField(label="生活全般の解決すべき課題（ニーズ）", widget=forms.Textarea(attrs={"rows": 2}))


class GoalForm(forms.Form):
    text = forms.CharField(label="目標", widget=forms.Textarea(attrs={"rows": 2}))
    period_start = DateField(label="期間（開始）", widget=DateInput())
    period_end = DateField(label="期間（終了）", widget=DateInput())


class ServiceForm(ServiceModelForm):
    input_class = ServiceInput

    class Meta:
        model = PlannedService
        fields = [
            "content",
            "insured",
            "service_kind",
            "provider",
            "provider_name",
            "frequency",
            "period_start",
            "period_end",
            "short_stay_days",
        ]
        widgets = {"content": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"service_kind": "例: 訪問介護、通所介護、福祉用具貸与、配食サービス"}

    def __init__(self, *args: Any, office_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = Provider.objects.filter(  # type: ignore[attr-defined]
            office_id=office_id, is_active=True
        ).order_by("name")
        self.fields["short_stay_days"].required = False

    def clean_short_stay_days(self) -> int:
        return self.cleaned_data.get("short_stay_days") or 0


class WeeklyEntryForm(ServiceModelForm):
    input_class = WeeklyEntryInput

    class Meta:
        model = WeeklyScheduleEntry
        fields = ["weekday", "start_time", "end_time", "label"]
        widgets = {
            "start_time": forms.TimeInput(attrs={"type": "time"}),
            "end_time": forms.TimeInput(attrs={"type": "time"}),
        }


ATTENDEE_ROWS = 6
INQUIRY_ROWS = 2


class ConferenceForm(ServiceModelForm):
    """第4表 with attendee rows (at least ATTENDEE_ROWS, more when the plan has more providers) and
    inquiry rows; rows left empty are ignored."""

    class Meta:
        model = CareConference
        fields = [
            "held_on",
            "place",
            "start_time",
            "end_time",
            "count",
            "items_discussed",
            "discussion",
            "conclusion",
            "remaining_issues",
            "next_date",
        ]
        widgets = {
            "start_time": forms.TimeInput(attrs={"type": "time"}),
            "end_time": forms.TimeInput(attrs={"type": "time"}),
            **{
                n: forms.Textarea(attrs={"rows": 3})
                for n in ("items_discussed", "discussion", "conclusion", "remaining_issues")
            },
        }

    def __init__(self, *args: Any, attendee_rows: int = ATTENDEE_ROWS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.attendee_count = attendee_rows
        for i in range(attendee_rows):
            self.fields[f"att{i}_kind"] = forms.ChoiceField(
                label=f"出席者{i + 1} 区分", required=False, choices=[("", "—"), *AttendeeKind.choices]
            )
            self.fields[f"att{i}_affiliation"] = forms.CharField(label="所属（職種）", required=False, max_length=100)
            self.fields[f"att{i}_name"] = forms.CharField(label="氏名", required=False, max_length=50)
            self.fields[f"att{i}_relation"] = forms.CharField(label="続柄", required=False, max_length=20)
            self.fields[f"att{i}_absent"] = forms.BooleanField(label="欠席", required=False)
            self.fields[f"att{i}_absence_reason"] = forms.CharField(label="欠席理由", required=False, max_length=200)
        for i in range(INQUIRY_ROWS):
            self.fields[f"inq{i}_recipient"] = forms.CharField(label=f"照会先{i + 1}", required=False, max_length=100)
            self.fields[f"inq{i}_sent_on"] = DateField(label="照会日", required=False, widget=DateInput())
            self.fields[f"inq{i}_question"] = forms.CharField(label="照会内容", required=False)
            self.fields[f"inq{i}_answer"] = forms.CharField(label="回答", required=False)
            self.fields[f"inq{i}_answered_on"] = DateField(label="回答日", required=False, widget=DateInput())

    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.Meta.fields]

    def attendee_rows(self) -> list[list[forms.BoundField]]:
        keys = ("kind", "affiliation", "name", "relation", "absent", "absence_reason")
        return [[self[f"att{i}_{k}"] for k in keys] for i in range(self.attendee_count)]

    def inquiry_rows(self) -> list[list[forms.BoundField]]:
        keys = ("recipient", "sent_on", "question", "answer", "answered_on")
        return [[self[f"inq{i}_{k}"] for k in keys] for i in range(INQUIRY_ROWS)]

    def to_conference_input(self) -> ConferenceInput:
        """The meeting with its filled attendee and inquiry rows. An attendee row is kept when anything
        but its kind is filled: a provider's row pre-filled with its name stays even while the person
        is not known (never dropped for a blank 氏名); only rows with nothing typed are ignored."""
        data = self.cleaned_data
        typed = ("name", "affiliation", "relation", "absence_reason")
        attendees = tuple(
            AttendeeInput(
                kind=data[f"att{i}_kind"] or AttendeeKind.OTHER,
                name=data[f"att{i}_name"],
                affiliation=data[f"att{i}_affiliation"],
                relation=data[f"att{i}_relation"],
                attended=not data[f"att{i}_absent"],
                absence_reason=data[f"att{i}_absence_reason"],
            )
            for i in range(self.attendee_count)
            if any(data.get(f"att{i}_{key}", "").strip() for key in typed) or data.get(f"att{i}_absent")
        )
        inquiries = tuple(
            InquiryInput(
                recipient=data[f"inq{i}_recipient"],
                sent_on=data[f"inq{i}_sent_on"],
                question=data[f"inq{i}_question"],
                answer=data[f"inq{i}_answer"],
                answered_on=data[f"inq{i}_answered_on"],
            )
            for i in range(INQUIRY_ROWS)
            if data.get(f"inq{i}_recipient")
        )
        main = {name: data[name] for name in self.Meta.fields}
        return ConferenceInput(**main, attendees=attendees, inquiries=inquiries)


class ConsentForm(ServiceModelForm):
    input_class = PlanConsentInput

    class Meta:
        model = PlanConsent
        fields = ["consented_on", "signer_name", "signer_relation", "method"]


class DeliveryForm(forms.Form):
    recipient = forms.ChoiceField(label="交付先")
    delivered_on = DateField(label="交付日", widget=DateInput())
    method = forms.ChoiceField(label="交付方法", choices=[])

    def __init__(self, *args: Any, providers: list[Provider], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.providers = {str(p.pk): p for p in providers}
        recipient = cast(forms.ChoiceField, self.fields["recipient"])
        method = cast(forms.ChoiceField, self.fields["method"])
        recipient.choices = [("client", "利用者本人"), *[(str(p.pk), p.name) for p in providers]]
        method.choices = DeliveryMethod.choices

    def service_kwargs(self) -> dict[str, Any]:
        recipient = self.cleaned_data["recipient"]
        return {
            "provider": None if recipient == "client" else self.providers[recipient],
            "delivered_on": self.cleaned_data["delivered_on"],
            "method": self.cleaned_data["method"],
        }


class ActivateForm(forms.Form):
    service_start_on = DateField(label="サービス開始日", widget=DateInput())


class ReviseForm(forms.Form):
    drafted_on = DateField(label="変更日（新しい版の作成日）", widget=DateInput())
    reason = forms.ChoiceField(
        label="変更の理由",
        choices=[
            ("change", "計画の変更"),
            ("renewal", "要介護更新認定"),
            ("level_change", "区分変更認定"),
            ("minor", "軽微な変更"),
        ],
    )
