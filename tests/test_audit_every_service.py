"""Every public write service that takes an `actor` writes at least one AuditEvent when it
succeeds, and none when it refuses with a ValidationError (the whole write is rolled back).

A recipe per service: how to call it so it succeeds, and so it is refused. A new service
without a recipe fails `test_every_service_has_a_recipe`, naming it.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from carebridge.assessments import services as assessments
from carebridge.assessments.inputs import AssessmentInput
from carebridge.careplans import services as careplans
from carebridge.careplans.inputs import (
    ConferenceInput,
    PlanConsentInput,
    PlanInput,
    ServiceInput,
    WeeklyEntryInput,
)
from carebridge.casework import services as casework
from carebridge.casework.inputs import ContractInput, IntakeInput, MonitoringInput, NoteInput
from carebridge.clients import services as clients
from carebridge.clients.inputs import (
    ApplicationInput,
    CertificationInput,
    ClientInput,
    ConsentInput,
    ContactInput,
)
from carebridge.core import services as core
from carebridge.core.inputs import input_from
from carebridge.core.models import AuditEvent, Company
from carebridge.desk.demo import with_check_digit
from carebridge.directory import services as directory
from carebridge.directory.inputs import ProviderInput, ResourceInput, SpecialistInput

from .audit_recipe import Call, Recipe, more_recipes
from .factories import PASSWORD
from .permission_matrix import Objs

pytestmark = pytest.mark.django_db

D = dt.date

CLIENT = ClientInput(
    name="監査 太郎", kana="かんさ たろう", birth_date=D(1940, 1, 1), sex="male",
    insurer_number="131128", insured_number="0000066666",
)  # fmt: skip
OFFICE = core.OfficeInput(
    office_number=with_check_digit("137129001"), name="新事業所", region_grade="1", prefecture="東京都"
)
MEETING = ConferenceInput(held_on=D(2026, 4, 9), place="自宅", items_discussed="x", discussion="x", conclusion="x")
SERVICE = ServiceInput(
    content="配食", service_kind="配食", insured=False, provider_name="配食A", frequency="毎日",
    period_start=D(2026, 4, 15), period_end=D(2026, 6, 30),
)  # fmt: skip


def _totp_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _device(o: Objs) -> TOTPDevice:
    return TOTPDevice.objects.create(user=o.world.cm_a, name="認証アプリ", confirmed=False)


def _reactivatable(o: Objs) -> Any:
    return o.inactive_staff


RECIPES: dict[str, Recipe] = {
    # -- core ----------------------------------------------------------------------------------------
    "user_create": Recipe(
        lambda o: (
            lambda: core.user_create(
                actor=None, username="kernel_user", password="x-long-password", role="clerk", office=o.world.office_a
            )
        ),
        lambda o: lambda: core.user_create(actor=None, username="kernel_user", password="x", role="clerk"),
    ),
    "office_create": Recipe(
        lambda o: lambda: core.office_create(actor=None, data=OFFICE),
        lambda o: (
            lambda: core.office_create(
                actor=None, data=input_from(core.OfficeInput, {"office_number": "1"}, base=OFFICE)
            )
        ),
    ),
    "company_create": Recipe(
        lambda o: lambda: core.company_create(actor=None, office=o.world.office_a, name="新しい会社"),
        lambda o: lambda: core.company_create(actor=None, office=o.world.office_a, name=""),
    ),
    "office_update": Recipe(
        lambda o: (
            lambda: core.office_update(
                actor=o.world.admin_a,
                office=o.world.office_a,
                data=input_from(core.OfficeInput, {"name": "改名"}, base=o.world.office_a),
            )
        ),
        lambda o: (
            lambda: core.office_update(
                actor=o.world.admin_a,
                office=o.world.office_a,
                data=input_from(core.OfficeInput, {"phone": "abc"}, base=o.world.office_a),
            )
        ),
    ),
    "staff_create": Recipe(
        lambda o: (
            lambda: core.staff_create(
                actor=o.world.admin_a,
                username="staff_new",
                password="kawaru-pass-2026",
                data=core.StaffInput(display_name="新人", role="clerk"),
            )
        ),
        lambda o: (
            lambda: core.staff_create(
                actor=o.world.admin_a,
                username="staff_new",
                password="1",
                data=core.StaffInput(display_name="新人", role="clerk"),
            )
        ),
    ),
    "staff_update": Recipe(
        lambda o: (
            lambda: core.staff_update(
                actor=o.world.admin_a,
                user=o.world.clerk_a,
                data=core.StaffInput(display_name="事務 花子", role="clerk"),
            )
        ),
        lambda o: (
            lambda: core.staff_update(
                actor=o.world.admin_a, user=o.world.clerk_a, data=core.StaffInput(display_name="x", role="employee")
            )
        ),
    ),
    "staff_password_reset": Recipe(
        lambda o: (
            lambda: core.staff_password_reset(actor=o.world.admin_a, user=o.world.clerk_a, password="kawaru-2026-pass")
        ),
        lambda o: lambda: core.staff_password_reset(actor=o.world.admin_a, user=o.world.clerk_a, password="123"),
    ),
    "staff_deactivate": Recipe(
        lambda o: lambda: core.staff_deactivate(actor=o.world.admin_a, user=o.world.clerk_a),
        lambda o: lambda: core.staff_deactivate(actor=o.world.admin_a, user=o.world.admin_a),
    ),
    "staff_reactivate": Recipe(
        lambda o: lambda: core.staff_reactivate(actor=o.world.admin_a, user=_reactivatable(o)),
        lambda o: lambda: core.staff_reactivate(actor=o.world.admin_a, user=o.world.clerk_a),
    ),
    "api_token_create": Recipe(
        lambda o: lambda: core.api_token_create(actor=o.world.admin_a, user=o.world.cm_a),
        lambda o: (
            lambda: core.api_token_create(
                actor=o.world.admin_a, user=o.world.cm_a, expires_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
            )
        ),
    ),
    "api_token_revoke": Recipe(
        lambda o: lambda: core.api_token_revoke(actor=o.world.admin_a, token=o.token),
        None,
        "revoking a revoked token changes nothing; there is nothing to refuse",
    ),
    "api_tokens_revoke_all": Recipe(
        lambda o: (lambda token: lambda: core.api_tokens_revoke_all(actor=o.world.admin_a, user=token.user))(o.token),
        None,
        "revokes what is live, each token through api_token_revoke; nothing to refuse",
    ),
    "password_change": Recipe(
        lambda o: (
            lambda: core.password_change(actor=o.world.cm_a, old_password=PASSWORD, new_password="kawaru-2026-pass")
        ),
        lambda o: (
            lambda: core.password_change(actor=o.world.cm_a, old_password="wrong", new_password="kawaru-2026-pass")
        ),
    ),
    "totp_device_pending": Recipe(
        lambda o: lambda: core.totp_device_pending(actor=o.world.clerk_a),
        None,
        "the first call creates the pending device (audited), later ones return it; nothing to refuse",
    ),
    "totp_enable": Recipe(
        lambda o: (
            lambda device: lambda: core.totp_enable(actor=o.world.cm_a, device=device, token=_totp_code(device))
        )(_device(o)),
        None,
        "a wrong code is answered False (and writes nothing: tests/core/test_two_factor.py)",
    ),
    # -- clients ---------------------------------------------------------------------------------------
    "client_create": Recipe(
        lambda o: lambda: clients.client_create(actor=o.world.cm_a, data=CLIENT),
        lambda o: (
            lambda: clients.client_create(
                actor=o.world.cm_a, data=input_from(ClientInput, {"insurer_number": "131129"}, base=CLIENT)
            )
        ),
    ),
    "client_update": Recipe(
        lambda o: (
            lambda: clients.client_update(
                actor=o.world.cm_a, client=o.client, data=input_from(ClientInput, {"address": "新住所"}, base=o.client)
            )
        ),
        lambda o: (
            lambda: clients.client_update(
                actor=o.world.cm_a, client=o.client, data=input_from(ClientInput, {"kana": "漢字"}, base=o.client)
            )
        ),
    ),
    "client_status_change": Recipe(
        lambda o: lambda: clients.client_status_change(actor=o.world.cm_a, client=o.client, status="suspended"),
        lambda o: lambda: clients.client_status_change(actor=o.world.cm_a, client=o.client, status="consulting"),
    ),
    "records_listed": Recipe(
        lambda o: lambda: core.records_listed(actor=o.world.cm_a, subject=type(o.client), client_ids=[o.client.pk]),
        None,
        "a read is recorded, never refused (the gate refuses before it)",
    ),
    "client_viewed": Recipe(
        lambda o: lambda: clients.client_viewed(actor=o.world.cm_a, client=o.client),
        None,
        "a read is recorded, never refused (the gate refuses before it)",
    ),
    "contact_create": Recipe(
        lambda o: (
            lambda: clients.contact_create(
                actor=o.world.cm_a, client=o.client, data=ContactInput(name="山田 恵子", relationship="長女")
            )
        ),
        lambda o: (
            lambda: clients.contact_create(
                actor=o.world.cm_a, client=o.client, data=ContactInput(name="山田 恵子", relationship="長女", phone="x")
            )
        ),
    ),
    "contact_update": Recipe(
        lambda o: (
            lambda: clients.contact_update(
                actor=o.world.cm_a,
                contact=o.contact,
                data=input_from(ContactInput, {"note": "日中不在"}, base=o.contact),
            )
        ),
        lambda o: (
            lambda: clients.contact_update(
                actor=o.world.cm_a, contact=o.contact, data=input_from(ContactInput, {"phone": "x"}, base=o.contact)
            )
        ),
    ),
    "certification_create": Recipe(
        lambda o: (
            lambda: clients.certification_create(
                actor=o.world.cm_a,
                client=o.client,
                status="applied",
                data=CertificationInput(valid_from=D(2027, 4, 1), valid_to=D(2028, 3, 31)),
            )
        ),
        lambda o: (
            lambda: clients.certification_create(
                actor=o.world.cm_a,
                client=o.client,
                data=CertificationInput(valid_from=D(2027, 4, 1), valid_to=D(2027, 3, 1)),
            )
        ),
    ),
    "certification_update": Recipe(
        lambda o: (
            lambda: clients.certification_update(
                actor=o.world.cm_a,
                certification=o.cert,
                data=input_from(CertificationInput, {"copay_rate": 20}, base=o.cert),
            )
        ),
        lambda o: (
            lambda: clients.certification_update(
                actor=o.world.cm_a,
                certification=o.cert,
                data=input_from(CertificationInput, {"copay_rate": 40}, base=o.cert),
            )
        ),
    ),
    "certification_decide": Recipe(
        lambda o: (
            lambda: clients.certification_decide(
                actor=o.world.cm_a,
                certification=o.applied_cert,
                data=CertificationInput(
                    care_level="care_1", certified_on=D(2026, 11, 20), valid_from=D(2027, 4, 1), valid_to=D(2028, 3, 31)
                ),
            )
        ),
        lambda o: (
            lambda: clients.certification_decide(
                actor=o.world.cm_a,
                certification=o.cert,
                data=CertificationInput(
                    care_level="care_1", certified_on=D(2026, 3, 20), valid_from=D(2026, 4, 1), valid_to=D(2027, 3, 31)
                ),
            )
        ),
    ),
    "certification_application_create": Recipe(
        lambda o: (
            lambda: clients.certification_application_create(
                actor=o.world.cm_a, client=o.client, data=ApplicationInput(kind="change", filed_on=D(2026, 6, 1))
            )
        ),
        lambda o: (
            lambda: clients.certification_application_create(
                actor=o.world.cm_a, client=o.client, data=ApplicationInput(kind="bogus")
            )
        ),
    ),
    "certification_application_update": Recipe(
        lambda o: (
            lambda: clients.certification_application_update(
                actor=o.world.cm_a, application=o.application, data=ApplicationInput(kind="change", note="区分変更")
            )
        ),
        lambda o: (
            lambda: clients.certification_application_update(
                actor=o.world.cm_a, application=o.application, data=ApplicationInput(kind="bogus")
            )
        ),
    ),
    "certification_application_status_change": Recipe(
        lambda o: (
            lambda: clients.certification_application_status_change(
                actor=o.world.cm_a, application=o.application, status="decided"
            )
        ),
        lambda o: (
            lambda: clients.certification_application_status_change(
                actor=o.world.cm_a, application=o.application, status="preparing"
            )
        ),
    ),
    "consent_create": Recipe(
        lambda o: (
            lambda: clients.consent_create(
                actor=o.world.cm_a,
                client=o.client,
                data=ConsentInput(scope="基本情報", recipient_kind="provider", recipient="A", agreed_on=D(2026, 4, 1)),
            )
        ),
        lambda o: (
            lambda: clients.consent_create(
                actor=o.world.cm_a,
                client=o.client,
                data=ConsentInput(
                    scope="基本情報",
                    recipient_kind="provider",
                    recipient="A",
                    agreed_on=D(2026, 4, 1),
                    valid_until=D(2026, 1, 1),
                ),
            )
        ),
    ),
    "consent_withdraw": Recipe(
        lambda o: lambda: clients.consent_withdraw(actor=o.world.cm_a, consent=o.consent, withdrawn_on=D(2026, 6, 1)),
        lambda o: lambda: clients.consent_withdraw(actor=o.world.cm_a, consent=o.consent, withdrawn_on=D(2020, 1, 1)),
    ),
    # -- directory -------------------------------------------------------------------------------------
    "provider_create": Recipe(
        lambda o: (
            lambda: directory.provider_create(
                actor=o.world.clerk_a,
                data=ProviderInput(
                    name="訪問看護いずみ", provider_number=with_check_digit("137120555"), service_type_codes=["13"]
                ),
            )
        ),
        lambda o: (
            lambda: directory.provider_create(
                actor=o.world.clerk_a, data=ProviderInput(name="x", service_type_codes=["99"])
            )
        ),
    ),
    "provider_update": Recipe(
        lambda o: (
            lambda: directory.provider_update(
                actor=o.world.clerk_a,
                provider=o.provider,
                data=input_from(ProviderInput, {"fax": "03-9999-0000"}, base=o.provider),
            )
        ),
        lambda o: (
            lambda: directory.provider_update(
                actor=o.world.clerk_a,
                provider=o.provider,
                data=input_from(ProviderInput, {"fax": "x"}, base=o.provider),
            )
        ),
    ),
    "resource_create": Recipe(
        lambda o: (
            lambda: directory.resource_create(
                actor=o.world.clerk_a, data=ResourceInput(name="サロン", category="salon")
            )
        ),
        lambda o: (
            lambda: directory.resource_create(
                actor=o.world.clerk_a, data=ResourceInput(name="サロン", category="bogus")
            )
        ),
    ),
    "resource_update": Recipe(
        lambda o: (
            lambda: directory.resource_update(
                actor=o.world.clerk_a,
                resource=o.resource,
                data=input_from(ResourceInput, {"area": "全域"}, base=o.resource),
            )
        ),
        lambda o: (
            lambda: directory.resource_update(
                actor=o.world.clerk_a,
                resource=o.resource,
                data=input_from(ResourceInput, {"phone": "x"}, base=o.resource),
            )
        ),
    ),
    "specialist_create": Recipe(
        lambda o: (
            lambda: directory.specialist_create(
                actor=o.world.clerk_a, data=SpecialistInput(name="青木 里美", profession="lawyer")
            )
        ),
        lambda o: (
            lambda: directory.specialist_create(
                actor=o.world.clerk_a, data=SpecialistInput(name="青木 里美", profession="bogus")
            )
        ),
    ),
    "specialist_update": Recipe(
        lambda o: (
            lambda: directory.specialist_update(
                actor=o.world.clerk_a,
                specialist=o.specialist,
                data=input_from(SpecialistInput, {"organization": "青木事務所"}, base=o.specialist),
            )
        ),
        lambda o: (
            lambda: directory.specialist_update(
                actor=o.world.clerk_a,
                specialist=o.specialist,
                data=input_from(SpecialistInput, {"email": "x"}, base=o.specialist),
            )
        ),
    ),
    # -- assessments -----------------------------------------------------------------------------------
    "assessment_create": Recipe(
        lambda o: (
            lambda: assessments.assessment_create(
                actor=o.world.cm_a, client=o.client, data=AssessmentInput(assessed_on=D(2026, 4, 2), reason="initial")
            )
        ),
        lambda o: (
            lambda: assessments.assessment_create(
                actor=o.world.cm_a,
                client=o.client,
                data=AssessmentInput(assessed_on=D(2026, 4, 2), reason="initial", items={"11": {"walking": "飛ぶ"}}),
            )
        ),
    ),
    "assessment_update": Recipe(
        lambda o: (
            lambda: assessments.assessment_update(
                actor=o.world.cm_a,
                assessment=o.assessment,
                data=input_from(AssessmentInput, {"place": "病院"}, base=o.assessment),
            )
        ),
        lambda o: (
            lambda: assessments.assessment_update(
                actor=o.world.cm_a,
                assessment=o.assessment,
                data=input_from(AssessmentInput, {"reason": "bogus"}, base=o.assessment),
            )
        ),
    ),
    "assessment_mark_agreed": Recipe(
        lambda o: (
            lambda: assessments.assessment_mark_agreed(
                actor=o.world.cm_a, assessment=o.assessment, agreed_on=D(2026, 4, 10)
            )
        ),
        lambda o: (
            lambda: assessments.assessment_mark_agreed(actor=o.world.cm_a, assessment=o.assessment, agreed_on="x")
        ),
    ),
    # -- careplans -------------------------------------------------------------------------------------
    "careplan_create": Recipe(
        lambda o: (
            lambda: careplans.careplan_create(
                actor=o.world.cm_a, client=o.client, data=PlanInput(drafted_on=D(2026, 4, 5))
            )
        ),
        lambda o: (
            lambda: careplans.careplan_create(
                actor=o.world.cm_a, client=o.client, data=PlanInput(drafted_on=D(2026, 4, 5), reason="bogus")
            )
        ),
    ),
    "careplan_update": Recipe(
        lambda o: (
            lambda: careplans.careplan_update(
                actor=o.world.cm_a, plan=o.plan, data=input_from(PlanInput, {"policy": "方針"}, base=o.plan)
            )
        ),
        lambda o: (
            lambda: careplans.careplan_update(
                actor=o.world.cm_a,
                plan=o.active_plan,
                data=input_from(PlanInput, {"policy": "方針"}, base=o.active_plan),
            )
        ),
    ),
    "need_add": Recipe(
        lambda o: lambda: careplans.need_add(actor=o.world.cm_a, plan=o.plan, text="ニーズ"),
        lambda o: lambda: careplans.need_add(actor=o.world.cm_a, plan=o.active_plan, text="ニーズ"),
    ),
    "goal_add": Recipe(
        lambda o: (
            lambda: careplans.goal_add(
                actor=o.world.cm_a,
                need=o.need,
                term="long",
                text="目標",
                period_start=D(2026, 4, 15),
                period_end=D(2026, 9, 30),
            )
        ),
        lambda o: (
            lambda: careplans.goal_add(
                actor=o.world.cm_a,
                need=o.need,
                term="short",
                text="目標",
                period_start=D(2026, 4, 15),
                period_end=D(2026, 9, 30),
            )
        ),
    ),
    "service_add": Recipe(
        lambda o: lambda: careplans.service_add(actor=o.world.cm_a, goal=o.short, data=SERVICE),
        lambda o: (
            lambda: careplans.service_add(
                actor=o.world.cm_a, goal=o.short, data=input_from(ServiceInput, {"insured": True}, base=SERVICE)
            )
        ),
    ),
    "weekly_entry_add": Recipe(
        lambda o: (
            lambda: careplans.weekly_entry_add(
                actor=o.world.cm_a,
                plan=o.plan,
                data=WeeklyEntryInput(weekday=2, start_time=dt.time(9), end_time=dt.time(10), label="訪問看護"),
            )
        ),
        lambda o: (
            lambda: careplans.weekly_entry_add(
                actor=o.world.cm_a,
                plan=o.plan,
                data=WeeklyEntryInput(weekday=2, start_time=dt.time(10), end_time=dt.time(9), label="訪問看護"),
            )
        ),
    ),
    "plan_row_delete": Recipe(
        lambda o: lambda: careplans.plan_row_delete(actor=o.world.cm_a, plan=o.plan, row=o.need),
        lambda o: (
            lambda: careplans.plan_row_delete(actor=o.world.cm_a, plan=o.active_plan, row=o.active_plan.needs.first())
        ),
    ),
    "conference_create": Recipe(
        lambda o: lambda: careplans.conference_create(actor=o.world.cm_a, plan=o.plan, data=MEETING),
        lambda o: lambda: careplans.conference_create(actor=o.world.cm_a, plan=o.active_plan, data=MEETING),
    ),
    "plan_consent_record": Recipe(
        lambda o: (
            lambda: careplans.plan_consent_record(
                actor=o.world.cm_a,
                plan=o.conference_plan,
                data=PlanConsentInput(consented_on=D(2026, 4, 10), signer_name="本人"),
            )
        ),
        lambda o: (
            lambda: careplans.plan_consent_record(
                actor=o.world.cm_a, plan=o.plan, data=PlanConsentInput(consented_on=D(2026, 4, 10), signer_name="本人")
            )
        ),
    ),
    "plan_delivery_record": Recipe(
        lambda o: (
            lambda: careplans.plan_delivery_record(
                actor=o.world.cm_a, plan=o.consented_plan, provider=None, delivered_on=D(2026, 4, 10), method="hand"
            )
        ),
        lambda o: (
            lambda: careplans.plan_delivery_record(
                actor=o.world.cm_a, plan=o.plan, provider=None, delivered_on=D(2026, 4, 10), method="hand"
            )
        ),
    ),
    "careplan_activate": Recipe(
        lambda o: (
            lambda: careplans.careplan_activate(
                actor=o.world.cm_a, plan=o.delivered_plan, service_start_on=D(2026, 4, 15)
            )
        ),
        lambda o: lambda: careplans.careplan_activate(actor=o.world.cm_a, plan=o.plan, service_start_on=D(2026, 4, 15)),
    ),
    "careplan_revise": Recipe(
        lambda o: lambda: careplans.careplan_revise(actor=o.world.cm_a, plan=o.active_plan, drafted_on=D(2026, 7, 1)),
        lambda o: lambda: careplans.careplan_revise(actor=o.world.cm_a, plan=o.plan, drafted_on=D(2026, 7, 1)),
    ),
    # -- casework --------------------------------------------------------------------------------------
    "intake_create": Recipe(
        lambda o: (
            lambda: casework.intake_create(
                actor=o.world.cm_a,
                data=IntakeInput(
                    received_on=D(2026, 4, 1),
                    route="phone",
                    requester_name="長女",
                    requester_relation="長女",
                    subject_name="本人",
                    main_complaint="相談",
                ),
            )
        ),
        lambda o: (
            lambda: casework.intake_create(
                actor=o.world.cm_a,
                data=IntakeInput(
                    received_on=D(2026, 4, 1),
                    route="bogus",
                    requester_name="",
                    requester_relation="長女",
                    subject_name="本人",
                    main_complaint="相談",
                ),
            )
        ),
    ),
    "contract_create": Recipe(
        lambda o: (
            lambda: casework.contract_create(
                actor=o.world.cm_a,
                client=o.client,
                data=ContractInput(contracted_on=D(2026, 4, 2), multiple_providers_explained=True),
            )
        ),
        lambda o: (
            lambda: casework.contract_create(
                actor=o.world.cm_a,
                client=o.client,
                data=ContractInput(contracted_on=D(2026, 4, 2), multiple_providers_explained=False),
            )
        ),
    ),
    "intake_convert": Recipe(
        lambda o: (
            lambda: casework.intake_convert(
                actor=o.world.cm_a,
                intake=o.intake,
                client=CLIENT,
                contract=ContractInput(contracted_on=D(2026, 4, 2), multiple_providers_explained=True),
            )
        ),
        lambda o: (
            lambda: casework.intake_convert(
                actor=o.world.cm_a,
                intake=o.intake,
                client=CLIENT,
                contract=ContractInput(contracted_on=D(2026, 4, 2), multiple_providers_explained=False),
            )
        ),
    ),
    "progress_note_create": Recipe(
        lambda o: (
            lambda: casework.progress_note_create(
                actor=o.world.cm_a,
                client=o.client,
                data=NoteInput(noted_on=D(2026, 4, 3), category="phone", content="電話"),
            )
        ),
        lambda o: (
            lambda: casework.progress_note_create(
                actor=o.world.cm_a,
                client=o.client,
                data=NoteInput(noted_on=D(2026, 4, 3), category="bogus", content="電話"),
            )
        ),
    ),
    "monitoring_record": Recipe(
        lambda o: (
            lambda: casework.monitoring_record(
                actor=o.world.cm_a,
                client=o.client,
                month=D(2026, 5, 1),
                data=MonitoringInput(visited_on=D(2026, 5, 12)),
            )
        ),
        lambda o: (
            lambda: casework.monitoring_record(
                actor=o.world.cm_a,
                client=o.client,
                month=D(2026, 5, 1),
                data=MonitoringInput(visited_on=D(2026, 6, 12)),
            )
        ),
    ),
    "task_create": Recipe(
        lambda o: (
            lambda: casework.task_create(actor=o.world.cm_a, client=o.client, assignee=o.world.cm_a, title="確認")
        ),
        lambda o: (
            lambda: casework.task_create(actor=o.world.cm_a, client=o.client, assignee=o.world.cm_a, title="x" * 300)
        ),
    ),
    "task_complete": Recipe(
        lambda o: lambda: casework.task_complete(actor=o.world.cm_a, task=o.task, done_on=D(2026, 4, 30)),
        lambda o: lambda: casework.task_complete(actor=o.world.cm_a, task=o.task, done_on="x"),
    ),
}

RECIPES.update(more_recipes())


def write_services() -> dict[str, Callable[..., object]]:
    """Every public function of every carebridge.<app>.services module (and <app>/*_services.py,
    e.g. careplans/prevention_services.py) that takes `actor`."""
    found = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("carebridge."):
            continue
        names = ["services", *sorted(p.stem for p in Path(config.path).glob("*_services.py"))]
        for module_name in names:
            try:
                found.update(_actor_functions(importlib.import_module(f"{config.name}.{module_name}")))
            except ModuleNotFoundError:
                continue
    return found


def _actor_functions(module: Any) -> dict[str, Callable[..., object]]:
    found = {}
    for name, function in inspect.getmembers(module, inspect.isfunction):
        # a services package re-exports its areas' functions (workcare/services/<area>.py)
        if function.__module__.startswith(module.__name__) and not name.startswith("_"):
            if "actor" in inspect.signature(function).parameters:
                found[name] = function
    return found


def test_every_service_has_a_recipe():
    services = write_services()
    missing = sorted(set(services) - set(RECIPES))
    assert not missing, f"write services without an audit recipe: {missing}"
    assert not sorted(set(RECIPES) - set(services)), "a recipe for a service that does not exist"
    assert all(r.refused is not None or r.why for r in RECIPES.values())


def _prepared(recipe: Call, world: Any) -> Callable[[], object]:
    """The call with the records it reaches made beforehand (so only the service's own writes
    are counted): every Objs record named in the call's code is made now."""
    o = Objs(world)
    call = recipe(o)
    names: set[str] = set()
    codes = [call.__code__]
    while codes:
        code = codes.pop()
        names |= set(code.co_names)
        codes.extend(c for c in code.co_consts if inspect.iscode(c))
    for name in sorted(names):
        if isinstance(inspect.getattr_static(Objs, name, None), cached_property):
            getattr(o, name)
    return call


@pytest.mark.parametrize("name", sorted(RECIPES))
def test_a_successful_write_is_audited(world, name):
    call = _prepared(RECIPES[name].ok, world)
    before = AuditEvent.objects.count()
    call()
    assert AuditEvent.objects.count() > before, f"{name} wrote no AuditEvent"


@pytest.mark.parametrize("name", sorted(n for n, r in RECIPES.items() if r.refused is not None))
def test_a_refused_write_leaves_no_audit_event(world, name):
    refused = RECIPES[name].refused
    assert refused is not None
    call = _prepared(refused, world)
    before_events = AuditEvent.objects.count()
    before_companies = Company.objects.count()
    with pytest.raises(ValidationError):
        call()
    assert AuditEvent.objects.count() == before_events
    assert Company.objects.count() == before_companies
