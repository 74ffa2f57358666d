"""Permission matrix of the 利用票 pages and API (see tests/permission_matrix.py).

Care staff and clerks view and edit slips (clerks enter the actuals); the workplace care manager
and the company roles never see them (404 for records, 403 for the office's pages)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from carebridge.billing.models import SlipConsent, SlipDelivery, UsageLine, UsageSlip

from ..permission_matrix import Case, changed, landed, matrix, removed

MAY = dt.date(2026, 5, 1)
JUNE = dt.date(2026, 6, 1)


def _cached(o: Any, key: str, make: Any) -> Any:
    if key not in o.__dict__:
        o.__dict__[key] = make()
    return o.__dict__[key]


def _patient(o: Any) -> Any:
    return o["active_plan"].client  # started 2026-04-15, services until 2026-06-30


def _slip(o: Any) -> UsageSlip:
    from carebridge.billing import slip_services

    return _cached(o, "slip", lambda: slip_services.slip_generate(actor=o.world.cm_a, client=_patient(o), month=MAY))


def _line(o: Any) -> UsageLine:
    return _cached(o, "line", lambda: _slip(o).lines.order_by("position").first())


def _line2(o: Any) -> UsageLine:
    from carebridge.billing import slip_services
    from carebridge.billing.slip_inputs import UsageLineInput

    _line(o)
    return _cached(
        o,
        "line2",
        lambda: slip_services.slip_line_add(
            actor=o.world.cm_a, slip=_slip(o), data=UsageLineInput(service_name="訪問介護", provider_name="X")
        ),
    )


def _ready(o: Any) -> UsageSlip:
    """June's slip with its line filled in (ready to confirm)."""
    from carebridge.billing import slip_services
    from carebridge.billing.slip_inputs import UsageLineInput

    def make() -> UsageSlip:
        slip = slip_services.slip_generate(actor=o.world.cm_a, client=_patient(o), month=JUNE)
        line = slip.lines.get()
        data = UsageLineInput(
            provider_id=line.provider_id,
            service_type="15",
            service_code="151111",
            service_name="通所介護",
            units=658,
            planned_days=line.planned_days,
        )
        slip_services.slip_line_update(actor=o.world.cm_a, line=line, data=data)
        return slip

    return _cached(o, "ready", make)


def _confirmed(o: Any) -> UsageSlip:
    from carebridge.billing import slip_services

    return _cached(o, "confirmed", lambda: slip_services.slip_confirm(actor=o.world.cm_a, slip=_ready(o)))


def _s(o: Any) -> str:
    return f"/billing/slip/{_slip(o).pk}"


def _l(o: Any) -> str:
    return f"{_s(o)}/lines/{_line(o).pk}"


def _api_s(o: Any) -> str:
    return f"/api/v1/billing/slips/{_slip(o).pk}"


def _api_l(o: Any) -> str:
    return f"{_api_s(o)}/lines/{_line(o).pk}"


LINE = {"service_name": "訪問介護", "provider_name": "X", "units": "250", "planned_days": "0" * 31}
CONSENT = {"consented_on": "2026-04-28", "method": "visit", "consented_by": "本人"}
WEEK = "0" * 31

