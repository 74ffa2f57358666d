"""Whole-office export and import (data portability; docs/office-archive.md).

`office_export` writes one zip: manifest.json (format, schema_version, counts and SHA-256 of every
member), one JSON member per carried model under data/, and the official files (office_documents).
`office_import` rebuilds the office from such a zip on a database that does not hold it yet: all
or nothing in one transaction, one audit event, errors naming the member and the record.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import version
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone

from carebridge.core.access import require_permission
from carebridge.core.audit import audit_record
from carebridge.core.import_errors import RowError
from carebridge.core.models import AuditEvent, Office, User

from . import office_codec as codec
from . import office_documents, office_messages
from .office_schema import FORMAT, KEY, SCHEMA_VERSION, Entity, entities, many_to_many, references

Progress = Callable[[str, int, int], None]
MANIFEST = "manifest.json"
OFFICE_MEMBER = "data/core/office.json"
OFFICE_FIELDS = [f for f in Office._meta.concrete_fields if f.name != "id"]
BATCH = 500


def _no_progress(step: str, done: int, total: int) -> None:
    """Progress is for the command line's bar; services called elsewhere report nothing."""


def data_member(entity: Entity) -> str:
    return f"data/{entity.member}"


def dump(payload: object) -> bytes:
    """JSON as the archive writes it: UTF-8, one field a line, the same bytes for the same data."""
    return (json.dumps(payload, ensure_ascii=False, indent=1) + "\n").encode()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class OfficeArchive:
    name: str
    data: bytes
    sha256: str
    counts: dict[str, int]
    notes: list[str] = field(default_factory=list)


# -- export ----------------------------------------------------------------------------------------


def _rows(entity: Entity, office: Office) -> models.QuerySet[Any]:
    manager = entity.model._base_manager  # the default manager may hide rows (e.g. inactive ones)
    if entity.model is User:
        return manager.filter(Q(office=office) | Q(company__office=office)).order_by("pk")
    return manager.filter(office=office).order_by("pk")


def _m2m_keys(entity: Entity, pks: list[int], keys: codec.Keys) -> dict[str, dict[int, list[int]]]:
    """For each many-to-many field: row id -> the sorted keys of the rows it links to."""
    out: dict[str, dict[int, list[int]]] = {}
    for m2m in many_to_many(entity.model):
        through = _through(m2m)
        source, target = m2m.m2m_column_name(), m2m.m2m_reverse_name()
        table = keys[m2m.related_model._meta.label]
        links: dict[int, list[int]] = {}
        for start in range(0, len(pks), BATCH):
            chunk = pks[start : start + BATCH]
            for row_id, target_id in through._base_manager.filter(**{f"{source}__in": chunk}).values_list(
                source, target
            ):
                links.setdefault(row_id, []).append(table[target_id])
        out[m2m.name] = {row_id: sorted(found) for row_id, found in links.items()}
    return out


def _through(m2m: models.ManyToManyField[models.Model, models.Model]) -> type[models.Model]:
    through = m2m.remote_field.through
    assert through is not None  # noqa: S101 - Django fills it in when the models are ready
    return through


def _entity_json(entity: Entity, office: Office, keys: codec.Keys, usernames: dict[int, str]) -> tuple[bytes, int]:
    rows = list(_rows(entity, office))
    keys[entity.label] = {row.pk: n for n, row in enumerate(rows, start=1)}
    if entity.model is User:
        usernames.update({row.pk: row.username for row in rows})
    links = _m2m_keys(entity, [row.pk for row in rows], keys)
    records = []
    for n, row in enumerate(rows, start=1):
        try:
            record = codec.encode(row, n, keys, usernames)
        except codec.DecodeError as exc:
            raise ValidationError(f"{data_member(entity)} {n}件目: {exc.message}") from exc
        for name, by_row in links.items():
            record[name] = by_row.get(row.pk, [])
        records.append(record)
    payload = {"model": entity.label, "schema_version": SCHEMA_VERSION, "records": records}
    return dump(payload), len(records)


