"""Permission matrix of the actuals import pages (see tests/permission_matrix.py): care staff
(care.edit) upload and confirm; clerks and the workplace care manager may not; another office sees
only its own (a file addressed to office A is refused there, naming nothing of A)."""

from __future__ import annotations

import base64

from django.core.files.uploadedfile import SimpleUploadedFile

from carebridge.interop.models import ExchangeSend

from ..permission_matrix import Case, answered, matrix
from .jsk_helpers import csv_bytes, dltjsk_record, name


def _upload(o):
    """A DLTJSK for a client office A does not have: the preview lists it, nothing is applied."""
    office = o.world.office_a.office_number
    record = dltjsk_record(
        insurer="131128", insured="0000099999", month="202605", provider=o.provider.provider_number, service_type="11"
    )
    file_name = name("DLTJSK", month="202605", provider=o.provider.provider_number, office=office, provider_type="11")
    return {"files": SimpleUploadedFile(file_name, csv_bytes([record]))}


def _api_upload(o):
    """The same DLTJSK through the API, as a dry run (base64, docs/api-coverage.md)."""
    upload = _upload(o)["files"]
    upload.seek(0)
    return {
        "files": [{"name": upload.name, "content_base64": base64.b64encode(upload.read()).decode()}],
        "dry_run": True,
    }


NOTHING_APPLIED = answered(lambda o: not ExchangeSend.objects.exists(), "a preview applies and records nothing")

CASES = [
    Case(
        "actuals import page",
        "get",
        lambda o: "/interop/imports/",
        "interop:imports",
        "cm_a",
        "clerk_a",
        403,
        200,
        other_office=200,
    ),
    Case(
        "actuals import preview",
        "post",
        lambda o: "/interop/imports/preview/",
        "interop:import_preview",
        "cm_a",
        "clerk_a",
        403,
        200,
        data=_upload,
        other_office=200,
        post=NOTHING_APPLIED,
    ),
    Case(
        "actuals import apply without a confirmed preview",
        "post",
        lambda o: "/interop/imports/apply/",
        "interop:import_apply",
        "cm_a",
        "clerk_a",
        403,
        302,
        data={"token": "x"},
        other_office=302,
        post=answered(lambda o: not ExchangeSend.objects.exists(), "nothing in the session: nothing applied"),
    ),
    Case(
        "api actuals import (dry run)",
        "post",
        lambda o: "/api/v1/interop/imports",
        "POST /api/v1/interop/imports",
        "cm_a",
        "clerk_a",
        403,
        200,
        data=_api_upload,
        other_office=422,  # a file addressed to office A is refused in office B
        post=NOTHING_APPLIED,
    ),
]

test_anonymous, test_other_office, test_without_role, test_with_role = matrix(CASES)
