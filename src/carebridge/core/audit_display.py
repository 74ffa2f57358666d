"""What the audit viewer shows for a page of events, computed in Python (the template only prints).

For every event: when (和暦 and time), who, the action in Japanese, the record (its kind, its name,
a link to its page) and each change as「項目: 旧 → 新」with choice labels, dates in 和暦, はい/いいえ,
the names of the rows a foreign key points to, lists joined with「、」. Records, related rows and
clients are fetched in bulk: one query per kind of record on the page, whatever its length.

Core knows no domain app: models are found by their label (`apps.get_model`), and the words a
model cannot tell come from the apps through core/audit_labels.py.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, ValidationError
from django.db import models
from django.urls import NoReverseMatch
from django.utils import timezone

from . import japanese, messages
from .audit_labels import VOCABULARY
from .models import AuditEvent

EMPTY = "（なし）"
SYSTEM = "システム"
NAME_MAX = 40
# The verb of a default action (core/audit.py action_name) in Japanese.
VERBS = {
    "created": "作成",
    "updated": "更新",
    "deleted": "削除",
    "viewed": "閲覧",
    "issued": "発行",
    "listed": "一覧表示",
}
# What a read of many records (core/audit.py `audit_list`) names instead of one record.
LISTED_NAME = "一覧・検索・帳票"
# Where a deleted record's name is found among the values its event kept, first match wins.
NAME_KEYS = ("name", "title", "label", "subject_name", "signer_name", "recipient", "text", "content", "username")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

Model = type[models.Model]


@dataclass(frozen=True)
class Change:
    """One line of「変更内容」: an update shows old → new (`arrow`); a created record only the new
    value (`old` is ""), a deleted one only the old value (`new` is "")."""

    label: str
    old: str
    new: str
    arrow: bool


@dataclass(frozen=True)
class AuditRow:
    id: int
    when: str
    actor: str
    kind: str
    action: str
    show_kind: bool  # a lifecycle step (e.g. 同意) names its kind too (更新); a plain 作成 does not
    record_kind: str
    record_name: str
    record_url: str
    record_missing: bool
    client_id: int | None
    client_name: str
    client_url: str
    changes: tuple[Change, ...]
    ip_address: str


# -- words -------------------------------------------------------------------------------------


def model_of(label: str) -> Model | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


@functools.cache
def _models_by_name() -> dict[str, Model]:
    found: dict[str, Model] = {}
    for model in apps.get_models():
        found.setdefault(model._meta.model_name or "", model)
    return found


def kind_label(model: Model | None, subject_type: str = "") -> str:
    """The name of a kind of record: 居宅サービス計画, 利用者, …"""
    label = model._meta.label_lower if model is not None else subject_type
    if label in VOCABULARY.subjects:
        return VOCABULARY.subjects[label]
    return str(model._meta.verbose_name) if model is not None else subject_type


def action_label(action: str, *, subject_type: str = "", event_type: str = "") -> str:
    """An action in Japanese: registered by its app, or「<record>: <verb>」for the default ones."""
    if action in VOCABULARY.actions:
        return VOCABULARY.actions[action]
    name, _, verb = action.partition(".")
    model = model_of(subject_type) if subject_type else _models_by_name().get(name)
    if verb in VERBS and model is not None and model._meta.model_name == name:
        return f"{kind_label(model)}: {VERBS[verb]}"
    if not action and event_type:
        return str(AuditEvent.EventType(event_type).label) if event_type in AuditEvent.EventType.values else event_type
    return action


def action_choices(actions: Iterable[str]) -> list[tuple[str, str]]:
    """Choices for the action filter, in the order of their labels."""
    return sorted(((a, action_label(a)) for a in actions if a), key=lambda choice: (choice[1], choice[0]))


def _field(model: Model | None, key: str) -> models.Field[Any, Any] | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(key)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) and field.concrete else None


def _key_label(model: Model | None, subject_type: str, path: tuple[str, ...]) -> str:
    full = ".".join((subject_type, *path))
    if full in VOCABULARY.keys:
        return VOCABULARY.keys[full]
    if len(path) == 1:
        field = _field(model, path[0])
        if field is not None:
            return str(field.verbose_name)
    return VOCABULARY.keys.get(path[-1], path[-1]) or "内容"


# -- values ------------------------------------------------------------------------------------


def wareki_datetime(moment: dt.datetime, *, seconds: bool = False) -> str:
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return f"{japanese.wareki_or_western(moment.date())} {moment:{'%H:%M:%S' if seconds else '%H:%M'}}"


def _date_text(value: Any, field: models.Field[Any, Any] | None) -> str | None:
    """A stored date, datetime or time (ISO text) in Japanese; None when it is none of them."""
    if not isinstance(value, str):
        return None
    try:
        if isinstance(field, models.DateTimeField):
            return wareki_datetime(dt.datetime.fromisoformat(value))
        if isinstance(field, models.DateField) or (field is None and ISO_DATE.fullmatch(value)):
            return japanese.wareki_or_western(dt.date.fromisoformat(value[:10]))
        if isinstance(field, models.TimeField):
            return dt.time.fromisoformat(value).strftime("%H:%M")
    except ValueError:
        return None
    return None


@dataclass
class Lookups:
    """The rows of a page's records, of the rows their foreign keys point to and of its clients,
    by model and pk (fetched in bulk)."""

    rows: dict[Model, dict[Any, models.Model]]

    def get(self, model: Model, pk: Any) -> models.Model | None:
        try:
            key = model._meta.pk.to_python(pk)
        except (ValidationError, ValueError, TypeError):
            return None
        return self.rows.get(model, {}).get(key)

    def name(self, model: Model, pk: Any) -> str:
        row = self.get(model, pk)
        return _name(row) if row is not None else f"{kind_label(model)} ID {pk}（削除済み）"


def value_text(
    value: Any,
    field: models.Field[Any, Any] | None,
    lookups: Lookups,
    *,
    labels: tuple[Model | None, str, tuple[str, ...]] | None = None,
) -> str:
    """One stored value as a person reads it. `labels` (model, subject type, path) names the keys
    of a nested mapping."""
    if field is not None and field.choices and isinstance(value, str | int) and not isinstance(value, bool):
        choices = dict(field.flatchoices)
        if value in choices:
            return str(choices[value])
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    if field is not None and field.is_relation and isinstance(field.related_model, type):
        return lookups.name(field.related_model, value)
    if isinstance(value, bool):
        return "はい" if value else "いいえ"
    dated = _date_text(value, field)
    if dated is not None:
        return dated
    if isinstance(value, list | tuple):
        return "、".join(value_text(v, None, lookups) for v in value)
    if isinstance(value, dict):
        model, subject_type, path = labels or (None, "", ())
        parts = []
        for key, inner in value.items():
            text = value_text(inner, None, lookups, labels=(model, subject_type, (*path, str(key))))
            parts.append(f"{_key_label(model, subject_type, (*path, str(key)))}: {text}")
        return "、".join(parts)
    return str(value)


# -- events ------------------------------------------------------------------------------------


def _pairs(event: AuditEvent) -> list[tuple[str, Any, Any]]:
    """(key, old, new) of an event's changes, whatever shape they were stored in."""
    changes = event.changes
    if not isinstance(changes, Mapping):
        return [("", None, changes)] if changes else []
    pairs = []
    for key, change in changes.items():
        if isinstance(change, Mapping) and set(change) <= {"old", "new"}:
            pairs.append((str(key), change.get("old"), change.get("new")))
        else:
            pairs.append((str(key), None, change))
    return pairs