def _reference_map(entity: Entity) -> dict[str, str]:
    refs = {f.name: f.related_model for f in references(entity.model)}
    refs.update({f.name: f.related_model for f in many_to_many(entity.model)})
    return {
        name: "data/core/user.json#username" if model is User else f"data/{_member_of(model)}"
        for name, model in refs.items()
    }


def _member_of(model: type[models.Model]) -> str:
    return next(e.member for e in entities() if e.model is model)


@transaction.atomic
def office_export(
    *,
    actor: User | None,
    office: Office,
    documents: bool = True,
    moment: dt.datetime | None = None,
    progress: Progress = _no_progress,
) -> OfficeArchive:
    """The whole office as one zip. `actor` None: the command line (run by the server's operator);
    a user must be an administrator of this office. The export is an event of the office's trail."""
    if actor is not None:
        if actor.office_id != office.pk:
            raise PermissionDenied(office_messages.OTHER_OFFICE)
        require_permission(actor, "office.admin")
    moment = timezone.localtime(moment or timezone.now())
    members: list[tuple[str, bytes]] = []
    listed: list[dict[str, Any]] = []
    office_record = {f.name: codec.encode_value(f, getattr(office, f.attname)) for f in OFFICE_FIELDS}
    office_json = dump({"model": "core.Office", "schema_version": SCHEMA_VERSION, "records": [office_record]})
    members.append((OFFICE_MEMBER, office_json))
    listed.append({"member": OFFICE_MEMBER, "model": "core.Office", "count": 1, "sha256": sha256(office_json)})
    keys: codec.Keys = {}
    usernames: dict[int, str] = {}
    counts: dict[str, int] = {"core.Office": 1}
    all_entities = entities()
    for done, entity in enumerate(all_entities, start=1):
        data, count = _entity_json(entity, office, keys, usernames)
        member = data_member(entity)
        members.append((member, data))
        counts[entity.label] = count
        listed.append(
            {
                "member": member,
                "model": entity.label,
                "count": count,
                "sha256": sha256(data),
                "references": _reference_map(entity),
            }
        )
        progress("記録", done, len(all_entities))
    notes: list[str] = []
    if documents:
        exchange, notes = office_documents.exchange_members(office, moment)
        members += exchange
        members += list(office_documents.federation_members(office))
        client_keys = keys["clients.Client"]
        members += list(
            office_documents.pdf_members(
                office, client_keys, moment.date(), lambda done, total: progress("帳票", done, total)
            )
        )
    files = [{"member": name, "sha256": sha256(data), "bytes": len(data)} for name, data in members[len(listed) :]]
    manifest = {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "generator": f"CareBridge {version('carebridge')}",
        "exported_at": moment.isoformat(),
        "office_number": office.office_number,
        "passwords": "not carried",
        "entities": listed,
        "files": files,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, dump(manifest))
        for name, data in members:
            archive.writestr(name, data)
    data = buffer.getvalue()
    digest = sha256(data)
    audit_record(
        actor=actor,
        office_id=office.pk,
        subject=office,
        event_type=AuditEvent.EventType.VIEW,
        action="office.exported",
        changes={"archive_sha256": digest, "schema_version": SCHEMA_VERSION, "counts": counts},
    )
    name = f"carebridge-office-{office.office_number}-{moment:%Y%m%d%H%M%S}.zip"
    return OfficeArchive(name, data, digest, counts, notes)


# -- import ----------------------------------------------------------------------------------------


@dataclass
class ImportedOffice:
    office: Office
    counts: dict[str, int]
    archive_sha256: str


class ArchiveRefused(ValidationError):
    """The archive was refused, nothing written: every error found (`rows`), each naming the
    member, the record (its position, = its key) and the field."""

    def __init__(self, rows: list[RowError]) -> None:
        super().__init__([office_messages.describe(row) for row in rows])
        self.rows = rows


