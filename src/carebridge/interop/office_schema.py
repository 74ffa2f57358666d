"""What a whole-office archive carries (docs/office-archive.md): one JSON member per model, in an
order where every row's references come before it, and the models deliberately left out.

The list is derived from the models, not written by hand: every model with an `office` foreign key
(the OfficeOwned tables and their child rows) is carried, so a new office table is exported and
imported without a line here. A model that only hangs off office rows without an `office` column
must be named in NOT_CARRIED with the reason, or tests/interop/test_office_archive_coverage.py
fails naming it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.db import models

from carebridge.core.models import Company, Office, User

# Bump when a field is renamed or removed or its encoding changes; an added field with a default
# does not need a bump (the import fills the default when an older archive lacks it).
SCHEMA_VERSION = 1
FORMAT = "carebridge-office-archive"

# The archive key of a record: its 1-based position in its member (rows in primary-key order).
KEY = "key"

# Models tied to an office that the archive leaves out, and why (docs/office-archive.md).
NOT_CARRIED: dict[str, str] = {
    "core.AuditEvent": (
        "the hash-chained trail stays with the system that wrote it (its hashes cover that system's "
        "ids and times); the export itself is an event of it, the import an event of the new one"
    ),
    "core.ApiToken": "secrets of the old system: users issue new tokens",
    "otp_totp.TOTPDevice": "shared TOTP keys are secrets: users enrol their authenticator again",
}

# User columns carried. The password hash is not (docs/office-archive.md: an imported user gets an
# unusable password and sets a new one); Django's groups and permissions are unused (roles decide).
USER_FIELDS = (
    "username",
    "role",
    "company",
    "display_name",
    "care_manager_number",
    "first_name",
    "last_name",
    "email",
    "is_active",
    "is_staff",
    "date_joined",
    "last_login",
)


# JSON columns that hold ids of carried rows: (model label, field) -> the model of the ids.
ID_LISTS: dict[tuple[str, str], str] = {("billing.FederationSend", "client_ids"): "clients.Client"}


@dataclass(frozen=True)
class Entity:
    member: str  # "clients/client.json"
    model: type[models.Model]

    @property
    def label(self) -> str:
        return self.model._meta.label


def _office_fk(model: type[models.Model]) -> bool:
    try:
        field = model._meta.get_field("office")
    except Exception:
        return False
    return isinstance(field, models.ForeignKey) and field.related_model is Office


def member_name(model: type[models.Model]) -> str:
    return f"{model._meta.app_label}/{model._meta.model_name}.json"


def references(model: type[models.Model]) -> list[models.ForeignKey[models.Model, models.Model]]:
    """The foreign keys a record of `model` carries (the office one is implied by the archive)."""
    return [
        f for f in model._meta.concrete_fields if isinstance(f, models.ForeignKey) and f.related_model is not Office
    ]


def many_to_many(model: type[models.Model]) -> list[models.ManyToManyField[models.Model, models.Model]]:
    """Links a record carries as lists of keys (a user's Django groups and permissions: unused)."""
    if model is User:
        return []
    return [f for f in model._meta.many_to_many if isinstance(f, models.ManyToManyField)]


def carried_models() -> list[type[models.Model]]:
    """Users and companies of the office, and every model with an office foreign key."""
    found = [m for m in apps.get_models() if _office_fk(m) and m._meta.label not in NOT_CARRIED]
    return sorted(found, key=lambda m: m._meta.label)


@cache
def entities() -> tuple[Entity, ...]:
    """Carried models in dependency order (a reference to another model's row points backwards;
    a reference to the same model is set in a second pass on import)."""
    pending = {m._meta.label: m for m in carried_models()}
    pending.pop(Company._meta.label, None)
    pending.pop(User._meta.label, None)
    ordered: list[type[models.Model]] = [Company, User]
    done = {Company._meta.label, User._meta.label}
    while pending:
        ready = [
            label
            for label, model in sorted(pending.items())
            if all(
                f.related_model._meta.label in done or f.related_model is model
                for f in [*references(model), *many_to_many(model)]
            )
            and all(target in done for (owner, _), target in ID_LISTS.items() if owner == label)
        ]
        if not ready:
            raise RuntimeError(f"office archive: references form a cycle or leave the office: {sorted(pending)}")
        for label in ready:
            ordered.append(pending.pop(label))
            done.add(label)
    return tuple(Entity(member_name(m), m) for m in ordered)


def entity_of(model: type[models.Model]) -> Entity:
    return next(e for e in entities() if e.model is model)