def _changes(event: AuditEvent, model: Model | None, lookups: Lookups) -> tuple[Change, ...]:
    rows: list[Change] = []
    for key, old, new in _in_field_order(_pairs(event), model):
        field = _field(model, key)
        if key == "office" and event.office_id is not None and event.office_id in (old, new) and not (old and new):
            continue  # the office of a new or removed row is the office whose trail this is
        if _is_mapping(old) and _is_mapping(new) and (old or new):
            # A mapping (e.g. the 23 items of an assessment): one line per entry that differs.
            olds, news = old or {}, new or {}
            for sub in [*olds, *(k for k in news if k not in olds)]:
                if olds.get(sub) != news.get(sub):
                    path = (key, str(sub))
                    rows.append(_change(event, model, path, None, olds.get(sub), news.get(sub), lookups))
            continue
        rows.append(_change(event, model, (key,), field, old, new, lookups))
    # A new or removed record lists what it holds; its empty fields say nothing.
    return tuple(row for row in rows if row.arrow or (row.old or row.new) != EMPTY)


def _in_field_order(pairs: list[tuple[str, Any, Any]], model: Model | None) -> list[tuple[str, Any, Any]]:
    """The changes in the order of the record's fields (as its form shows them), other keys last."""
    if model is None:
        return pairs
    order = {f.name: i for i, f in enumerate(model._meta.concrete_fields)}
    return sorted(pairs, key=lambda pair: order.get(pair[0], len(order)))


def _is_mapping(value: Any) -> bool:
    return value is None or isinstance(value, Mapping)


