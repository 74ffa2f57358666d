"""One record of an office archive as JSON and back (docs/office-archive.md, "Values").

Database ids never leave the system: a reference to another carried row is that row's archive key
(its position in its member), a reference to a user is the user name, and a JSON list of client
ids is a list of client keys. Dates, times and datetimes (UTC) are ISO 8601, Decimals are text,
stored files are base64, JSON values have their keys sorted (PostgreSQL's jsonb reorders them).
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
from collections.abc import Mapping
from typing import Any

from django.db import models

from carebridge.core.models import Office, User

from .office_schema import ID_LISTS, KEY, USER_FIELDS, many_to_many, references

# Columns not in a record: the row's own id and its office (the archive is one office's).
SKIPPED = frozenset({"id", "office"})

Keys = dict[str, dict[int, int]]  # model label -> {database id: key} on export, {key: id} on import


class DecodeError(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def canonical(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: canonical(value[k]) for k in sorted(value)}
    if isinstance(value, list | tuple):
        return [canonical(v) for v in value]
    return value


def record_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    if model is User:
        return [model._meta.get_field(name) for name in USER_FIELDS]  # type: ignore[misc]
    return [f for f in model._meta.concrete_fields if f.name not in SKIPPED]


def encode_value(field: models.Field[Any, Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(field, models.DateTimeField):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(field, models.DateField | models.TimeField):
        return value.isoformat()
    if isinstance(field, models.DecimalField):
        return str(value)
    if isinstance(field, models.BinaryField):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(field, models.JSONField):
        return canonical(value)
    return value


def encode(row: models.Model, key: int, keys: Keys, usernames: Mapping[int, str]) -> dict[str, Any]:
    """A row as a record: its key first, then its fields in model order."""
    model = type(row)
    out: dict[str, Any] = {} if model is User else {KEY: key}
    fks = {f.name: f for f in references(model)}
    for field in record_fields(model):
        raw = getattr(row, field.attname)
        if field.name in fks and raw is not None:
            target = fks[field.name].related_model
            table = usernames if target is User else keys[target._meta.label]
            if raw not in table:
                raise DecodeError(
                    field.name, f"{field.name}: この事業所の外の記録（{target._meta.label}）を参照しています"
                )
            out[field.name] = table[raw]
        elif (model._meta.label, field.name) in ID_LISTS and raw is not None:
            table = keys[ID_LISTS[(model._meta.label, field.name)]]
            out[field.name] = [table[i] for i in raw]
        else:
            out[field.name] = encode_value(field, raw)
    return out


def decode_value(field: models.Field[Any, Any], value: Any) -> Any:
    if value is None:
        return None
    try:
        if isinstance(field, models.DateTimeField):
            moment = dt.datetime.fromisoformat(value)
            if moment.tzinfo is None:
                raise ValueError
            return moment
        if isinstance(field, models.DateField):
            return dt.date.fromisoformat(value)
        if isinstance(field, models.TimeField):
            return dt.time.fromisoformat(value)
        if isinstance(field, models.DecimalField):
            return decimal.Decimal(value)
        if isinstance(field, models.BinaryField):
            return base64.b64decode(value, validate=True)
    except (TypeError, ValueError, decimal.InvalidOperation) as exc:
        raise DecodeError(field.name, f"「{field.name}」の値「{value}」が読めません") from exc
    return value


def decode(
    model: type[models.Model], record: Mapping[str, Any], keys: Keys, users: Mapping[str, int], office: Office
) -> models.Model:
    """A record as an unsaved row of `model` (references resolved to the new ids). References to
    the row's own model are left empty here and set once every row has its id."""
    fields = {f.name: f for f in record_fields(model)}
    links = {f.name for f in many_to_many(model)}  # set once the row has its id (office_services)
    unknown = sorted(set(record) - set(fields) - links - {KEY})
    if unknown:
        raise DecodeError(unknown[0], f"「{unknown[0]}」はこの版の形式にない項目です")
    fks = {f.name: f for f in references(model)}
    values: dict[str, Any] = {}
    for name, field in fields.items():
        if name not in record:
            optional = field.has_default() or field.null or (field.blank and field.empty_strings_allowed)
            if not optional and not isinstance(field, models.DateTimeField):
                raise DecodeError(name, f"「{name}」がありません")
            continue  # an older archive: the model's default (docs/office-archive.md, versioning)
        value = record[name]
        if name in fks:
            if value is None or fks[name].related_model is model:
                continue
            target = fks[name].related_model
            table: Mapping[Any, int] = users if target is User else keys[target._meta.label]
            if value not in table:
                raise DecodeError(
                    name, f"「{name}」の参照先（{target._meta.label} の {value}）がアーカイブにありません"
                )
            values[field.attname] = table[value]
        elif (model._meta.label, name) in ID_LISTS and value is not None:
            table = keys[ID_LISTS[(model._meta.label, name)]]
            missing = [k for k in value if k not in table]
            if missing:
                raise DecodeError(name, f"「{name}」の利用者 {missing[0]} がアーカイブにありません")
            values[name] = [table[k] for k in value]
        else:
            values[field.attname] = decode_value(field, value)
    # Office staff belong to the office, HR and employees to one of its companies (User's constraint).
    values["office_id"] = None if model is User and values.get("company_id") is not None else office.pk
    return model(**values)
