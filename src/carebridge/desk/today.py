"""今日, composed once for the page and the API: the work list (compliance/worklist.py) of the
caller's clients or, for the office-wide roles, of the whole office by care manager; and the
caller's own active clients. Every client it names is logged as one list read (house rule 3)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from carebridge.clients import selectors as client_selectors
from carebridge.clients.models import Client, ClientStatus
from carebridge.compliance.worklist import WorkGroup, work_list
from carebridge.core.access import has_permission, require_permission
from carebridge.core.models import User
from carebridge.core.roles import Role
from carebridge.core.services import records_listed

# Roles that see the office's work list, by care manager, unless they ask for their own.
OFFICE_WIDE_ROLES = frozenset({Role.OFFICE_ADMIN, Role.CHIEF_CARE_MANAGER, Role.CLERK})


@dataclass(frozen=True)
class Today:
    day: dt.date
    office_wide: bool
    groups: list[WorkGroup]
    clients: dict[int, Client]
    my_clients: list[Client]

    @property
    def penalty_count(self) -> int:
        return sum(group.penalty_count for group in self.groups)


def today_for(*, actor: User, day: dt.date, scope: str = "") -> Today:
    """`scope`: "office" (every care manager's), "mine" (the caller's), "" (by role)."""
    require_permission(actor, "client.view")
    office_wide = scope == "office" or (scope != "mine" and actor.role in OFFICE_WIDE_ROLES)
    groups: list[WorkGroup] = []
    clients: dict[int, Client] = {}
    if has_permission(actor, "care.view"):
        work = work_list(actor=actor, today=day, care_manager_id=None if office_wide else actor.pk)
        groups, clients = work.groups(), work.clients
    my_clients = list(client_selectors.client_list(actor=actor, care_manager_id=actor.pk, status=ClientStatus.ACTIVE))
    records_listed(actor=actor, subject=Client, client_ids=[*clients, *(c.pk for c in my_clients)])
    return Today(day=day, office_wide=office_wide, groups=groups, clients=clients, my_clients=my_clients)
