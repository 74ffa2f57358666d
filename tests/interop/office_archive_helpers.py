"""The demo's office A as an office archive, made once per test module inside a transaction that
is rolled back: afterwards the database holds no office A, as a new installation would not."""

from __future__ import annotations

import io
import json
import zipfile
from contextlib import suppress

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from carebridge.billing.close_services import federation_export, month_close
from carebridge.billing.models import UsageSlip
from carebridge.billing.slip_services import slip_confirm
from carebridge.core.models import Office, User
from carebridge.desk.demo import load_demo
from carebridge.interop import exchange_plan
from carebridge.interop.exchange_services import exchange_plan_export
from carebridge.interop.office_services import office_export

OFFICE_A = "1371200013"


class _Undo(Exception):
    pass


_MADE: list[bytes] = []


def demo_archive() -> bytes:
    """Office A of the demo, with a closed month and its 国保連 file and a care-plan exchange send
    (so the billing and interop rows are carried too), exported, and then rolled back. Made once
    per test session (loading the demo takes most of a minute)."""
    if not _MADE:
        _MADE.append(_make())
    return _MADE[0]


def _make() -> bytes:
    made = b""
    with suppress(_Undo), transaction.atomic():
        today = timezone.localdate()
        load_demo(today=today, quiet=True)
        office = Office.objects.get(office_number=OFFICE_A)
        admin = User.objects.get(username="admin_a")
        month = today.replace(day=1)
        for slip in UsageSlip.objects.filter(office=office, month=month).order_by("pk")[:5]:
            with suppress(ValidationError):  # a slip the confirm refuses stays a draft
                slip_confirm(actor=admin, slip=slip)
        month_close(actor=admin, month=month)
        with suppress(Exception):  # a month whose pre-send check finds something is not sent
            federation_export(actor=admin, month=month)
        exchange_plan_export(actor=admin, office=office, plans=exchange_plan.plans_in_effect(office, month))
        made = office_export(actor=None, office=office).data
        raise _Undo
    return made


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rezip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def manifest(files: dict[str, bytes]) -> dict:
    return json.loads(files["manifest.json"])
