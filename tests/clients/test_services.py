"""Client services: normalisation, validation messages in Japanese naming the field, domain rules."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from carebridge.clients import messages, services
from carebridge.clients.inputs import ApplicationInput, CertificationInput, ClientInput, ConsentInput, ContactInput
from carebridge.clients.models import Client
from carebridge.core import messages as core_messages

from ..factories import CertificationFactory, ClientFactory

pytestmark = pytest.mark.django_db

VALID = {
    "name": "佐藤 キヨ",
    "kana": "ｻﾄｳ ｷﾖ",
    "birth_date": dt.date(1938, 5, 3),
    "sex": "female",
    "insurer_number": "１３１１２８",
    "insured_number": "0000012345",
    "postal_code": "1540017",
}


def test_create_normalises_kana_digits_and_postal_code(world):
    client = services.client_create(actor=world.cm_a, data=ClientInput(**VALID))
    assert client.kana == "サトウ\u3000キヨ"
    assert client.insurer_number == "131128"
    assert client.postal_code == "154-0017"
    assert client.office == world.office_a


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "insurer_number",
            "131129",
            core_messages.INSURER_NUMBER_CHECK_DIGIT,
        ),
        (
            "insured_number",
            "12345",
            core_messages.INSURED_NUMBER_FORMAT,
        ),
        ("kana", "佐藤", core_messages.KANA_FORMAT),
        ("postal_code", "15400", core_messages.POSTAL_CODE_FORMAT),
        ("birth_date", dt.date(2099, 1, 1), messages.BIRTH_DATE_FUTURE),
    ],
)
def test_bad_values_give_japanese_messages_on_the_field(world, field, value, message):
    with pytest.raises(ValidationError) as exc:
        services.client_create(actor=world.cm_a, data=ClientInput(**{**VALID, field: value}))
    assert exc.value.message_dict[field] == [message]
    assert not Client.objects.exists()


def test_duplicate_insured_number_in_the_office_is_refused(world):
    services.client_create(actor=world.cm_a, data=ClientInput(**VALID))
    with pytest.raises(ValidationError) as exc:
        services.client_create(actor=world.cm_a, data=ClientInput(**VALID))
    assert exc.value.message_dict["insured_number"] == [messages.DUPLICATE_INSURED]


def test_same_insured_number_in_another_office_is_fine(world):
    services.client_create(actor=world.cm_a, data=ClientInput(**VALID))
    assert services.client_create(actor=world.cm_b, data=ClientInput(**VALID)).office == world.office_b


def test_care_manager_must_be_of_the_same_office(world):
    with pytest.raises(ValidationError) as exc:
        services.client_create(actor=world.cm_a, data=ClientInput(care_manager=world.cm_b, **VALID))
    assert exc.value.message_dict["care_manager"] == [messages.CARE_MANAGER_OTHER_OFFICE]


def test_services_refuse_roles_without_permission(world, client_a):
    with pytest.raises(PermissionDenied):
        services.client_create(actor=world.wcm_a, data=ClientInput(**VALID))
    with pytest.raises(PermissionDenied):
        services.consent_create(
            actor=world.clerk_a,
            client=client_a,
            data=ConsentInput(
                scope="基本情報", recipient_kind="provider", recipient="A", agreed_on=dt.date(2026, 4, 1)
            ),
        )


def test_only_one_key_person(world, client_a):
    services.contact_create(
        actor=world.cm_a, client=client_a, data=ContactInput(name="山田 恵子", relationship="長女", is_key_person=True)
    )
    with pytest.raises(ValidationError) as exc:
        services.contact_create(
            actor=world.cm_a,
            client=client_a,
            data=ContactInput(name="山田 誠", relationship="長男", is_key_person=True),
        )
    assert exc.value.message_dict["is_key_person"] == [messages.KEY_PERSON_DUPLICATE]


def test_certified_needs_level_and_date(world, client_a):
    with pytest.raises(ValidationError) as exc:
        services.certification_create(
            actor=world.cm_a,
            client=client_a,
            status="certified",
            data=CertificationInput(valid_from=dt.date(2026, 4, 1), valid_to=dt.date(2026, 9, 30)),
        )
    assert exc.value.message_dict["care_level"] == [messages.CERT_LEVEL_REQUIRED]
    assert exc.value.message_dict["certified_on"] == [messages.CERT_CERTIFIED_DATE_REQUIRED]


def test_certification_period_order(world, client_a):
    with pytest.raises(ValidationError) as exc:
        services.certification_create(
            actor=world.cm_a,
            client=client_a,
            status="applied",
            data=CertificationInput(valid_from=dt.date(2026, 4, 1), valid_to=dt.date(2026, 3, 31)),
        )
    assert exc.value.message_dict["valid_to"] == [messages.CERT_PERIOD_ORDER]


def test_certification_benefit_limit_follows_level(world, client_a):
    cert = CertificationFactory(client=client_a, care_level="care_3")
    assert cert.benefit_limit_units == 27048


def test_renewal_application_before_the_window_is_refused(world, client_a):
    # 更新申請は有効期間満了の日の60日前から (介護保険法第28条・施行規則): expiry 2027-03-31 → from 2027-01-30.
    CertificationFactory(client=client_a, valid_to=dt.date(2027, 3, 31))
    with pytest.raises(ValidationError) as exc:
        services.certification_application_create(
            actor=world.cm_a, client=client_a, data=ApplicationInput(kind="renewal", filed_on=dt.date(2027, 1, 29))
        )
    assert exc.value.message_dict["filed_on"] == [messages.APPLICATION_RENEWAL_TOO_EARLY.format(opens="令和9年1月30日")]
    app = services.certification_application_create(
        actor=world.cm_a, client=client_a, data=ApplicationInput(kind="renewal", filed_on=dt.date(2027, 1, 30))
    )
    assert app.pk


def test_consent_withdrawal_is_recorded_not_deleted(world, client_a):
    consent = services.consent_create(
        actor=world.cm_a,
        client=client_a,
        data=ConsentInput(
            scope="基本情報",
            recipient_kind="company",
            recipient="さくら製作所",
            agreed_on=dt.date(2026, 4, 1),
            valid_until=dt.date(2027, 3, 31),
        ),
    )
    assert consent.is_in_force(dt.date(2026, 6, 1))
    services.consent_withdraw(actor=world.cm_a, consent=consent, withdrawn_on=dt.date(2026, 6, 1))
    consent.refresh_from_db()
    assert not consent.is_in_force(dt.date(2026, 6, 1))


def test_consent_period_order(world, client_a):
    with pytest.raises(ValidationError) as exc:
        services.consent_create(
            actor=world.cm_a,
            client=client_a,
            data=ConsentInput(
                scope="基本情報",
                recipient_kind="provider",
                recipient="A",
                agreed_on=dt.date(2026, 4, 1),
                valid_until=dt.date(2026, 3, 1),
            ),
        )
    assert exc.value.message_dict["valid_until"] == [messages.CONSENT_PERIOD_ORDER]


def test_client_factory_world_isolated(world):
    ClientFactory(office=world.office_b)
    assert Client.objects.filter(office=world.office_a).count() == 0


def test_duplicate_insured_number_gives_one_message(world):
    services.client_create(actor=world.cm_a, data=ClientInput(**VALID))
    with pytest.raises(ValidationError) as exc:
        services.client_create(actor=world.cm_a, data=ClientInput(**VALID))
    assert exc.value.messages == [messages.DUPLICATE_INSURED]


def test_consent_company_must_contract_this_office(world, client_a):
    from ..factories import CompanyFactory

    foreign = CompanyFactory(office=world.office_b)
    with pytest.raises(ValidationError) as exc:
        services.consent_create(
            actor=world.cm_a,
            client=client_a,
            data=ConsentInput(
                scope="基本情報",
                recipient_kind="company",
                recipient="他社",
                company=foreign,
                agreed_on=dt.date(2026, 4, 1),
            ),
        )
    assert exc.value.message_dict["company"] == [messages.CONSENT_COMPANY_OTHER_OFFICE]


def test_consent_cannot_be_withdrawn_before_it_was_given(world, client_a):
    consent = services.consent_create(
        actor=world.cm_a,
        client=client_a,
        data=ConsentInput(scope="基本情報", recipient_kind="provider", recipient="A", agreed_on=dt.date(2026, 4, 1)),
    )
    with pytest.raises(ValidationError) as exc:
        services.consent_withdraw(actor=world.cm_a, consent=consent, withdrawn_on=dt.date(2026, 3, 1))
    assert exc.value.message_dict["withdrawn_on"] == [messages.CONSENT_WITHDRAWN_BEFORE_AGREED]


def test_application_previous_certification_must_be_the_clients_own(world, client_a):
    other = CertificationFactory(client=ClientFactory(office=world.office_a))
    with pytest.raises(ValidationError) as exc:
        services.certification_application_create(
            actor=world.cm_a,
            client=client_a,
            data=ApplicationInput(kind="change", filed_on=dt.date(2026, 6, 1), previous_certification=other),
        )
    assert exc.value.message_dict["previous_certification"] == [messages.APPLICATION_PREVIOUS_OTHER_CLIENT]
