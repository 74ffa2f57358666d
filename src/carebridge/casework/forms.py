"""Forms of casework pages."""

from __future__ import annotations

from typing import Any

from django import forms

from carebridge.careplans.models import Goal
from carebridge.core.forms import ServiceModelForm

from .inputs import ContractInput, EvaluationInput, IntakeInput, MonitoringInput, NoteInput, SpecialCircumstanceInput
from .models import CareManagementContract, GoalResult, Intake, MonitoringVisit, ProgressNote, SpecialCircumstance


class IntakeForm(ServiceModelForm):
    input_class = IntakeInput

    class Meta:
        model = Intake
        fields = [
            "received_on",
            "route",
            "requester_name",
            "requester_relation",
            "requester_phone",
            "subject_name",
            "main_complaint",
            "urgency",
            "outcome",
        ]
        widgets = {"main_complaint": forms.Textarea(attrs={"rows": 3})}


class ContractForm(ServiceModelForm):
    input_class = ContractInput

    class Meta:
        model = CareManagementContract
        fields = ["contracted_on", "multiple_providers_explained", "explanation_note"]
        widgets = {"explanation_note": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "multiple_providers_explained": (
                "複数の事業所の紹介を求められること、事業所の選定理由の説明を求められることを説明した"
            )
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["multiple_providers_explained"].required = False  # the service says why it is needed


class NoteForm(ServiceModelForm):
    input_class = NoteInput

    class Meta:
        model = ProgressNote
        fields = ["noted_on", "category", "content"]
        widgets = {"content": forms.Textarea(attrs={"rows": 3})}


class MonitoringForm(ServiceModelForm):
    class Meta:
        model = MonitoringVisit
        fields = [
            "visited_on",
            "method",
            "video_consent_on",
            "team_agreed_on",
            "service_status",
            "condition_changes",
            "client_view",
            "family_view",
            "reassessment_needed",
        ]
        widgets = {
            n: forms.Textarea(attrs={"rows": 2})
            for n in ("service_status", "condition_changes", "client_view", "family_view")
        }

    def __init__(self, *args: Any, goals: list[Goal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.goals = goals
        for goal in goals:
            self.fields[f"goal{goal.pk}_result"] = forms.ChoiceField(
                label=f"短期目標「{goal.text[:40]}」の評価", choices=[("", "—"), *GoalResult.choices], required=False
            )
            self.fields[f"goal{goal.pk}_comment"] = forms.CharField(label="コメント", required=False)

    def goal_rows(self) -> list[tuple[Goal, forms.BoundField, forms.BoundField]]:
        return [(g, self[f"goal{g.pk}_result"], self[f"goal{g.pk}_comment"]) for g in self.goals]

    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.Meta.fields]

    def initial_evaluations(self, visit: MonitoringVisit) -> None:
        """A correction form opens with the stored evaluations."""
        for evaluation in visit.evaluations.all():
            self.initial[f"goal{evaluation.goal_id}_result"] = evaluation.result
            self.initial[f"goal{evaluation.goal_id}_comment"] = evaluation.comment

    def to_monitoring_input(self) -> MonitoringInput:
        data = self.cleaned_data
        evaluations = tuple(
            EvaluationInput(goal=g, result=data[f"goal{g.pk}_result"], comment=data[f"goal{g.pk}_comment"])
            for g in self.goals
            if data.get(f"goal{g.pk}_result")
        )
        return MonitoringInput(**{n: data[n] for n in self.Meta.fields}, evaluations=evaluations)


class SpecialCircumstanceForm(ServiceModelForm):
    """特段の事情 of one month (the month comes from the page, like the monitoring form's)."""

    input_class = SpecialCircumstanceInput

    class Meta:
        model = SpecialCircumstance
        fields = ["reason", "evidence"]
        widgets = {"evidence": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "reason": "利用者側の事情に限ります（介護支援専門員側の事情やテレビ電話の接続不良は該当しません）。",
            "evidence": "入院先・期間、拒否の状況など、訪問できなかった経緯と根拠を記録します（第5表に載ります）。",
        }


class MonitoringCorrectionForm(MonitoringForm):
    """The monitoring record as stored, with the reason for correcting it (issue 9 item 18)."""

    reason = forms.CharField(label="訂正の理由", widget=forms.Textarea(attrs={"rows": 2}), max_length=500)

    def main_fields(self) -> list[forms.BoundField]:
        return [self["reason"], *super().main_fields()]
