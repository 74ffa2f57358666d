"""Audit recipes of the whole-office export and import (tests/test_audit_every_service.py)."""

from __future__ import annotations

from contextlib import suppress

from django.db import transaction

from carebridge.interop.office_services import office_export, office_import

from ..audit_recipe import Recipe
from ..factories import ClientFactory, OfficeFactory, UserFactory


class _Undo(Exception):
    pass


def moved_office() -> bytes:
    """The archive of a small office that the database no longer holds (made, exported, rolled back)."""
    made = b""
    with suppress(_Undo), transaction.atomic():
        office = OfficeFactory()
        cm = UserFactory(username="moving_cm", role="care_manager", office=office)
        ClientFactory(office=office, care_manager=cm)
        made = office_export(actor=None, office=office, documents=False).data
        raise _Undo
    return made


RECIPES = {
    "office_export": Recipe(
        lambda o: lambda: office_export(actor=o.world.admin_a, office=o.world.office_a, documents=False),
        None,
        why="a read of the whole office: nothing to refuse with a ValidationError (another office's "
        "user or a non-administrator gets PermissionDenied)",
    ),
    "office_import": Recipe(
        lambda o: (lambda data: lambda: office_import(actor=None, data=data))(moved_office()),
        # the office is still there: refused, naming office.json's office_number
        lambda o: (lambda data: lambda: office_import(actor=None, data=data))(
            office_export(actor=None, office=o.world.office_a, documents=False).data
        ),
    ),
}
