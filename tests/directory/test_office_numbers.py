"""事業所番号 in the directory (issue 9, item 7; MHLW 資料13): hospitals, clinics, dental clinics,
pharmacies, 老健 and 訪問看護ステーション — categories 1, 3, 4, 5, 6 — can be added, and a wrong
check digit is refused with a Japanese message on the field."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from carebridge.core import messages as core_messages
from carebridge.directory import services
from carebridge.directory.inputs import ProviderInput
from carebridge.directory.models import Provider

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("kind", "number"),
    [
        ("hospital", "1213100017"),  # a real hospital's number (医科 under みなし指定)
        ("clinic", "1312000159"),  # 1 医科
        ("clinic", "1332000585"),  # 3 歯科
        ("pharmacy", "1341000220"),  # 4 薬局
        ("service", "1353000316"),  # 5 介護老人保健施設 (短期入所療養介護 22)
        ("service", "1361000472"),  # 6 訪問看護ステーション (訪問看護 13)
    ],
)
def test_medical_and_nursing_providers_can_be_added_with_their_office_number(world, kind, number):
    codes = {"1353000316": ["22"], "1361000472": ["13"]}.get(number, [])
    services.provider_create(
        actor=world.clerk_a,
        data=ProviderInput(name="医療機関", kind=kind, provider_number=number, service_type_codes=codes),
    )
    assert Provider.objects.get(office=world.office_a, provider_number=number).kind == kind


def test_a_wrong_check_digit_is_refused_naming_the_field(world):
    with pytest.raises(ValidationError) as caught:
        services.provider_create(
            actor=world.clerk_a, data=ProviderInput(name="病院", kind="hospital", provider_number="1213100018")
        )
    assert caught.value.message_dict == {"provider_number": [core_messages.OFFICE_NUMBER_CHECK_DIGIT]}
    assert "事業所番号" in core_messages.OFFICE_NUMBER_CHECK_DIGIT
    assert not Provider.objects.exists()
