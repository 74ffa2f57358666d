"""The permission matrix: every page and API operation with four callers — anonymous, another
office, the same office without the role, the same office with the role.

Each app's tests/<app>/test_permissions.py lists its `CASES` and calls `matrix(CASES)` to get
the four parametrized tests. tests/test_matrix_complete.py fails when a URL pattern or an
OpenAPI operation is in no matrix. What the harness asserts:

- anonymous: pages redirect to the login, the API answers 401; nothing changes;
- another office: 404 for office A's records (nothing changes), or, for collection pages and
  creates, an answer that shows none of office A's records and leaves office A unchanged;
- same office without the role: 403 or 404 as the case says; nothing changes;
- same office with the role: the expected status; a write passes its named post-condition (the
  row landed in the actor's office, the field has the new value …); a read of a client record
  writes exactly one view event, a read of many records (a list, a search, a report) exactly one
  list event, any other read none; and every client of office A whose name the answer shows is
  named by the view events that answer wrote (read logging, issue 7).

"Nothing changes" is a fingerprint of every model of every carebridge.* app (users, API tokens
and the audit trail included, view events too) plus the OTP devices.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import pytest
from django.apps import apps
from django.db import connection, models
from django.urls import resolve
from django_otp.plugins.otp_totp.models import TOTPDevice

from carebridge.core.models import ApiToken, AuditEvent, User
from carebridge.core.services import api_token_create
from carebridge.desk.demo import with_check_digit

from .careplan_helpers import draft_plan
from .factories import CertificationFactory, ClientFactory, ConsentFactory, ContactFactory, ProviderFactory

# Bookkeeping that a call may touch without changing anything (a token's last use, a login).
IGNORED_FIELDS = {"last_used_at", "last_login"}


class Objs:
    """Office A's records that cases reach, each made on first use."""

    def __init__(self, world: Any) -> None:
        self.world = world

    def __getitem__(self, key: str) -> Any:
        return getattr(self, key)

    @cached_property
    def client(self) -> Any:
        return ClientFactory(office=self.world.office_a, care_manager=self.world.cm_a, name="計画 太郎")

    @cached_property
    def cert(self) -> Any:
        return CertificationFactory(client=self.client)

    @cached_property
    def applied_cert(self) -> Any:
        return CertificationFactory(
            client=self.client, status="applied", care_level="", certified_on=None, valid_from=self.cert.valid_to
        )

    @cached_property
    def contact(self) -> Any:
        return ContactFactory(client=self.client)

    @cached_property
    def consent(self) -> Any:
        return ConsentFactory(client=self.client)

    @cached_property
    def application(self) -> Any:
        from carebridge.clients.models import CertificationApplication

        return CertificationApplication.objects.create(
            office=self.world.office_a, client=self.client, kind="change", status="filed"
        )

    @cached_property
    def provider(self) -> Any:
        return ProviderFactory(office=self.world.office_a)

    @cached_property
    def providers(self) -> list[Any]:
        return [ProviderFactory(office=self.world.office_a, service_type_codes=[c]) for c in ("15", "13", "17")]

    @cached_property
    def resource(self) -> Any:
        from carebridge.directory.models import Resource

        return Resource.objects.create(office=self.world.office_a, name="配食B", category="meal_delivery")

    @cached_property
    def specialist(self) -> Any:
        from carebridge.directory.models import Specialist

        return Specialist.objects.create(office=self.world.office_a, name="木下 誠", profession="sharoushi")

    @cached_property
    def plan(self) -> Any:
        self.cert  # noqa: B018 - the plan is made under the client's certification
        return draft_plan(self.world.cm_a, self.client, self.providers)

    def _second_client(self, name: str) -> Any:
        client = ClientFactory(office=self.world.office_a, care_manager=self.world.cm_a, name=name)
        CertificationFactory(client=client)
        return client

    @cached_property
    def consented_plan(self) -> Any:
        """A plan of another client, consented and not yet delivered."""
        from carebridge.careplans import services
        from carebridge.careplans.inputs import ConferenceInput, PlanConsentInput

        plan = draft_plan(self.world.cm_a, self._second_client("同意 花子"), self.providers)
        meeting = ConferenceInput(
            held_on=plan.drafted_on, place="自宅", items_discussed="x", discussion="x", conclusion="x"
        )
        services.conference_create(actor=self.world.cm_a, plan=plan, data=meeting)
        consent = PlanConsentInput(consented_on=plan.drafted_on, signer_name="本人")
        services.plan_consent_record(actor=self.world.cm_a, plan=plan, data=consent)
        return plan

    @cached_property
    def delivered_plan(self) -> Any:
        from carebridge.careplans import services

        plan = self.consented_plan
        for provider in [None, *self.providers]:
            services.plan_delivery_record(
                actor=self.world.cm_a, plan=plan, provider=provider, delivered_on=plan.drafted_on, method="hand"
            )
        plan.refresh_from_db()
        return plan

    @cached_property
    def active_plan(self) -> Any:
        from .careplan_helpers import agree_and_start

        return agree_and_start(
            self.world.cm_a,
            draft_plan(self.world.cm_a, self._second_client("実施 次郎"), self.providers),
            self.providers,
        )

    @cached_property
    def revised_plan(self) -> Any:
        from carebridge.careplans import services

        return services.careplan_revise(actor=self.world.cm_a, plan=self.active_plan, drafted_on=self.plan.drafted_on)

    @cached_property
    def weekly(self) -> Any:
        """The draft plan's 第3表 entry (careplan_helpers.draft_plan writes one)."""
        return self.plan.weekly_entries.first()

    @cached_property
    def need(self) -> Any:
        return self.plan.needs.order_by("order").first()

    @cached_property
    def short(self) -> Any:
        return self.need.goals.get(term="short")

    @cached_property
    def conference(self) -> Any:
        from carebridge.careplans import services
        from carebridge.careplans.inputs import ConferenceInput

        data = ConferenceInput(
            held_on=self.plan.drafted_on, place="自宅", items_discussed="x", discussion="x", conclusion="x"
        )
        return services.conference_create(actor=self.world.cm_a, plan=self.plan, data=data)

    @cached_property
    def conference_plan(self) -> Any:
        """The draft plan after its meeting (ready for consent)."""
        self.conference  # noqa: B018
        return self.plan

    @cached_property
    def assessment(self) -> Any:
        from carebridge.assessments import services
        from carebridge.assessments.inputs import AssessmentInput

        data = AssessmentInput(assessed_on=self.plan.drafted_on, reason="initial")
        return services.assessment_create(actor=self.world.cm_a, client=self.client, data=data)

    @cached_property
    def intake(self) -> Any:
        from carebridge.casework import services
        from carebridge.casework.inputs import IntakeInput

        data = IntakeInput(
            received_on=self.plan.drafted_on,
            requester_name="長女",
            requester_relation="長女",
            route="phone",
            subject_name="計画 一郎",
            main_complaint="相談",
        )
        return services.intake_create(actor=self.world.cm_a, data=data)

    @cached_property
    def task(self) -> Any:
        from carebridge.casework import services

        return services.task_create(
            actor=self.world.cm_a, client=self.client, assignee=self.world.cm_a, title="再アセスメント"
        )

    @cached_property
    def staff(self) -> Any:
        """A care manager of office A whose account the office admin manages."""
        return self.world.cm_a

    @cached_property
    def inactive_staff(self) -> Any:
        from .factories import UserFactory

        return UserFactory(username="retired_cm", role="care_manager", office=self.world.office_a, is_active=False)

    @cached_property
    def token(self) -> Any:
        api_token_create(actor=None, user=self.world.cm_a)
        return ApiToken.objects.filter(user=self.world.cm_a).latest("id")


