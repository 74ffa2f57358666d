"""Forms of the 利用票 pages (parsing only; slip_services apply the rules)."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from carebridge.core.forms import DateField, DateInput
from carebridge.directory.models import Provider

from .models import ConsentMethod, DeliveryMethod, UsageLine
from .slip_inputs import UsageLineInput
from .slip_selectors import ProviderRow

DAYS_HELP = "31桁の数字（1日〜31日の回数）。例: 0100000…"


class UsageLineForm(forms.Form):
    provider = forms.ModelChoiceField(label="事業所", queryset=Provider.objects.none(), required=False)
    provider_name = forms.CharField(label="事業所名（名簿にない場合）", max_length=100, required=False)
    service_type = forms.CharField(label="サービス種類コード", max_length=2, required=False)
    service_code = forms.CharField(label="サービスコード", max_length=6, required=False)
    service_name = forms.CharField(label="サービス内容", max_length=100)
    start_time = forms.TimeField(label="開始", required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    end_time = forms.TimeField(label="終了", required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    units = forms.IntegerField(label="単位数", min_value=0, max_value=99999)
    limit_managed = forms.BooleanField(label="区分支給限度管理の対象", required=False, initial=True)
    rate_permille = forms.IntegerField(label="加算率（‰）", min_value=1, max_value=1000, required=False)
    over_limit_units = forms.IntegerField(
        label="区分支給限度基準を超える単位数（指定）", min_value=0, max_value=9999999, required=False
    )
    product_code = forms.CharField(label="商品コード（福祉用具貸与）", max_length=20, required=False)
    planned_days = forms.RegexField(
        label="予定（日ごとの回数）",
        regex=r"^[0-9]{31}$",
        initial="0" * 31,
        help_text=DAYS_HELP,
        error_messages={"invalid": "日ごとの回数は31桁の数字で入力してください。"},
    )
    expected_updated_at = forms.DateTimeField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, office_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["provider"])
        field.queryset = Provider.objects.filter(office_id=office_id).order_by("name")

    @staticmethod
    def initial_of(line: UsageLine) -> dict[str, Any]:
        return {
            "provider": line.provider_id,
            "provider_name": "" if line.provider_id else line.provider_name,
            "service_type": line.service_type,
            "service_code": line.service_code,
            "service_name": line.service_name,
            "start_time": line.start_time,
            "end_time": line.end_time,
            "units": line.units,
            "limit_managed": line.limit_managed,
            "rate_permille": line.rate_permille,
            "over_limit_units": line.over_limit_units,
            "product_code": line.product_code,
            "planned_days": line.planned_days,
            "expected_updated_at": line.updated_at,
        }

    def to_input(self) -> UsageLineInput:
        d = self.cleaned_data
        provider = d["provider"]
        return UsageLineInput(
            provider_id=provider.pk if provider else None,
            provider_name=d["provider_name"] or (provider.name if provider else ""),
            service_type=d["service_type"].strip().upper(),
            service_code=d["service_code"].strip().upper(),
            service_name=d["service_name"],
            start_time=d["start_time"],
            end_time=d["end_time"],
            units=d["units"],
            limit_managed=d["limit_managed"],
            rate_permille=d["rate_permille"],
            over_limit_units=d["over_limit_units"],
            product_code=d["product_code"].strip(),
            planned_days=d["planned_days"],
        )


class ActualsForm(forms.Form):
    actual_days = forms.RegexField(
        label="実績（日ごとの回数）",
        regex=r"^([0-9]{31})?$",
        required=False,
        help_text=DAYS_HELP + " 空欄: 未入力。",
        error_messages={"invalid": "日ごとの回数は31桁の数字で入力してください。"},
    )
    expected_updated_at = forms.DateTimeField(required=False, widget=forms.HiddenInput)


class CellForm(forms.Form):
    """One tap on the day grid: 「planned-5-1」 = the planned count of the 5th becomes 1."""

    cell = forms.RegexField(
        label="日の回数",
        regex=r"^(planned|actual)-([1-9]|[12][0-9]|3[01])-[0-9]$",
        error_messages={"invalid": "日は1〜31、回数は0〜9で指定してください。"},
    )
    expected_updated_at = forms.DateTimeField(required=False)

    def parts(self) -> tuple[bool, int, int]:
        kind, day, value = self.cleaned_data["cell"].split("-")
        return kind == "actual", int(day), int(value)


class SlipConsentForm(forms.Form):
    consented_on = DateField(label="同意日", widget=DateInput())
    method = forms.ChoiceField(label="説明の方法", choices=ConsentMethod.choices)
    consented_by = forms.CharField(label="同意した人（本人・家族の氏名）", max_length=50)


class SlipDeliveryForm(forms.Form):
    recipient = forms.ChoiceField(label="交付先の事業所")
    delivered_on = DateField(label="交付日", widget=DateInput())
    method = forms.ChoiceField(label="交付の方法", choices=DeliveryMethod.choices)

    def __init__(self, *args: Any, providers: list[ProviderRow], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = {str(i): p for i, p in enumerate(providers)}
        cast(forms.ChoiceField, self.fields["recipient"]).choices = [(str(i), p.name) for i, p in enumerate(providers)]

    def service_kwargs(self) -> dict[str, Any]:
        row = self.rows[self.cleaned_data["recipient"]]
        return {
            "provider_id": row.provider_id,
            "provider_name": "" if row.provider_id else row.name,
            "delivered_on": self.cleaned_data["delivered_on"],
            "method": self.cleaned_data["method"],
        }


class ReviseForm(forms.Form):
    reason = forms.CharField(label="修正理由", max_length=200, required=False)
