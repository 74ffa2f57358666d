"""The one write door (core/writes.py): allow-listed fields only, status only through lifecycle
services, only changed fields saved, stale edits refused, lifecycle steps audited as actions."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import inspect
import json

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from carebridge.careplans import services as plan_services
from carebridge.careplans.inputs import PlanInput
from carebridge.clients import services as client_services
from carebridge.clients.inputs import ClientInput
from carebridge.core import messages
from carebridge.core.inputs import input_from
from carebridge.core.models import AuditEvent
from carebridge.core.services import api_token_create
from carebridge.core.writes import StaleWriteError

from ..careplan_helpers import agree_and_start, draft_plan
from ..factories import ProviderFactory

pytestmark = pytest.mark.django_db


def _services_modules():
    for config in apps.get_app_configs():
        if config.name.startswith("carebridge."):
            try:
                yield importlib.import_module(f"{config.name}.services")
            except ModuleNotFoundError:
                continue


def test_no_service_takes_arbitrary_fields():
    """House rule 2: keyword-only typed services, never **fields."""
    for module in _services_modules():
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ != module.__name__ or name.startswith("_"):
                continue
            for parameter in inspect.signature(function).parameters.values():
                assert parameter.kind != parameter.VAR_KEYWORD, f"{module.__name__}.{name} takes **{parameter.name}"


def test_no_editable_set_holds_status_or_ownership():
    for module in _services_modules():
        for name, value in vars(module).items():
            if name.endswith("_EDITABLE"):
                assert not value & {"status", "office", "office_id", "client", "is_superuser"}, f"{name}: {value}"


def test_careplan_update_refuses_status(world, client_a):
    plan = draft_plan(world.cm_a, client_a, [ProviderFactory(office=world.office_a)] * 3)
    with pytest.raises(TypeError):
        plan_services.careplan_update(actor=world.cm_a, plan=plan, status="active")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        dataclasses.replace(PlanInput(drafted_on=plan.drafted_on), status="active")
    with pytest.raises(ValidationError) as exc:
        input_from(PlanInput, {"status": "active"}, base=plan)
    assert exc.value.message_dict == {"status": [messages.FIELD_NOT_EDITABLE]}
    plan.refresh_from_db()
    assert plan.status == "draft"


def test_client_update_refuses_office(world, client_a):
    with pytest.raises(TypeError):
        client_services.client_update(actor=world.cm_a, client=client_a, office=world.office_b)  # type: ignore[call-arg]
    with pytest.raises(ValidationError) as exc:
        input_from(ClientInput, {"office": world.office_b}, base=client_a)
    assert exc.value.message_dict == {"office": [messages.FIELD_NOT_EDITABLE]}
    client_a.refresh_from_db()
    assert client_a.office == world.office_a


def test_the_api_refuses_status_and_office_in_a_patch_by_name(world, client, client_a):
    token = api_token_create(actor=None, user=world.cm_a)
    response = client.patch(
        f"/api/v1/clients/{client_a.pk}",
        json.dumps({"status": "ended", "office_id": world.office_b.pk}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 422
    detail = {(tuple(d["loc"]), d["code"]) for d in response.json()["detail"]}
    assert detail == {
        (("body", "payload", "status"), "field_not_editable"),
        (("body", "payload", "office_id"), "field_not_editable"),
    }
    client_a.refresh_from_db()
    assert (client_a.status, client_a.office_id) == ("active", world.office_a.pk)


def test_an_update_saves_only_the_changed_fields(world, client_a):
    with CaptureQueriesContext(connection) as queries:
        client_services.client_update(
            actor=world.cm_a, client=client_a, data=input_from(ClientInput, {"address": "新住所"}, base=client_a)
        )
    updates = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    assert len(updates) == 1
    assert '"address"' in updates[0] and '"name"' not in updates[0] and '"kana"' not in updates[0]


def test_two_clerks_editing_different_fields_keep_both_changes(world, client_a):
    """The lost update of the review: each saves only what it changed."""
    from carebridge.clients.models import Client

    first = Client.objects.get(pk=client_a.pk)
    second = Client.objects.get(pk=client_a.pk)
    client_services.client_update(
        actor=world.clerk_a, client=first, data=input_from(ClientInput, {"phone": "03-1111-2222"}, base=first)
    )
    client_services.client_update(
        actor=world.cm_a, client=second, data=input_from(ClientInput, {"address": "新住所"}, base=second)
    )
    client_a.refresh_from_db()
    assert (client_a.phone, client_a.address) == ("03-1111-2222", "新住所")


def test_a_stale_edit_is_refused_and_nothing_is_written(world, client_a):
    started = client_a.updated_at
    client_services.client_update(
        actor=world.clerk_a,
        client=client_a,
        data=input_from(ClientInput, {"phone": "03-1111-2222"}, base=client_a),
        expected_updated_at=started,
    )
    events = AuditEvent.objects.count()
    with pytest.raises(StaleWriteError) as exc:
        client_services.client_update(
            actor=world.cm_a,
            client=client_a,
            data=input_from(ClientInput, {"phone": "03-9999-0000"}, base=client_a),
            expected_updated_at=started,
        )
    assert exc.value.messages == [messages.STALE_WRITE]
    client_a.refresh_from_db()
    assert client_a.phone == "03-1111-2222"
    assert AuditEvent.objects.count() == events


def test_two_patches_from_the_same_version_give_one_success_and_one_409(world, client, client_a):
    token = api_token_create(actor=None, user=world.cm_a)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    start = client.get(f"/api/v1/clients/{client_a.pk}", **auth).json()["updated_at"]
    first = client.patch(
        f"/api/v1/clients/{client_a.pk}",
        json.dumps({"phone": "03-1111-2222", "updated_at": start}),
        content_type="application/json",
        **auth,
    )
    second = client.patch(
        f"/api/v1/clients/{client_a.pk}",
        json.dumps({"address": "別の住所", "updated_at": start}),
        content_type="application/json",
        **auth,
    )
    assert first.status_code == 200
    assert second.status_code == 409
    assert second.json() == {"detail": messages.STALE_WRITE, "code": "stale_write"}
    client_a.refresh_from_db()
    assert client_a.address != "別の住所"


def test_two_sessions_editing_one_client_get_one_success_and_a_conflict_message(world, client_a):
    from django.test import Client as Browser

    clerk, manager = Browser(), Browser()
    clerk.force_login(world.clerk_a)
    manager.force_login(world.cm_a)
    form_a = clerk.get(f"/clients/{client_a.pk}/edit/").context["form"]
    form_b = manager.get(f"/clients/{client_a.pk}/edit/").context["form"]

    def post(browser, form, **changes):
        data = {name: form[name].value() or "" for name in form.fields}
        data.update(changes)
        return browser.post(f"/clients/{client_a.pk}/edit/", data)

    assert post(clerk, form_a, phone="03-1111-2222").status_code == 302
    refused = post(manager, form_b, address="別の住所")
    assert refused.status_code == 200
    assert messages.STALE_WRITE in refused.content.decode()
    client_a.refresh_from_db()
    assert (client_a.phone, client_a.address) == ("03-1111-2222", "")


def test_lifecycle_steps_are_audited_as_their_own_actions(world, client_a):
    providers = [ProviderFactory(office=world.office_a, service_type_codes=[c]) for c in ("15", "13", "17")]
    plan = agree_and_start(world.cm_a, draft_plan(world.cm_a, client_a, providers), providers)
    actions = list(
        AuditEvent.objects.filter(subject_type="careplans.careplan", subject_id=str(plan.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "careplan.created",
        "careplan.presented",
        "careplan.consented",
        "careplan.delivered",
        "careplan.activated",
    ]
    newer = plan_services.careplan_revise(actor=world.cm_a, plan=plan, drafted_on=dt.date(2026, 7, 1))
    assert AuditEvent.objects.filter(subject_id=str(newer.pk), action="careplan.revised").exists()
    assert AuditEvent.objects.filter(action="assessment.agreed").count() == 0  # draft_plan made no assessment


def test_every_message_constant_has_its_own_code():
    from carebridge.core.messages import Message

    seen: dict[str, str] = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("carebridge."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.messages")
        except ModuleNotFoundError:
            continue
        for name, value in vars(module).items():
            if name.isupper() and isinstance(value, str):
                assert isinstance(value, Message), f"{module.__name__}.{name} is a plain string"
                assert value.code == name.lower(), f"{module.__name__}.{name} has code {value.code}"
                assert seen.setdefault(value.code, module.__name__) == module.__name__, f"{value.code} twice"