# -- post-conditions of allowed writes ---------------------------------------------------------------

Check = Callable[[Objs, User, dict[str, Any]], None]


def _ids(before: dict[str, Any], model: type[models.Model]) -> set[Any]:
    return {json.loads(row)["id"] for row in before.get(model._meta.label, [])}


def landed(model: type[models.Model], *, office_path: str = "office") -> Check:
    """A new `model` row in the actor's office."""

    def check(o: Objs, actor: User, before: dict[str, Any]) -> None:
        rows = model._default_manager.filter(**{office_path: actor.office}).exclude(pk__in=_ids(before, model))
        assert rows.exists(), f"no new {model.__name__} in {actor.office}"
        other = model._default_manager.exclude(**{office_path: actor.office}).exclude(pk__in=_ids(before, model))
        assert not other.exists(), f"a new {model.__name__} landed outside {actor.office}"

    check.__name__ = f"landed({model.__name__})"
    return check


def changed(key: str, field_name: str, expected: Any) -> Check:
    """objs[key].<field> now holds `expected` (a callable: a predicate on the value)."""

    def check(o: Objs, actor: User, before: dict[str, Any]) -> None:
        row = o[key]
        row.refresh_from_db()
        value = getattr(row, field_name)
        ok = expected(value) if callable(expected) else value == expected
        assert ok, f"{key}.{field_name} is {value!r}"

    check.__name__ = f"changed({key}.{field_name})"
    return check


def removed(key: str) -> Check:
    def check(o: Objs, actor: User, before: dict[str, Any]) -> None:
        row = o[key]
        assert not type(row)._default_manager.filter(pk=row.pk).exists(), f"{key} still exists"

    check.__name__ = f"removed({key})"
    return check


