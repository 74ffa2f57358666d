"""The official files of an office archive (docs/office-archive.md, "Official files"), made by the
builders the pages use: the ケアプランデータ連携 plan set of each client's plan in effect, the
国保連 files the office made (kept byte for byte by billing), and the PDFs of 第1〜7表.

They are for people and other systems: the import rebuilds the office from the JSON members alone,
so these may differ between two exports of the same data (time stamps, today's date).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping

from carebridge.billing import annex_pdf, slip_pdf, slip_selectors
from carebridge.billing.annex_selectors import annex_calculator
from carebridge.billing.models import FederationSend, SlipStatus, UsageSlip
from carebridge.careplans import pdf as plan_pdfs
from carebridge.careplans.models import CareConference
from carebridge.careplans.prevention_models import PreventionPlan
from carebridge.careplans.prevention_pdf import prevention_pdf
from carebridge.careplans.selectors import plans_for_pdf
from carebridge.casework import pdf as casework_pdf
from carebridge.casework.models import ProgressNote, SpecialCircumstance
from carebridge.clients.models import Client
from carebridge.core.models import Office

from . import exchange_plan
from .exchange_layout import PLAN_SET
from .exchange_names import NO_MONTH, file_name
from .exchange_writer import write_file

Member = tuple[str, bytes]


def exchange_members(office: Office, moment: dt.datetime) -> tuple[list[Member], list[str]]:
    """The plan set (UPHOSOKU, UP1KYO, UP2KYO, UP3KYO) of every client's plan in effect this
    month, one folder per destination; not a send, so no send record is written."""
    stamp = moment.strftime("%Y%m%d%H%M%S")
    plans = exchange_plan.plans_in_effect(office, moment.date().replace(day=1))
    built = exchange_plan.build_plan_sets(plans, office)
    members: list[Member] = []
    notes = list(built.skipped)
    for file_set in built.sets:
        dest = file_set.destination
        folder = f"official/careplan-exchange/{dest.number}_{dest.service_type}"
        for kind in PLAN_SET:
            written = write_file(kind, file_set.rows[kind])
            name = file_name(
                kind,
                sender_number=office.office_number,
                receiver_number=dest.number,
                receiver_type=dest.service_type,
                stamp=stamp,
                month=NO_MONTH if kind == "UPHOSOKU" else None,
            )
            members.append((f"{folder}/{name}", written.data))
            notes += [f"{name}: {r.message()}" for r in written.replacements]
    return members, notes


def federation_members(office: Office) -> Iterator[Member]:
    """Each 国保連 file as it was made (billing keeps the bytes), numbered in the order made."""
    sends = FederationSend.objects.filter(office=office).order_by("pk")
    for number, send in enumerate(sends, start=1):
        yield f"official/kokuhoren/{send.month:%Y%m}/{number:04d}_{send.file_name}", bytes(send.content)


def _client_pdfs(client: Client, folder: str, today: dt.date) -> Iterator[Member]:
    plan = plans_for_pdf().filter(client=client).order_by("-version").first()
    if plan is not None:
        yield f"{folder}/hyo1-3_careplan_v{plan.version}.pdf", plan_pdfs.plan_pdf(plan).data
        conferences = CareConference.objects.filter(plan=plan).select_related("plan__client", "plan__office", "author")
        for n, conference in enumerate(conferences.order_by("held_on", "pk"), start=1):
            yield f"{folder}/hyo4_conference_{n:02d}.pdf", plan_pdfs.conference_pdf(conference).data
    notes = list(ProgressNote.objects.filter(client=client).order_by("noted_on", "id"))
    if notes:
        drawn = casework_pdf.progress_notes_pdf(
            client,
            notes,
            author_name=str(client.care_manager or ""),
            office_name=client.office.name,
            created_on=today,
            special_circumstances=list(SpecialCircumstance.objects.filter(client=client)),
        )
        yield f"{folder}/hyo5_progress_notes.pdf", drawn.data
    prevention = PreventionPlan.objects.filter(client=client).order_by("-version").first()
    if prevention is not None:
        yield f"{folder}/prevention_plan_v{prevention.version}.pdf", prevention_pdf(prevention).data
    slips = slip_selectors.slip_with_rows().filter(client=client).exclude(status=SlipStatus.SUPERSEDED)
    newest: dict[dt.date, UsageSlip] = {}
    for slip in slips.order_by("month", "version"):
        newest[slip.month] = slip  # ordered by version: the last one is the month's slip
    for month, slip in sorted(newest.items()):
        cert = slip_selectors.certification_for_month(client=client, month=month)
        page = slip_selectors.slip_page(slip)
        yield f"{folder}/hyo6_slip_{month:%Y%m}.pdf", slip_pdf.render_slip(page, cert=cert, provider=None).data
        sheet = annex_calculator(client=client, slip=slip)(())
        yield f"{folder}/hyo7_annex_{month:%Y%m}.pdf", annex_pdf.annex_pdf(client=client, slip=slip, annex=sheet).data


def pdf_members(
    office: Office, client_keys: Mapping[int, int], today: dt.date, progress: Callable[[int, int], None]
) -> Iterator[Member]:
    """第1〜3表 (the newest plan), 第4表 (its meetings), 第5表, the 介護予防 plan, and 第6・7表 of
    each month's slip, per client in a folder named by the client's archive key."""
    clients = list(Client.objects.filter(office=office).select_related("office", "care_manager").order_by("pk"))
    for done, client in enumerate(clients, start=1):
        yield from _client_pdfs(client, f"pdf/client-{client_keys[client.pk]:05d}", today)
        progress(done, len(clients))
