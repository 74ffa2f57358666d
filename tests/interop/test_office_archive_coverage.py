"""Every table that belongs to an office is in the office archive, or named as left out with the
reason (interop/office_schema.NOT_CARRIED; docs/office-archive.md, "What is not carried"). A new
model with an office column is carried by construction; one that hangs off office rows without
that column (a child table, a third-party table on users) fails here until it is classified."""

from __future__ import annotations

from django.apps import apps
from django.db import models

from carebridge.core.models import Office, OfficeOwned
from carebridge.interop.office_schema import NOT_CARRIED, entities, references


def _tied_to_an_office() -> set[str]:
    """Models with an office column, and (to a fixed point) every model with a foreign key or a
    many-to-many link to one of those: a row of theirs belongs to some office's data."""
    tied = {Office._meta.label}
    changed = True
    while changed:
        changed = False
        for model in apps.get_models():
            label = model._meta.label
            if label in tied:
                continue
            links = [
                f
                for f in model._meta.get_fields()
                if f.is_relation and not f.auto_created and (f.concrete or f.many_to_many)
            ]
            if any(f.related_model is not None and f.related_model._meta.label in tied for f in links):
                tied.add(label)
                changed = True
    tied.discard(Office._meta.label)  # the office itself is data/core/office.json
    return tied


def test_every_office_table_is_carried_or_left_out_with_a_reason():
    carried = {e.label for e in entities()}
    tied = _tied_to_an_office()
    missing = sorted(tied - carried - set(NOT_CARRIED))
    assert not missing, f"office tables the archive neither carries nor names in NOT_CARRIED: {missing}"


def test_every_office_owned_model_is_carried():
    owned = {m._meta.label for m in apps.get_models() if issubclass(m, OfficeOwned)}
    assert owned <= {e.label for e in entities()}


def test_what_is_left_out_exists_and_says_why():
    labels = {m._meta.label for m in apps.get_models()}
    for label, why in NOT_CARRIED.items():
        assert label in labels, f"NOT_CARRIED names {label}, which is no model"
        assert len(why) > 20


def test_every_reference_points_to_a_carried_row_earlier_in_the_archive():
    order = {e.label: n for n, e in enumerate(entities())}
    for entity in entities():
        for field in references(entity.model):
            target = field.related_model._meta.label
            assert target in order, f"{entity.label}.{field.name} -> {target}, not carried"
            assert order[target] <= order[entity.label]
        for field in entity.model._meta.many_to_many:
            if entity.label != "core.User":
                assert order[field.related_model._meta.label] < order[entity.label]


def test_no_model_field_is_called_like_the_archive_key():
    for entity in entities():
        assert not any(f.name == "key" for f in entity.model._meta.concrete_fields), entity.label
        assert not any(isinstance(f, models.FileField) for f in entity.model._meta.concrete_fields)