def answered(predicate: Callable[[Any], bool], what: str) -> Check:
    """For writes whose effect is in the answer itself (an import that reports its result)."""

    def check(o: Objs, actor: User, before: dict[str, Any]) -> None:
        assert predicate(o), what

    check.__name__ = f"answered({what})"
    return check


@dataclass(frozen=True)
class Case:
    name: str
    method: str
    url: Callable[[Objs], str]
    route: str  # a URL name ("clients:edit") or an API operation ("PATCH /api/v1/clients/{client_id}")
    with_role: str  # attribute of World
    without_role: str | None  # None: every role may (the test is skipped, saying so)
    denied_without_role: int
    allowed: int
    data: dict[str, Any] | Callable[[Objs], dict[str, Any]] = field(default_factory=dict)
    other_office: int = 404
    post: Check | None = None  # required for allowed writes (and for a read that makes something)
    reads_client: bool = False  # an allowed read of a client's record writes one view event
    lists_clients: bool = False  # an allowed read of many records writes one list event (ids shown)
    # Company callers who may use this route (tests/workcare/test_company_callers.py): "hr_b" (another
    # company's HR), "coworker" (another employee of the same company), "manager" -> the status they
    # get. Any caller not named here must be denied (403/404) with nothing changed.
    company_callers: dict[str, int] = field(default_factory=dict)

    @property
    def api(self) -> bool:
        return " " in self.route

    def payload(self, o: Objs) -> dict[str, Any]:
        return self.data(o) if callable(self.data) else dict(self.data)


def _tables() -> list[tuple[str, str, list[tuple[str, str]], str | None]]:
    """(label, table, [(attname, column)], office column or None) of every carebridge.* model and
    the OTP devices, without the bookkeeping fields."""
    targets = [m for c in apps.get_app_configs() if c.name.startswith("carebridge.") for m in c.get_models()]
    found = []
    for model in [*targets, TOTPDevice]:
        fields = [f for f in model._meta.concrete_fields if f.name not in IGNORED_FIELDS]
        office = next((f.column for f in model._meta.concrete_fields if f.name == "office"), None)
        found.append((model._meta.label, model._meta.db_table, [(f.attname, f.column) for f in fields], office))
    return found


def state(office: Any = None) -> dict[str, Any]:
    """A fingerprint of every carebridge.* model and the OTP devices (the audit trail, view events
    included); with `office`, of that office's rows only. Read with plain SQL, one SELECT per
    table: the harness takes it twice per call, thousands of times per run."""
    snapshot: dict[str, Any] = {}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for label, table, columns, office_column in _tables():
            # Table and column names come from the models' metadata, quoted; values are parameters.
            sql = f"SELECT {', '.join(quote(column) for _, column in columns)} FROM {quote(table)}"  # noqa: S608
            params: list[Any] = []
            if office is not None:
                if office_column is not None:
                    sql += f" WHERE {quote(office_column)} = %s"
                elif label == ApiToken._meta.label:
                    users = quote(User._meta.db_table)
                    sql += f" WHERE user_id IN (SELECT id FROM {users} WHERE office_id = %s)"  # noqa: S608
                else:
                    continue
                params = [office.pk]
            cursor.execute(sql, params)
            names = [attname for attname, _ in columns]
            snapshot[label] = sorted(
                json.dumps(dict(zip(names, row, strict=True)), default=str, sort_keys=True) for row in cursor.fetchall()
            )
    return snapshot


def _new_views(before: dict[str, Any]) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(event_type="view").exclude(pk__in=_ids(before, AuditEvent)))


def _views(before: dict[str, Any]) -> int:
    return len(_new_views(before))


def _text(response: Any) -> str:
    """The answer as text a person reads (JSON with its escapes undone); "" for a PDF."""
    kind = response.get("Content-Type", "")
    if kind.startswith("application/json"):
        return json.dumps(json.loads(response.content), ensure_ascii=False)
    if kind.startswith("text/"):
        return response.content.decode(errors="replace")
    return ""


def named_clients(events: Sequence[AuditEvent]) -> set[int]:
    """The clients that view events name: one record's client, or the ids a list event keeps."""
    named = {e.client_id for e in events if e.client_id is not None}
    for event in events:
        named.update(event.changes.get("client_ids", []) if isinstance(event.changes, dict) else [])
    return named


def assert_shown_clients_logged(world: Any, response: Any, before: dict[str, Any]) -> None:
    """Every client of office A whose name the answer shows is named by a view event it wrote."""
    from carebridge.clients.models import Client

    body = _text(response)
    shown = {pk for pk, name in Client.objects.filter(office=world.office_a).values_list("pk", "name") if name in body}
    missing = shown - named_clients(_new_views(before))
    assert not missing, f"the answer shows clients {sorted(missing)} but no view event names them"