def _refuse(member: str, message: str, record: int = 0, column: str = "") -> ArchiveRefused:
    return ArchiveRefused([RowError(member, record, column, message)])


def _read(archive: zipfile.ZipFile, member: str, expected_sha: str | None = None) -> bytes:
    try:
        data = archive.read(member)
    except KeyError:
        raise _refuse(member, office_messages.MEMBER_MISSING) from None
    if expected_sha is not None and sha256(data) != expected_sha:
        raise _refuse(member, office_messages.MEMBER_CHANGED)
    return data


def _records(member: str, data: bytes, model: str) -> list[dict[str, Any]]:
    try:
        payload = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _refuse(member, f"{office_messages.BAD_JSON}（{exc}）") from exc
    if not isinstance(payload, dict) or payload.get("model") != model or not isinstance(payload.get("records"), list):
        raise _refuse(member, office_messages.BAD_MEMBER.format(model=model))
    records: list[dict[str, Any]] = payload["records"]
    for n, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise _refuse(member, office_messages.BAD_RECORD, n)
    return records


def _manifest(archive: zipfile.ZipFile) -> dict[str, Any]:
    data = _read(archive, MANIFEST)
    try:
        manifest = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _refuse(MANIFEST, f"{office_messages.BAD_JSON}（{exc}）") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _refuse(MANIFEST, office_messages.NOT_AN_ARCHIVE, column="format")
    if manifest.get("schema_version") != SCHEMA_VERSION:
        found = manifest.get("schema_version")
        raise _refuse(
            MANIFEST,
            office_messages.WRONG_SCHEMA.format(found=found, supported=SCHEMA_VERSION),
            column="schema_version",
        )
    if not isinstance(manifest.get("entities"), list) or not isinstance(manifest.get("files"), list):
        raise _refuse(MANIFEST, office_messages.NOT_AN_ARCHIVE, column="entities")
    return manifest


@contextlib.contextmanager
def _stored_timestamps(model_list: list[type[models.Model]]) -> Iterator[None]:
    """created_at/updated_at as the archive says, not the time of the import (auto_now off while
    the rows are inserted; put back afterwards even on failure). The switch is process-wide, which
    is why the import is a command and never runs inside a serving process."""
    switched: list[tuple[models.DateField[Any, Any], bool, bool]] = []
    for model in model_list:
        for f in model._meta.concrete_fields:
            if isinstance(f, models.DateField) and (f.auto_now or f.auto_now_add):
                switched.append((f, f.auto_now, f.auto_now_add))
                f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, now, now_add in switched:
            f.auto_now, f.auto_now_add = now, now_add


def _conflicts(office_record: dict[str, Any], loaded: dict[Entity, list[dict[str, Any]]]) -> list[RowError]:
    """Rows the database already holds that the import would collide with (it works only into a
    database without this office: the data of another system is never merged)."""
    errors: list[RowError] = []
    number = office_record.get("office_number")
    if Office.objects.filter(office_number=number).exists():
        errors.append(RowError(OFFICE_MEMBER, 1, "office_number", office_messages.OFFICE_EXISTS.format(number=number)))
    for entity, records in loaded.items():
        for f in entity.model._meta.concrete_fields:
            if not f.unique or f.primary_key or f.is_relation:
                continue
            values = [r.get(f.name) for r in records if r.get(f.name) not in (None, "")]
            taken: set[Any] = set()
            for start in range(0, len(values), BATCH):
                chunk = values[start : start + BATCH]
                taken.update(
                    entity.model._base_manager.filter(**{f"{f.name}__in": chunk}).values_list(f.name, flat=True)
                )
            for n, record in enumerate(records, start=1):
                if record.get(f.name) in taken:
                    errors.append(
                        RowError(
                            data_member(entity), n, f.name, office_messages.ROW_EXISTS.format(value=record[f.name])
                        )
                    )
    return errors


