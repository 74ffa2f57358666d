"""The 利用票 services: generation from the plan in effect, edits of drafts only, confirm, the new
version after confirm (what was agreed is never edited, ARCHITECTURE rule 4), consent, delivery."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from carebridge.billing import slip_messages as messages
from carebridge.billing import slip_rules, slip_selectors, slip_services
from carebridge.billing.models import SlipStatus, UsageSlip
from carebridge.billing.slip_inputs import UsageLineInput
from carebridge.core.writes import StaleWriteError

from ..careplan_helpers import D
from .slip_helpers import MAY, planned_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def slip(world):
    """A draft whose line the master cannot code (a lookup that knows no code): left blank."""
    client, _plan, _providers = planned_client(world)
    return slip_services.slip_generate(actor=world.cm_a, client=client, month=MAY, code_for=slip_rules.no_master)


def test_generate_from_plan(world, slip):
    lines = list(slip.lines.all())
    assert slip.status == SlipStatus.DRAFT and slip.version == 1
    # the helper's weekly entry: Tuesday 10–15 "通所介護" → May 2026 Tuesdays 5 (こどもの日), 12, 19, 26
    assert len(lines) == 1
    assert [i + 1 for i, c in enumerate(lines[0].planned_days) if c == "1"] == [5, 12, 19, 26]
    assert lines[0].provider_id is not None and lines[0].service_code == ""  # no code known: left blank
    with pytest.raises(ValidationError) as exc:
        slip_services.slip_generate(actor=world.cm_a, client=slip.client, month=MAY)
    assert messages.SLIP_EXISTS in exc.value.message_dict["month"]


def test_generate_starts_from_the_master(world):
    """Without a lookup given, the code and units come from the seeded master through the dated
    band table: 通所介護 for a 要介護2 client → 151521 通常規模型 7時間以上8時間未満 要介護2, 777
    units (kyotaku.md's 2024 sample units)."""
    client, _plan, _providers = planned_client(world, "三 花子", "サン　ハナコ")
    line = slip_services.slip_generate(actor=world.cm_a, client=client, month=MAY).lines.get()
    level = client.certifications.get().care_level
    expected = {
        "care_1": ("151511", 658),
        "care_2": ("151521", 777),
        "care_3": ("151531", 900),
        "care_4": ("151541", 1023),
        "care_5": ("151551", 1148),
    }[level]
    assert (line.service_code, line.units, line.limit_managed) == (*expected, True)


def test_generate_with_lookup_and_no_plan(world):
    client, _plan, _providers = planned_client(world, "二 花子", "ニ　ハナコ")
    from .slip_helpers import code_double

    slip = slip_services.slip_generate(actor=world.cm_a, client=client, month=D(2026, 6, 1), code_for=code_double)
    line = slip.lines.get()
    assert (line.service_code, line.units) == ("151111", 658)
    with pytest.raises(ValidationError) as exc:
        slip_services.slip_generate(actor=world.cm_a, client=client, month=D(2026, 1, 1))
    assert messages.SLIP_NO_PLAN in exc.value.message_dict["month"]


def _line(**kw):
    base = {
        "service_name": "訪問介護",
        "service_type": "11",
        "service_code": "111111",
        "units": 250,
        "provider_name": "X",
    }
    base.update(kw)
    return UsageLineInput(**base)


def test_edit_confirm_and_refusals(world, slip):
    line = slip.lines.get()
    slip_services.slip_line_update(
        actor=world.clerk_a, line=line, data=_line(planned_days=line.planned_days), expected_updated_at=line.updated_at
    )
    with pytest.raises(ValidationError) as exc:
        slip_services.slip_line_add(actor=world.cm_a, slip=slip, data=_line(service_type="17", service_code="171111"))
    assert messages.PRODUCT_CODE_REQUIRED in exc.value.message_dict["product_code"]
    added = slip_services.slip_line_add(actor=world.cm_a, slip=slip, data=_line(planned_days="0" * 30 + "1"))
    assert added.position == 1
    slip_services.slip_line_delete(actor=world.cm_a, line=added)
    stale = slip.lines.get()
    old_stamp = stale.updated_at
    slip_services.slip_line_day_set(actor=world.cm_a, line=stale, actual=False, day=1, value=2)
    with pytest.raises(StaleWriteError):
        slip_services.slip_line_day_set(
            actor=world.cm_a, line=slip.lines.get(), actual=False, day=2, value=1, expected_updated_at=old_stamp
        )
    with pytest.raises(PermissionDenied):
        slip_services.slip_line_day_set(actor=world.wcm_a, line=stale, actual=False, day=1, value=1)
    confirmed = slip_services.slip_confirm(actor=world.cm_a, slip=slip)
    assert confirmed.status == SlipStatus.CONFIRMED
    line = slip.lines.get()
    for call in (
        lambda: slip_services.slip_line_update(actor=world.cm_a, line=line, data=_line()),
        lambda: slip_services.slip_line_add(actor=world.cm_a, slip=confirmed, data=_line()),
        lambda: slip_services.slip_line_delete(actor=world.cm_a, line=line),
        lambda: slip_services.slip_line_day_set(actor=world.cm_a, line=line, actual=False, day=3, value=1),
    ):
        with pytest.raises(ValidationError) as exc:
            call()
        assert messages.SLIP_NOT_DRAFT in exc.value.messages
    # actuals are entered until the close (a clerk's work)
    slip_services.slip_line_actuals_set(actor=world.clerk_a, line=line, actual_days=line.planned_days)
    line.refresh_from_db()
    assert line.actual_count == line.planned_count


def test_confirm_refuses_blank_lines(world, slip):
    with pytest.raises(ValidationError) as exc:
        slip_services.slip_confirm(actor=world.cm_a, slip=slip)
    assert messages.SLIP_CONFIRM_BLANK in exc.value.messages


def test_revise_makes_a_new_version(world, slip):
    line = slip.lines.get()
    slip_services.slip_line_update(actor=world.cm_a, line=line, data=_line(planned_days=line.planned_days))
    slip_services.slip_confirm(actor=world.cm_a, slip=slip)
    with pytest.raises(ValidationError):
        slip_services.slip_revise(actor=world.cm_a, slip=_draft_of(world, slip))
    new = slip_services.slip_revise(actor=world.cm_a, slip=UsageSlip.objects.get(pk=slip.pk), reason="実績訂正")
    slip.refresh_from_db()
    assert slip.status == SlipStatus.SUPERSEDED and new.version == 2 and new.replaces_id == slip.pk
    assert new.status == SlipStatus.DRAFT and new.lines.count() == 1
    assert slip_selectors.current_slip(client=slip.client, month=MAY).pk == new.pk


def _draft_of(world, slip):
    """A draft (not revisable)."""
    client = slip.client
    return slip_services.slip_generate(
        actor=world.cm_a, client=client, month=D(2026, 6, 1), code_for=slip_rules.no_master
    )


def test_consent_and_delivery(world, slip):
    slip_services.slip_consent_record(
        actor=world.cm_a, slip=slip, consented_on=D(2026, 4, 28), method="visit", consented_by="請求 花子"
    )
    line = slip.lines.select_related("provider").get()
    with pytest.raises(ValidationError) as exc:
        slip_services.slip_delivery_record(
            actor=world.cm_a,
            slip=slip,
            provider_id=None,
            provider_name="知らない",
            delivered_on=D(2026, 4, 28),
            method="fax",
        )
    assert messages.PROVIDER_NOT_ON_SLIP in exc.value.message_dict["provider"]
    slip_services.slip_delivery_record(
        actor=world.cm_a, slip=slip, provider_id=line.provider_id, delivered_on=D(2026, 4, 28), method="fax"
    )
    page = slip_selectors.slip_page(slip_selectors.current_slip(client=slip.client, month=MAY))
    assert page.consent is not None and page.providers[0].delivered_on == D(2026, 4, 28)
    assert 5 in page.holidays
    state = slip_selectors.slip_state(slip_selectors.current_slip(client=slip.client, month=MAY))
    assert state.providers == state.providers_delivered == 1