def _call(django_client: Any, case: Case, url: str, data: dict[str, Any], token: str | None = None) -> Any:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    if case.api:
        if case.method == "get":
            return django_client.get(url, **headers)
        return getattr(django_client, case.method)(
            url, data=json.dumps(data), content_type="application/json", **headers
        )
    if case.method == "get":
        return django_client.get(url)
    if "file" in data:  # a fresh upload each call: one valid provider row
        from django.core.files.uploadedfile import SimpleUploadedFile

        row = f"事業所番号,事業所名,サービス種類コード\n{with_check_digit('137120777')},取込事業所,15\n"
        data["file"] = SimpleUploadedFile("providers.csv", row.encode())
    return django_client.post(url, data)


def _login(django_client: Any, case: Case, user: User) -> str | None:
    if case.api:
        return api_token_create(actor=None, user=user)
    django_client.force_login(user)
    return None


def _prepare(world: Any, case: Case) -> tuple[Objs, str, dict[str, Any]]:
    o = Objs(world)
    url = case.url(o)  # makes the records the case reaches, before any snapshot
    if case.lists_clients:
        o.client  # noqa: B018 - a list with a client in it, so the list event has one to name
    return o, url, case.payload(o)


def route_of(case: Case, url: str) -> str:
    """The URL name a page case reaches (checked against what the case declares)."""
    match = resolve(url.split("?")[0])
    return f"{match.namespace}:{match.url_name}" if match.namespace else str(match.url_name)


def operation_matches(route: str, method: str, url: str) -> bool:
    verb, template = route.split(" ", 1)
    pattern = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$"
    return verb.lower() == method and re.match(pattern, url.split("?")[0]) is not None


def matrix(cases: Sequence[Case]) -> tuple[Callable[..., None], ...]:
    """The four tests of a list of cases (assign them to test_* names in the module)."""
    ids = [c.name for c in cases]

    @pytest.mark.parametrize("case", cases, ids=ids)
    def anonymous(world: Any, client: Any, case: Case) -> None:
        _o, url, data = _prepare(world, case)
        before = state()
        response = _call(client, case, url, data)
        if case.api:
            assert response.status_code == 401
        else:
            assert response.status_code == 302
            assert response["Location"].startswith("/accounts/login/")
        assert state() == before

    @pytest.mark.parametrize("case", cases, ids=ids)
    def other_office(world: Any, client: Any, case: Case) -> None:
        o, url, data = _prepare(world, case)
        secrets = (o.client.name, o.provider.name)  # office A's names, which B must never see
        other = world.cm_b if case.with_role in ("cm_a", "wcm_a") else world.admin_b
        token = _login(client, case, other)
        before_all, before_a = state(), state(world.office_a)
        response = _call(client, case, url, data, token)
        assert response.status_code == case.other_office, response.content.decode()[:300]
        if case.other_office == 404:
            assert state() == before_all
        else:
            # Collection pages and creates work, but only inside office B: nothing of A shows or moves.
            body = response.content.decode(errors="replace")
            assert not [name for name in secrets if name in body]
            assert state(world.office_a) == before_a

    @pytest.mark.parametrize("case", cases, ids=ids)
    def without_role(world: Any, client: Any, case: Case) -> None:
        if case.without_role is None:
            pytest.skip("every role of the office may use this")
        _o, url, data = _prepare(world, case)
        token = _login(client, case, getattr(world, case.without_role))
        before = state()
        response = _call(client, case, url, data, token)
        assert response.status_code == case.denied_without_role
        assert state() == before  # no write, and no view event for a denied read

    @pytest.mark.parametrize("case", cases, ids=ids)
    def with_role(world: Any, client: Any, case: Case) -> None:
        o, url, data = _prepare(world, case)
        if case.api:
            assert operation_matches(case.route, case.method, url), f"{url} is not {case.route}"
        else:
            assert route_of(case, url) == case.route
        actor = getattr(world, case.with_role)
        token = _login(client, case, actor)
        before = state()
        response = _call(client, case, url, data, token)
        assert response.status_code == case.allowed, response.content.decode(errors="replace")[:600]
        if case.method != "get" or case.post is not None:
            assert case.post is not None, f"{case.name}: an allowed write needs a named post-condition"
            case.post(o, actor, before)
        else:
            assert _views(before) == (1 if case.reads_client or case.lists_clients else 0)
            assert_shown_clients_logged(world, response, before)
            assert {k: v for k, v in state().items() if k != AuditEvent._meta.label} == {
                k: v for k, v in before.items() if k != AuditEvent._meta.label
            }, "a read changed a record"

    return anonymous, other_office, without_role, with_role