CASES = [
    # -- the office's month ------------------------------------------------------------------------
    Case(
        "slips home", "get", lambda o: "/billing/slips/", "billing:home", "clerk_a", "wcm_a", 403, 302, other_office=302
    ),
    Case(
        "office month",
        "get",
        lambda o: (_patient(o), "/billing/slips/2026-05/")[1],
        "billing:slip_month",
        "clerk_a",
        "wcm_a",
        403,
        200,
        lists_clients=True,
        other_office=200,
    ),
    Case(
        "generate all",
        "post",
        lambda o: (_patient(o), "/billing/slips/2026-05/generate/")[1],
        "billing:slip_month_generate",
        "clerk_a",
        "wcm_a",
        403,
        302,
        post=landed(UsageSlip),
        other_office=302,
    ),
    # -- a client's month --------------------------------------------------------------------------
    Case(
        "client slip",
        "get",
        lambda o: (_slip(o), f"/billing/clients/{_patient(o).pk}/slips/2026-05/")[1],
        "billing:client_slip",
        "clerk_a",
        "wcm_a",
        404,
        200,
        reads_client=True,
    ),
    Case(
        "client slip generate",
        "post",
        lambda o: f"/billing/clients/{_patient(o).pk}/slips/2026-05/generate/",
        "billing:client_slip_generate",
        "clerk_a",
        "wcm_a",
        404,
        302,
        post=landed(UsageSlip),
    ),
    Case(
        "line form",
        "get",
        lambda o: f"{_s(o)}/lines/new/",
        "billing:slip_line_add",
        "clerk_a",
        "wcm_a",
        404,
        200,
        reads_client=True,
    ),
    Case(
        "line add",
        "post",
        lambda o: f"{_s(o)}/lines/new/",
        "billing:slip_line_add",
        "clerk_a",
        "wcm_a",
        404,
        302,
        LINE,
        post=landed(UsageLine),
    ),
    Case(
        "line edit form",
        "get",
        lambda o: f"{_l(o)}/",
        "billing:slip_line_edit",
        "cm_a",
        "wcm_a",
        404,
        200,
        reads_client=True,
    ),
    Case(
        "line edit",
        "post",
        lambda o: f"{_l(o)}/",
        "billing:slip_line_edit",
        "clerk_a",
        "wcm_a",
        404,
        302,
        {**LINE, "service_name": "訪問介護（変更）"},
        post=changed("line", "service_name", "訪問介護（変更）"),
    ),
    Case(
        "actuals form",
        "get",
        lambda o: f"{_l(o)}/actuals/",
        "billing:slip_line_actuals",
        "clerk_a",
        "wcm_a",
        404,
        200,
        reads_client=True,
    ),
    Case(
        "actuals",
        "post",
        lambda o: f"{_l(o)}/actuals/",
        "billing:slip_line_actuals",
        "clerk_a",
        "wcm_a",
        404,
        302,
        {"actual_days": "1" + "0" * 30},
        post=changed("line", "actual_days", "1" + "0" * 30),
    ),
    Case(
        "cell",
        "post",
        lambda o: f"{_l(o)}/cell/",
        "billing:slip_line_cell",
        "clerk_a",
        "wcm_a",
        404,
        302,
        {"cell": "planned-1-3"},
        post=changed("line", "planned_days", lambda v: v[0] == "3"),
    ),
    Case(
        "line delete",
        "post",
        lambda o: f"{_l(o)}/delete/",
        "billing:slip_line_delete",
        "cm_a",
        "wcm_a",
        404,
        302,
        post=removed("line"),
    ),
    Case(
        "line move",
        "post",
        lambda o: f"{_s(o)}/lines/{_line2(o).pk}/move/up/",
        "billing:slip_line_move",
        "cm_a",
        "wcm_a",
        404,
        302,
        post=changed("line2", "position", 0),
    ),
    Case(
        "confirm",
        "post",
        lambda o: f"/billing/slip/{_ready(o).pk}/confirm/",
        "billing:slip_confirm",
        "cm_a",
        "wcm_a",
        404,
        302,
        post=changed("ready", "status", "confirmed"),
    ),
    Case(
        "revise",
        "post",
        lambda o: f"/billing/slip/{_confirmed(o).pk}/revise/",
        "billing:slip_revise",
        "clerk_a",
        "wcm_a",
        404,
        302,
        {"reason": "訂正"},
        post=changed("confirmed", "status", "superseded"),
    ),
    Case(
        "consent form",
        "get",
        lambda o: f"{_s(o)}/consent/",
        "billing:slip_consent",
        "cm_a",
        "wcm_a",
        404,
        200,
        reads_client=True,
    ),
    Case(
        "consent",
        "post",
        lambda o: f"{_s(o)}/consent/",
        "billing:slip_consent",
        "cm_a",
        "wcm_a",
        404,
        302,
        CONSENT,
        post=landed(SlipConsent),
    ),
    Case(
        "delivery form",
        "get",
        lambda o: f"{_s(o)}/delivery/",
        "billing:slip_delivery",
        "cm_a",
        "wcm_a",
        404,
        200,
        reads_client=True,
    ),
    Case(
        "delivery",
        "post",
        lambda o: f"{_s(o)}/delivery/",
        "billing:slip_delivery",
        "clerk_a",
        "wcm_a",
        404,
        302,
        {"recipient": "0", "delivered_on": "2026-04-28", "method": "fax"},
        post=landed(SlipDelivery),
    ),
    Case(
        "slip pdf",
        "get",
        lambda o: f"{_s(o)}/pdf/",
        "billing:slip_pdf",
        "clerk_a",
        "wcm_a",
        404,
        200,
        reads_client=True,
    ),
    Case(
        "provider pdf",
        "get",
        lambda o: f"{_s(o)}/pdf/providers/0/",
        "billing:slip_pdf_provider",
        "clerk_a",
        "wcm_a",
        404,
        200,
        reads_client=True,
    ),
    # -- API ---------------------------------------------------------------------------------------
    Case(
        "api list",
        "get",
        lambda o: (_slip(o), f"/api/v1/billing/clients/{_patient(o).pk}/slips")[1],
        "GET /api/v1/billing/clients/{client_id}/slips",
        "clerk_a",
        "wcm_a",
        404,
        200,
        reads_client=True,
    ),
    Case(
        "api get",
        "get",
        lambda o: (_slip(o), f"/api/v1/billing/clients/{_patient(o).pk}/slips/2026-05")[1],
        "GET /api/v1/billing/clients/{client_id}/slips/{month}",
        "clerk_a",
        "wcm_a",
        404,
        200,
        reads_client=True,
    ),
    Case(
        "api generate",
        "post",
        lambda o: f"/api/v1/billing/clients/{_patient(o).pk}/slips/2026-05",
        "POST /api/v1/billing/clients/{client_id}/slips/{month}",
        "clerk_a",
        "wcm_a",
        404,
        201,
        post=landed(UsageSlip),
    ),
    Case(
        "api line add",
        "post",
        lambda o: f"{_api_s(o)}/lines",
        "POST /api/v1/billing/slips/{slip_id}/lines",
        "clerk_a",
        "wcm_a",
        404,
        201,
        {"service_name": "訪問介護", "provider_name": "X"},
        post=landed(UsageLine),
    ),
    Case(
        "api line update",
        "patch",
        lambda o: _api_l(o),
        "PATCH /api/v1/billing/slips/{slip_id}/lines/{line_id}",
        "cm_a",
        "wcm_a",
        404,
        200,
        {"units": 321},
        post=changed("line", "units", 321),
    ),
    Case(
        "api line delete",
        "delete",
        lambda o: _api_l(o),
        "DELETE /api/v1/billing/slips/{slip_id}/lines/{line_id}",
        "cm_a",
        "wcm_a",
        404,
        204,
        post=removed("line"),
    ),
    Case(
        "api actuals",
        "put",
        lambda o: f"{_api_l(o)}/actuals",
        "PUT /api/v1/billing/slips/{slip_id}/lines/{line_id}/actuals",
        "clerk_a",
        "wcm_a",
        404,
        200,
        {"actual_days": "2" + "0" * 30},
        post=changed("line", "actual_days", "2" + "0" * 30),
    ),
    Case(
        "api confirm",
        "post",
        lambda o: f"/api/v1/billing/slips/{_ready(o).pk}/confirm",
        "POST /api/v1/billing/slips/{slip_id}/confirm",
        "cm_a",
        "wcm_a",
        404,
        200,
        post=changed("ready", "status", "confirmed"),
    ),
    Case(
        "api revise",
        "post",
        lambda o: f"/api/v1/billing/slips/{_confirmed(o).pk}/revise",
        "POST /api/v1/billing/slips/{slip_id}/revise",
        "cm_a",
        "wcm_a",
        404,
        201,
        {"reason": "訂正"},
        post=changed("confirmed", "status", "superseded"),
    ),
    Case(
        "api consent",
        "post",
        lambda o: f"{_api_s(o)}/consents",
        "POST /api/v1/billing/slips/{slip_id}/consents",
        "clerk_a",
        "wcm_a",
        404,
        201,
        CONSENT,
        post=landed(SlipConsent),
    ),
    Case(
        "api delivery",
        "post",
        lambda o: f"{_api_s(o)}/deliveries",
        "POST /api/v1/billing/slips/{slip_id}/deliveries",
        "cm_a",
        "wcm_a",
        404,
        201,
        lambda o: {"provider_id": _line(o).provider_id, "delivered_on": "2026-04-28", "method": "fax"},
        post=landed(SlipDelivery),
    ),
    Case(
        "api office month",
        "get",
        lambda o: "/api/v1/billing/months/2026-05/slips",
        "GET /api/v1/billing/months/{month}/slips",
        "clerk_a",
        "wcm_a",
        403,
        200,
        lists_clients=True,
        other_office=200,
    ),
    Case(
        "api slip pdf",
        "get",
        lambda o: f"/api/v1/billing/slips/{_slip(o).pk}/pdf",
        "GET /api/v1/billing/slips/{slip_id}/pdf",
        "clerk_a",
        "wcm_a",
        404,
        200,
        reads_client=True,
    ),
    Case(
        "api provider pdf",
        "get",
        lambda o: f"/api/v1/billing/slips/{_slip(o).pk}/pdf/providers/0",
        "GET /api/v1/billing/slips/{slip_id}/pdf/providers/{index}",
        "clerk_a",
        "wcm_a",
        404,
        200,
        reads_client=True,
    ),
]

test_anonymous, test_other_office, test_without_role, test_with_role = matrix(CASES)