def _change(
    event: AuditEvent,
    model: Model | None,
    path: tuple[str, ...],
    field: models.Field[Any, Any] | None,
    old: Any,
    new: Any,
    lookups: Lookups,
) -> Change:
    """An update shows old → new; a created (or issued) record its values; a deleted one what it held."""
    subject_type = event.subject_type
    label = _key_label(model, subject_type, path[:1])
    if len(path) > 1:
        label = f"{label}「{_key_label(model, subject_type, path)}」"
    labels = (model, subject_type, path)
    old_text = value_text(old, field, lookups, labels=labels)
    new_text = value_text(new, field, lookups, labels=labels)
    if event.event_type == AuditEvent.EventType.UPDATE:
        return Change(label, old_text, new_text, arrow=True)
    if event.event_type == AuditEvent.EventType.DELETE:
        return Change(label, old_text, "", arrow=False)
    return Change(label, "", new_text, arrow=False)


def _fetch(model: Model, pks: Iterable[Any]) -> dict[Any, models.Model]:
    """Rows of one model by pk, with the relations their name and address read (one query)."""
    keys = set()
    for pk in pks:
        try:
            key = model._meta.pk.to_python(pk)
        except (ValidationError, ValueError, TypeError):
            continue
        if not isinstance(key, int) or abs(key) < 2**63:  # what a database column can hold
            keys.add(key)
    if not keys:
        return {}
    queryset = model._default_manager.filter(pk__in=keys)
    related = VOCABULARY.related.get(model._meta.label_lower)
    if related:
        queryset = queryset.select_related(*related)
    return {row.pk: row for row in queryset}


def _name(row: models.Model) -> str:
    try:
        return str(row)
    except (ObjectDoesNotExist, AttributeError, ValueError, TypeError):
        return f"ID {row.pk}"


def _url(row: models.Model) -> str:
    get_url = getattr(row, "get_absolute_url", None)
    if get_url is None:
        return ""
    try:
        return str(get_url())
    except (NoReverseMatch, ObjectDoesNotExist, AttributeError, ValueError, TypeError):
        return ""


def _stored_name(event: AuditEvent) -> str:
    """The name of a record that is gone, from the values its event kept."""
    if _is_listing(event):
        return LISTED_NAME
    if not event.subject_id:  # a failed login on a username that names no account
        return str(messages.AUDIT_UNKNOWN_USER)
    values = {key: new if new not in (None, "") else old for key, old, new in _pairs(event)}
    for key in NAME_KEYS:
        value = values.get(key)
        if isinstance(value, str) and value.strip():
            text = value.strip()
            return text if len(text) <= NAME_MAX else text[: NAME_MAX - 1] + "…"
    return f"ID {event.subject_id}"


def _is_listing(event: AuditEvent) -> bool:
    return event.event_type == AuditEvent.EventType.VIEW and not event.subject_id


def audit_rows(events: Iterable[AuditEvent]) -> list[AuditRow]:
    """The rows of one page of the audit viewer (events with their actor selected)."""
    events = list(events)
    models_by_type = {t: model_of(t) for t in {e.subject_type for e in events}}
    client_model = model_of(VOCABULARY.client_model) if VOCABULARY.client_model else None

    # Every row the page names — records, what their foreign keys point to, clients — by model.
    wanted: dict[Model, set[Any]] = defaultdict(set)
    for event in events:
        if client_model is not None and event.client_id:
            wanted[client_model].add(event.client_id)
        model = models_by_type[event.subject_type]
        if model is None:
            continue
        wanted[model].add(event.subject_id)
        for key, old, new in _pairs(event):
            field = _field(model, key)
            if field is not None and field.is_relation and isinstance(field.related_model, type):
                wanted[field.related_model].update(v for v in (old, new) if isinstance(v, int | str) and v != "")
    lookups = Lookups({model: _fetch(model, pks) for model, pks in wanted.items()})

    rows = []
    for event in events:
        model = models_by_type[event.subject_type]
        record = lookups.get(model, event.subject_id) if model is not None else None
        client = lookups.get(client_model, event.client_id) if client_model is not None and event.client_id else None
        if client is None and model is not None and model is client_model:
            client = record  # a client's own creation carries no client id: the record is the client
        client_name = f"利用者ID {event.client_id}" if event.client_id else ""
        rows.append(
            AuditRow(
                id=event.pk,
                when=wareki_datetime(event.created_at, seconds=True),
                actor=str(event.actor) if event.actor is not None else SYSTEM,
                kind=event.get_event_type_display(),
                action=action_label(event.action, subject_type=event.subject_type, event_type=event.event_type),
                show_kind=bool(event.action) and event.action.partition(".")[2] not in VERBS,
                record_kind=kind_label(model, event.subject_type),
                record_name=_name(record) if record is not None else _stored_name(event),
                record_url=_url(record) if record is not None else "",
                record_missing=record is None and bool(event.subject_id),
                client_id=event.client_id or (client.pk if client is not None else None),
                client_name=_name(client) if client is not None else client_name,
                client_url=_url(client) if client is not None else "",
                changes=_changes(event, model, lookups),
                ip_address=event.ip_address or "",
            )
        )
    return rows