def _insert(
    entity: Entity, records: list[dict[str, Any]], keys: codec.Keys, users: dict[str, int], office: Office
) -> None:
    member = data_member(entity)
    model = entity.model
    rows: list[models.Model] = []
    errors: list[RowError] = []
    fk_names = [f.name for f in references(model)]
    for n, record in enumerate(records, start=1):
        if model is not User and record.get(KEY) != n:
            errors.append(RowError(member, n, KEY, office_messages.BAD_KEY.format(n=n)))
            continue
        try:
            row = codec.decode(model, record, keys, users, office)
        except codec.DecodeError as exc:
            errors.append(RowError(member, n, exc.field, exc.message))
            continue
        if isinstance(row, User):
            row.set_unusable_password()  # docs/office-archive.md: passwords are not carried
        try:
            row.clean_fields(exclude=[*fk_names, "office", "password"])  # references: resolved above
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                errors += [RowError(member, n, name, m) for m in messages]
        rows.append(row)
    if errors:
        raise ArchiveRefused(errors)
    try:
        with transaction.atomic():
            own_pks = _bulk_create(entity, records, rows)
    except IntegrityError as exc:
        raise _refuse(member, f"{office_messages.CONSTRAINT}（{exc}）") from exc
    if model is User:
        users.update({row.username: row.pk for row in rows})  # type: ignore[attr-defined]
        return
    keys[entity.label] = own_pks
    _link_many(entity, records, rows, keys)


def _bulk_create(entity: Entity, records: list[dict[str, Any]], rows: list[models.Model]) -> dict[int, int]:
    """Insert in key order (so the ids follow the keys, and a second export writes the same keys).
    A reference to the same model (a short-term goal's long-term goal, a plan's `replaces`) points
    backwards: the rows before it are flushed first so it can be set on insert, where a check
    constraint may need it; a forward one (never written by CareBridge) is set afterwards."""
    own = [f for f in references(entity.model) if f.related_model is entity.model]
    manager = entity.model._base_manager
    pks: dict[int, int] = {}
    chunk: list[tuple[int, models.Model]] = []
    later: list[tuple[int, models.Model, models.Field[Any, Any], int]] = []

    def flush() -> None:
        manager.bulk_create([row for _, row in chunk], batch_size=BATCH)
        pks.update({n: row.pk for n, row in chunk})
        chunk.clear()

    for n, (record, row) in enumerate(zip(records, rows, strict=True), start=1):
        for f in own:
            target = record.get(f.name)
            if target is None:
                continue
            if not isinstance(target, int) or not 1 <= target <= len(records) or target == n:
                raise _refuse(data_member(entity), office_messages.BAD_REFERENCE.format(value=target), n, f.name)
            if target > n:
                later.append((n, row, f, target))
                continue
            if target not in pks:
                flush()
            setattr(row, f.attname, pks[target])
        chunk.append((n, row))
        if len(chunk) >= BATCH:
            flush()
    if chunk:
        flush()
    for _, row, own_field, target in later:
        setattr(row, own_field.attname, pks[target])
    if later:
        manager.bulk_update([row for _, row, _, _ in later], [f.name for f in own], batch_size=BATCH)
    return pks


def _link_many(entity: Entity, records: list[dict[str, Any]], rows: list[models.Model], keys: codec.Keys) -> None:
    for m2m in many_to_many(entity.model):
        through = _through(m2m)
        table = keys[m2m.related_model._meta.label]
        links = []
        for n, (record, row) in enumerate(zip(records, rows, strict=True), start=1):
            for key in record.get(m2m.name, []):
                if key not in table:
                    raise _refuse(data_member(entity), office_messages.BAD_REFERENCE.format(value=key), n, m2m.name)
                links.append(through(**{m2m.m2m_column_name(): row.pk, m2m.m2m_reverse_name(): table[key]}))
        through._base_manager.bulk_create(links, batch_size=BATCH)


