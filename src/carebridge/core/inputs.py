"""Typed service inputs: one frozen dataclass per entity that forms, API schemas and importers
map onto. Its fields are the entity's editable fields (never status, office or owner)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ValidationError

from . import messages

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

D = TypeVar("D", bound="DataclassInstance")


def input_from(cls: type[D], values: Mapping[str, Any], *, base: object | None = None) -> D:
    """Build `cls` from `values` (a form's cleaned data, an API payload). A field missing from
    `values` comes from `base` (the stored row, for a partial update) or the dataclass default.
    A value for a field the input does not have is refused, never silently dropped."""
    names = field_names(cls)
    unknown = sorted(set(values) - names)
    if unknown:
        raise ValidationError(dict.fromkeys(unknown, messages.FIELD_NOT_EDITABLE))
    kwargs = dict(values)
    if base is not None:
        for name in names - set(values):
            kwargs[name] = getattr(base, name)
    return cls(**kwargs)


def values_of(data: DataclassInstance) -> dict[str, Any]:
    """The fields of an input dataclass as a dict (shallow: rows stay rows, unlike asdict)."""
    return {f.name: getattr(data, f.name) for f in dataclasses.fields(data)}


def field_names(cls: type[DataclassInstance]) -> frozenset[str]:
    """The editable fields of an entity: the fields of its input dataclass."""
    return frozenset(f.name for f in dataclasses.fields(cls))
