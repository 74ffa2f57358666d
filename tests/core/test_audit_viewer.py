"""The audit viewer (/audit/): records by their Japanese names with links, field and choice labels,
和暦 dates, the action filter, and a page whose cost does not grow with its length."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from carebridge.careplans import services as plan_services
from carebridge.careplans.models import Need
from carebridge.clients import services as client_services
from carebridge.clients.inputs import CertificationInput, ClientInput, ContactInput
from carebridge.core import messages
from carebridge.core.audit import audit_record, snapshot
from carebridge.core.audit_display import EMPTY, Change, Lookups, audit_rows, value_text
from carebridge.core.models import AuditEvent, User

from ..careplan_helpers import agree_and_start, draft_plan
from ..factories import CertificationFactory, ContactFactory, ProviderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def providers(world):
    return [
        ProviderFactory(office=world.office_a, name="デイサービスこもれび", service_type_codes=["15"]),
        ProviderFactory(office=world.office_a, name="訪問看護あおば", service_type_codes=["13"]),
        ProviderFactory(office=world.office_a, name="福祉用具すまいる", service_type_codes=["17"]),
    ]


def open_audit(client, world, query: dict[str, str] | None = None):
    client.force_login(world.admin_a)
    response = client.get("/audit/", query or {})
    assert response.status_code == 200
    return response


def row_of(response, action: str):
    rows = [r for r in response.context["rows"] if r.action == action]
    assert rows, [r.action for r in response.context["rows"]]
    return rows[0]


def lines(row) -> list[str]:
    return [f"{c.label}: {c.old} → {c.new}" if c.arrow else f"{c.label}: {c.old}{c.new}" for c in row.changes]


def test_a_status_change_reads_in_japanese_with_the_client_and_a_link(client, world, client_a):
    client_services.client_status_change(actor=world.cm_a, client=client_a, status="ended")
    response = open_audit(client, world)
    row = row_of(response, "利用者: 状態の変更")
    assert lines(row) == ["状態: 利用中 → 終了"]
    assert (row.record_kind, row.record_name, row.record_url) == ("利用者", "山田 ハル", f"/clients/{client_a.pk}/")
    assert (row.client_name, row.client_url) == ("山田 ハル", f"/clients/{client_a.pk}/")
    assert row.actor == str(world.cm_a)
    assert row.kind == "更新" and row.show_kind
    assert row.when.startswith("令和")
    html = response.content.decode()
    assert "状態</b>: 利用中 → 終了" in html
    assert f'href="/clients/{client_a.pk}/"' in html
    assert "clients.client" not in html
    assert "active" not in html.split("<tbody>")[1]


def test_created_values_show_dates_in_wareki_choices_booleans_and_related_names(client, world, client_a):
    new = client_services.client_create(
        actor=world.cm_a,
        data=ClientInput(
            name="佐藤 キヨ",
            kana="サトウ キヨ",
            birth_date=dt.date(1938, 5, 3),
            sex="female",
            insurer_number="131128",
            insured_number="0000012345",
            care_manager=world.cm_a,
        ),
    )
    client_services.contact_create(
        actor=world.cm_a,
        client=client_a,
        data=ContactInput(name="山田 一郎", relationship="長男", is_key_person=True),
    )
    client_services.certification_create(
        actor=world.cm_a,
        client=client_a,
        data=CertificationInput(
            care_level="care_2",
            certified_on=dt.date(2026, 3, 25),
            valid_from=dt.date(2026, 4, 1),
            valid_to=dt.date(2027, 3, 31),
        ),
    )
    response = open_audit(client, world)

    created = row_of(response, "利用者: 作成")
    assert created.record_name == "佐藤 キヨ" and created.record_url == f"/clients/{new.pk}/"
    assert created.show_kind is False
    assert (created.client_id, created.client_name) == (new.pk, "佐藤 キヨ")  # the record is the client
    shown = lines(created)
    assert "生年月日: 昭和13年5月3日" in shown
    assert "性別: 女" in shown
    assert f"担当ケアマネジャー: {world.cm_a}" in shown
    assert "状態: 利用中" in shown
    assert not any(line.startswith("備考") for line in shown)  # empty on creation: not listed
    assert not any(line.startswith("事業所") for line in shown)  # the office whose trail this is
    assert shown.index("氏名: 佐藤 キヨ") < shown.index("生年月日: 昭和13年5月3日")  # in the form's order

    contact = row_of(response, "家族・連絡先: 作成")
    assert "キーパーソン: はい" in lines(contact) and "同居: いいえ" in lines(contact)
    assert contact.record_url == f"/clients/{client_a.pk}/"
    assert contact.client_name == "山田 ハル"

    certification = row_of(response, "要介護認定: 作成")
    assert "要介護状態区分: 要介護2" in lines(certification)
    assert "認定有効期間（開始）: 令和8年4月1日" in lines(certification)
    assert "利用者負担割合: 1割" in lines(certification)
    assert certification.record_name == "要介護2 令和8年4月1日〜令和9年3月31日"


def test_plan_lifecycle_steps_have_their_own_labels_and_link_to_the_plan(client, world, client_a, providers):
    plan = agree_and_start(world.cm_a, draft_plan(world.cm_a, client_a, providers), providers)
    response = open_audit(client, world)
    consented = row_of(response, "居宅サービス計画: 同意")
    assert consented.record_name == "居宅サービス計画 第1版"
    assert consented.record_url == f"/careplans/{plan.pk}/"
    assert lines(consented) == ["状態: 担当者会議で提示済 → 同意済"]
    activated = row_of(response, "居宅サービス計画: 実施開始")
    assert "サービス開始日: （なし） → 令和8年4月15日" in lines(activated)
    service = next(r for r in response.context["rows"] if r.record_name == "入浴介助")
    assert (service.action, service.record_url) == ("援助内容: 作成", f"/careplans/{plan.pk}/")
    assert "サービス提供事業所: デイサービスこもれび" in lines(service)
    assert "保険給付対象: はい" in lines(service)
    assert "期間（開始）: 令和8年4月15日" in lines(service)
    weekly = row_of(response, "週間サービス計画: 作成")
    assert "曜日: 火" in lines(weekly) and "開始: 10:00" in lines(weekly)
    delivery = row_of(response, "計画の交付: 作成")
    assert delivery.record_url == f"/careplans/{plan.pk}/"
    meeting = row_of(response, "サービス担当者会議: 作成")
    assert meeting.record_name == "サービス担当者会議 令和8年4月10日"


def test_a_deleted_row_is_named_from_the_event_and_lists_what_went_with_it(client, world, client_a, providers):
    plan = draft_plan(world.cm_a, client_a, providers)
    need = Need.objects.filter(plan=plan).order_by("order").first()
    plan_services.plan_row_delete(actor=world.cm_a, plan=plan, row=need)
    response = open_audit(client, world, {"event_type": "delete"})
    (row,) = response.context["rows"]
    assert row.action == "課題（ニーズ）: 削除"
    assert (row.record_name, row.record_missing, row.record_url) == ("一人で安全に入浴したい", True, "")
    assert "生活全般の解決すべき課題（ニーズ）: 一人で安全に入浴したい" in lines(row)
    assert "あわせて削除した内容: 目標: 週2回入浴できる、目標: 介助で入浴する、援助内容: 入浴介助" in lines(row)
    assert f"計画: 居宅サービス計画 第{plan.version}版" in lines(row)
    assert "（削除済み）" in response.content.decode()


def test_an_assessment_item_change_names_the_standard_item(client, world, client_a):
    from carebridge.assessments import services as assessment_services
    from carebridge.assessments.inputs import AssessmentInput

    first = assessment_services.assessment_create(
        actor=world.cm_a,
        client=client_a,
        data=AssessmentInput(
            assessed_on=dt.date(2026, 4, 1),
            reason="initial",
            items={"01": {"plan_status": "初回"}, "02": {"text": "長く商店を営んできた"}},
        ),
    )
    response = open_audit(client, world)
    row = row_of(response, "アセスメント: 作成")
    assert row.record_url == f"/care/clients/{client_a.pk}/assessments/{first.pk}/"
    shown = lines(row)
    assert "課題分析標準項目「1 基本情報（受付、利用者等基本情報）」: 居宅サービス計画作成の状況: 初回" in shown
    assert "課題分析標準項目「2 これまでの生活と現在の状況」: 内容: 長く商店を営んできた" in shown
    assert "今回のアセスメントの理由: 初回" in shown


def test_values_never_raise_whatever_was_stored():
    lookups = Lookups({})
    joined = User._meta.get_field("date_joined")  # a DateTimeField
    assert value_text("1850-01-01", None, lookups) == "1850年1月1日"  # before 明治: western calendar
    assert value_text("2026-13-45", None, lookups) == "2026-13-45"
    assert value_text("not a date", joined, lookups) == "not a date"
    assert value_text(["a", "b", 3], None, lookups) == "a、b、3"
    assert value_text(True, None, lookups) == "はい"
    assert value_text(None, None, lookups) == EMPTY
    assert value_text({"x": 1}, None, lookups) == "x: 1"
    assert value_text("2026-04-01T00:30:00+00:00", joined, lookups) == "令和8年4月1日 09:30"


def test_events_of_unknown_kinds_and_odd_shapes_still_show(world):
    weird = [
        AuditEvent(
            office=world.office_a,
            subject_type="nosuchapp.gone",
            subject_id="abc",
            event_type="update",
            action="",
            changes=["not", "a", "mapping"],
            created_at=dt.datetime(2026, 4, 1, tzinfo=dt.UTC),
        ),
        AuditEvent(
            office=world.office_a,
            subject_type="clients.client",
            subject_id="99999999",
            client_id=99999999,
            event_type="create",
            action="client.created",
            changes={"name": "消えた人", "birth_date": {"old": None, "new": "1850-02-03"}},
            created_at=dt.datetime(2026, 4, 1, tzinfo=dt.UTC),
        ),
    ]
    first, second = audit_rows(weird)
    assert first.record_kind == "nosuchapp.gone" and first.action == "更新" and first.show_kind is False
    assert first.changes == (Change("内容", EMPTY, "not、a、mapping", arrow=True),)
    assert (second.record_name, second.record_missing, second.client_name) == ("消えた人", True, "利用者ID 99999999")
    assert "生年月日: 1850年2月3日" in lines(second)


def test_the_action_filter_offers_japanese_labels_and_filters(client, world, client_a, providers):
    agree_and_start(world.cm_a, draft_plan(world.cm_a, client_a, providers), providers)
    client_services.client_status_change(actor=world.cm_a, client=client_a, status="ended")
    response = open_audit(client, world)
    choices = dict(response.context["form"].fields["action"].choices)
    assert choices["careplan.consented"] == "居宅サービス計画: 同意"
    assert choices["client.status_changed"] == "利用者: 状態の変更"
    assert choices["need.created"] == "課題（ニーズ）: 作成"
    assert '<option value="careplan.consented">居宅サービス計画: 同意</option>' in response.content.decode()

    consented = open_audit(client, world, {"action": "careplan.consented"})
    assert [r.action for r in consented.context["rows"]] == ["居宅サービス計画: 同意"]

    # An unknown action is a form error; the other filters still apply.
    mixed = open_audit(client, world, {"action": "no.such", "event_type": "update", "client": str(client_a.pk)})
    assert mixed.context["form"].errors["action"] == [messages.AUDIT_FILTER_CHOICE]
    actions = {r.action for r in mixed.context["rows"]}
    assert "利用者: 状態の変更" in actions and "居宅サービス計画: 同意" in actions
    assert all(r.kind == "更新" for r in mixed.context["rows"])


def test_the_viewer_shows_only_the_office_own_events(client, world, client_a):
    client_services.client_status_change(actor=world.cm_a, client=client_a, status="ended")
    client.force_login(world.admin_b)
    response = client.get("/audit/")
    assert response.status_code == 200
    # Only office B's own trail: admin_b's login, nothing of office A.
    assert [(row.action, row.actor) for row in response.context["rows"]] == [("ログイン", str(world.admin_b))]
    assert "client.status_changed" not in dict(response.context["form"].fields["action"].choices)


def _write_events(world, subjects, count: int) -> None:
    """`count` events by the chief care manager, cycling over the subjects (every kind on each page)."""
    for i in range(count):
        subject = subjects[i % len(subjects)]
        changes = {key: {"old": None, "new": value} for key, value in snapshot(subject).items()}
        audit_record(
            actor=world.chief_a,
            office_id=world.office_a.pk,
            subject=subject,
            event_type="create",
            changes=changes,
            client_id=getattr(subject, "client_id", None),
        )


def test_the_page_costs_the_same_queries_for_10_and_50_events(client, world, client_a, providers):
    plan = draft_plan(world.cm_a, client_a, providers)
    need = plan.needs.order_by("order").first()
    goal = need.goals.filter(term="short").first()
    subjects = [
        client_a,
        ContactFactory(client=client_a, office=world.office_a),
        CertificationFactory(client=client_a, office=world.office_a),
        plan,
        need,
        goal,  # its link reads its need
        goal.services.first(),  # its link reads its goal's need; its provider is a related name
        plan.weekly_entries.first(),
        providers[0],
        world.cm_b,
    ]
    client.force_login(world.admin_a)

    def queries_for_page() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/audit/", {"user": str(world.chief_a.pk)})
        assert response.status_code == 200
        return len(response.context["rows"]), len(queries)

    _write_events(world, subjects, 10)
    rows_few, few = queries_for_page()
    _write_events(world, subjects, 40)
    rows_many, many = queries_for_page()
    assert (rows_few, rows_many) == (10, 50)
    assert many == few, f"{few} queries for 10 events, {many} for 50"


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"client": "abc"}, "client", messages.AUDIT_FILTER_CLIENT_ID),
        ({"client": "9" * 40}, "client", messages.AUDIT_FILTER_CLIENT_ID),
        ({"client": "0"}, "client", messages.AUDIT_FILTER_CLIENT_ID),
        ({"date_from": "2026-13-45"}, "date_from", messages.AUDIT_FILTER_DATE),
        ({"user": "abc"}, "user", messages.AUDIT_FILTER_CHOICE),
        ({"event_type": "nonsense"}, "event_type", messages.AUDIT_FILTER_CHOICE),
    ],
)
def test_a_bad_filter_is_explained_in_japanese_and_the_page_still_answers(client, world, query, field, message):
    response = open_audit(client, world, {**query, "page": "abc"})
    assert response.context["form"].errors[field] == [message]
    assert message in response.content.decode()