def _load(
    archive: zipfile.ZipFile, manifest: dict[str, Any]
) -> tuple[dict[str, Any], dict[Entity, list[dict[str, Any]]]]:
    listed = {str(item.get("member")): item for item in manifest["entities"] if isinstance(item, dict)}
    known = {data_member(e): e for e in entities()}
    unknown = sorted(set(listed) - set(known) - {OFFICE_MEMBER})
    if unknown:
        raise _refuse(unknown[0], office_messages.UNKNOWN_MEMBER)
    if OFFICE_MEMBER not in listed:
        raise _refuse(OFFICE_MEMBER, office_messages.MEMBER_MISSING)
    for item in manifest["files"]:  # the official files: checked, not loaded
        if isinstance(item, dict):
            _read(archive, str(item.get("member")), str(item.get("sha256")))
    offices = _records(OFFICE_MEMBER, _read(archive, OFFICE_MEMBER, listed[OFFICE_MEMBER].get("sha256")), "core.Office")
    if len(offices) != 1:
        raise _refuse(OFFICE_MEMBER, office_messages.ONE_OFFICE)
    loaded: dict[Entity, list[dict[str, Any]]] = {}
    for member, entity in known.items():
        if member not in listed:
            loaded[entity] = []  # a table newer than the archive: nothing to carry
            continue
        records = _records(member, _read(archive, member, listed[member].get("sha256")), entity.label)
        if listed[member].get("count") != len(records):
            raise _refuse(
                member, office_messages.WRONG_COUNT.format(count=listed[member].get("count"), found=len(records))
            )
        loaded[entity] = records
    return offices[0], loaded


def office_import(*, actor: User | None, data: bytes, progress: Progress = _no_progress) -> ImportedOffice:
    """Rebuild an office from an archive made by office_export. Refused (ArchiveRefused, nothing
    written) when the archive is damaged, of another schema version, or collides with rows the
    database holds. `actor` None: the command line; a user must be a superuser (no office yet)."""
    if actor is not None and not actor.is_superuser:
        raise PermissionDenied(office_messages.IMPORT_SUPERUSER)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise _refuse("(archive)", office_messages.NOT_A_ZIP) from exc
    with archive:
        manifest = _manifest(archive)
        office_record, loaded = _load(archive, manifest)
    conflicts = _conflicts(office_record, loaded)
    if conflicts:
        raise ArchiveRefused(conflicts)
    counts = {"core.Office": 1} | {e.label: len(r) for e, r in loaded.items()}
    with transaction.atomic(), _stored_timestamps([Office, *(e.model for e in loaded)]):
        office = _office(office_record)
        keys: codec.Keys = {}
        users: dict[str, int] = {}
        for done, (entity, records) in enumerate(loaded.items(), start=1):
            _insert(entity, records, keys, users, office)
            progress("記録", done, len(loaded))
        digest = sha256(data)
        audit_record(
            actor=actor,
            office_id=office.pk,
            subject=office,
            event_type=AuditEvent.EventType.CREATE,
            action="office.imported",
            changes={
                "archive_sha256": digest,
                "schema_version": SCHEMA_VERSION,
                "exported_at": manifest.get("exported_at"),
                "generator": manifest.get("generator"),
                "counts": counts,
            },
        )
    return ImportedOffice(office, counts, digest)


def _office(record: dict[str, Any]) -> Office:
    fields = {f.name: f for f in OFFICE_FIELDS}
    unknown = sorted(set(record) - set(fields))
    if unknown:
        raise _refuse(OFFICE_MEMBER, office_messages.UNKNOWN_FIELD, 1, unknown[0])
    values: dict[str, Any] = {}
    for name, value in record.items():
        try:
            values[fields[name].attname] = codec.decode_value(fields[name], value)
        except codec.DecodeError as exc:
            raise _refuse(OFFICE_MEMBER, exc.message, 1, name) from exc
    office = Office(**values)
    try:
        office.full_clean(validate_unique=False)
    except ValidationError as exc:
        errors = [RowError(OFFICE_MEMBER, 1, n, m) for n, ms in exc.message_dict.items() for m in ms]
        raise ArchiveRefused(errors) from exc
    office.save(force_insert=True)
    return office
