"""支援経過 writes itself (issue 9 item 19): recording a meeting, a consent, a delivery, a monitoring
visit, an answer to a 照会 or a renewal filing adds exactly one 第5表 entry (項目 and a short text),
in the same transaction as the fact, editable afterwards (ADR 0006: careplans and clients publish
through core.record_hooks; casework subscribes in its AppConfig.ready)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from carebridge.careplans import hooks as careplan_hooks
from carebridge.careplans import services as careplans
from carebridge.careplans.inputs import ConferenceInput, InquiryInput, PlanConsentInput
from carebridge.casework import services
from carebridge.casework.inputs import MonitoringInput, NoteInput
from carebridge.casework.models import NoteCategory, ProgressNote
from carebridge.clients import services as clients
from carebridge.clients.inputs import ApplicationInput
from carebridge.core import record_hooks
from carebridge.core.dates import month_end, month_start
from carebridge.core.models import AuditEvent

from ..careplan_helpers import draft_plan
from ..factories import CertificationFactory, ProviderFactory

pytestmark = pytest.mark.django_db

Setup = Callable[[Any, Any], Callable[[], object]]


def _plan(world: Any, client: Any) -> Any:
    providers = [ProviderFactory(office=world.office_a, service_type_codes=[c]) for c in ("15", "13", "17")]
    CertificationFactory(client=client)
    return draft_plan(world.cm_a, client, providers)


def _meeting(plan: Any, *inquiries: InquiryInput) -> ConferenceInput:
    return ConferenceInput(
        held_on=plan.drafted_on,
        place="利用者宅",
        items_discussed="原案",
        discussion="入浴の支援",
        conclusion="原案のとおり",
        inquiries=inquiries,
    )


def meeting(world: Any, client: Any) -> Callable[[], object]:
    plan = _plan(world, client)
    return lambda: careplans.conference_create(actor=world.cm_a, plan=plan, data=_meeting(plan))


def consent(world: Any, client: Any) -> Callable[[], object]:
    plan = _plan(world, client)
    careplans.conference_create(actor=world.cm_a, plan=plan, data=_meeting(plan))
    data = PlanConsentInput(consented_on=plan.drafted_on, signer_name=client.name)
    return lambda: careplans.plan_consent_record(actor=world.cm_a, plan=plan, data=data)


def _deliver(world: Any, plan: Any) -> Callable[[], object]:
    careplans.conference_create(actor=world.cm_a, plan=plan, data=_meeting(plan))
    careplans.plan_consent_record(
        actor=world.cm_a, plan=plan, data=PlanConsentInput(consented_on=plan.drafted_on, signer_name="本人")
    )
    return lambda: careplans.plan_delivery_record(
        actor=world.cm_a, plan=plan, provider=None, delivered_on=plan.drafted_on, method="hand"
    )


def monitoring(world: Any, client: Any) -> Callable[[], object]:
    today = timezone.localdate()
    data = MonitoringInput(visited_on=today, service_status="予定どおり利用している")
    return lambda: services.monitoring_record(actor=world.cm_a, client=client, month=month_start(today), data=data)


def inquiry_answer(world: Any, client: Any) -> Callable[[], object]:
    plan = _plan(world, client)
    asked = InquiryInput(recipient="主治医 田中", sent_on=plan.drafted_on, question="入浴してよいか")
    inquiry = careplans.conference_create(actor=world.cm_a, plan=plan, data=_meeting(plan, asked)).inquiries.get()
    return lambda: careplans.inquiry_answer(
        actor=world.cm_a, inquiry=inquiry, answer="入浴は可。血圧に注意", answered_on=plan.drafted_on
    )


def renewal_filing(world: Any, client: Any) -> Callable[[], object]:
    # Validity ending within 60 days, so the renewal may be filed today (介護保険法第28条).
    today = timezone.localdate()
    valid_to = month_end(today + dt.timedelta(days=30))
    CertificationFactory(client=client, valid_from=valid_to.replace(day=1) - dt.timedelta(days=334), valid_to=valid_to)
    data = ApplicationInput(kind="renewal", filed_on=today)
    return lambda: clients.certification_application_create(actor=world.cm_a, client=client, data=data)


TRIGGERS: dict[str, tuple[Setup, str, str]] = {
    # name: (setup, 第5表 項目, a word the text holds)
    "meeting": (meeting, NoteCategory.MEETING, "サービス担当者会議"),
    "consent": (consent, NoteCategory.DOCUMENT, "同意"),
    "delivery": (lambda w, c: _deliver(w, _plan(w, c)), NoteCategory.DOCUMENT, "交付"),
    "monitoring": (monitoring, NoteCategory.VISIT, "モニタリング"),
    "inquiry_answer": (inquiry_answer, NoteCategory.COORDINATION, "照会"),
    "renewal_filing": (renewal_filing, NoteCategory.DOCUMENT, "更新申請"),
}


@pytest.mark.parametrize("name", sorted(TRIGGERS))
def test_each_recorded_fact_writes_exactly_one_progress_note(world, client_a, name):
    setup, category, word = TRIGGERS[name]
    call = setup(world, client_a)
    before = set(ProgressNote.objects.values_list("pk", flat=True))
    call()
    notes = list(ProgressNote.objects.exclude(pk__in=before))
    assert len(notes) == 1, [n.content for n in notes]
    note = notes[0]
    assert (note.client_id, note.category, note.author) == (client_a.pk, category, world.cm_a)
    assert word in note.content
    assert note.source  # which record wrote it
    assert AuditEvent.objects.filter(action="progressnote.auto", subject_id=note.pk).count() == 1


class Boom(Exception):
    pass


@pytest.mark.parametrize("name", sorted(TRIGGERS))
def test_the_note_is_written_in_the_same_transaction_as_the_fact(world, client_a, name):
    """The fact rolled back → its note too (the hook runs inside the service's atomic block)."""
    call = TRIGGERS[name][0](world, client_a)
    before = ProgressNote.objects.count()
    inside: list[int] = []

    def fact_then_failure() -> None:
        with transaction.atomic():
            call()
            inside.append(ProgressNote.objects.count())
            raise Boom

    with pytest.raises(Boom):
        fact_then_failure()
    assert inside == [before + 1]
    assert ProgressNote.objects.count() == before


def test_a_failing_note_rolls_the_consent_back(world, client_a):
    """And the other way round: a hook that fails undoes the consent it was told about."""
    from carebridge.careplans.models import PlanConsent

    call = consent(world, client_a)

    def failing(event: record_hooks.Recorded) -> None:
        raise Boom

    record_hooks.subscribe(careplan_hooks.CONSENT_RECORDED, failing)
    try:
        with pytest.raises(Boom):
            call()
    finally:
        record_hooks._HANDLERS[careplan_hooks.CONSENT_RECORDED].remove(failing)
    assert not ProgressNote.objects.filter(client=client_a, category=NoteCategory.DOCUMENT).exists()
    assert not PlanConsent.objects.filter(plan__client=client_a).exists()


def test_publish_outside_a_transaction_is_refused(db):
    """A hook's write must never outlive a failed service: publish() only inside atomic()."""
    event = record_hooks.Recorded(
        kind="x.y", actor=None, office_id=1, client_id=1, on=dt.date(2026, 4, 1), summary="", subject="", subject_id=1
    )
    # The test itself runs inside pytest-django's atomic block; the guard reads the connection's
    # flag, so the test lowers it for the call (a transactional test would have to flush the
    # append-only audit table as the app role on PostgreSQL).
    from django.db import transaction

    connection = transaction.get_connection()
    saved = connection.in_atomic_block
    connection.in_atomic_block = False
    try:
        with pytest.raises(RuntimeError):
            record_hooks.publish(event)
    finally:
        connection.in_atomic_block = saved


def test_a_note_that_wrote_itself_is_editable(world, client_a):
    monitoring(world, client_a)()
    note = ProgressNote.objects.get(client=client_a)
    data = NoteInput(
        noted_on=note.noted_on, category=NoteCategory.VISIT, content="モニタリング訪問。入浴時にふらつきあり。"
    )
    services.progress_note_update(actor=world.cm_a, note=note, data=data)
    note.refresh_from_db()
    assert note.content == "モニタリング訪問。入浴時にふらつきあり。"
    event = AuditEvent.objects.filter(subject_id=note.pk, event_type="update").get()
    assert event.changes["content"]["new"] == note.content


def test_the_notes_page_edits_an_entry(world, client_a, client):
    monitoring(world, client_a)()
    note = ProgressNote.objects.get(client=client_a)
    client.force_login(world.cm_a)
    url = f"/care/clients/{client_a.pk}/notes/{note.pk}/edit/"
    assert "自動" in client.get(f"/care/clients/{client_a.pk}/notes/").content.decode()
    response = client.post(url, {"noted_on": note.noted_on.isoformat(), "category": "visit", "content": "訂正後"})
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.content == "訂正後"
