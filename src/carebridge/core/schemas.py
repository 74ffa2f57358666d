"""Base schemas and value types of the API.

Inputs refuse fields they do not know (a misspelt or forbidden field, such as `status` or
`office_id` in a PATCH, is a 422 naming it, never silently dropped), refuse NUL and lone
surrogates in any string, and take their limits from the model field they fill (`fits`): the
length, the choices (documented as an enum) and the Japanese name (the title in OpenAPI).
Numbers are strict (`true` is not 1), ids positive and within 64 bits, dates within the range
every stored date keeps to (core/limits.py).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from django.db import models
from ninja import Schema
from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field, Strict, ValidationInfo, field_validator
from pydantic.fields import FieldInfo

from . import limits, messages

_DATE_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME_TEXT = re.compile(r"\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?([+-]\d{2}:?\d{2}|Z)?")


def _date_text(value: object) -> object:
    """A date is written YYYY-MM-DD: pydantic would also take a number (or "0" in a query) as
    Unix seconds, which the OpenAPI's `format: date` does not promise (schemathesis found it)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _DATE_TEXT.fullmatch(value):
        return value
    raise ValueError(messages.FIELD_DATE)


def _time_text(value: object) -> object:
    """A time of day is written HH:MM[:SS] (a number would be taken as seconds)."""
    if isinstance(value, dt.time) or (isinstance(value, str) and _TIME_TEXT.fullmatch(value)):
        return value
    raise ValueError(messages.FIELD_FORMAT)


def _datetime_text(value: object) -> object:
    """A moment is ISO 8601 text (a number would be taken as Unix seconds)."""
    if isinstance(value, dt.datetime) or (isinstance(value, str) and _DATE_TEXT.match(value)):
        return value
    raise ValueError(messages.FIELD_FORMAT)


DateTime = Annotated[dt.datetime, BeforeValidator(_datetime_text)]
Date = Annotated[
    dt.date,
    BeforeValidator(_date_text),
    Field(ge=limits.MIN_DATE, le=limits.MAX_DATE, description="YYYY-MM-DD（1868-01-25〜2100-12-31）"),
]


def _local_time(value: dt.time) -> dt.time:
    """A time of day as the office keeps it: no offset (a stored TimeField has none)."""
    if value.tzinfo is not None:
        raise ValueError(messages.FIELD_FORMAT)
    return value


Time = Annotated[
    dt.time, BeforeValidator(_time_text), AfterValidator(_local_time), Field(description="HH:MM（時刻、時差なし）")
]
Id = Annotated[int, Strict(), Field(ge=1, le=limits.MAX_INT)]
Count = Annotated[int, Strict(), Field(ge=0, le=32767)]
Flag = Annotated[bool, Strict()]


def fits(model: type[models.Model], name: str, *, empty: bool = False) -> FieldInfo:
    """The limits of the model field an input fills: its length (at least 1 when required), its
    choices (an enum, enforced by the schemas below) and its Japanese name as the title.
    `empty`: "" is allowed too (a filter's "all")."""
    field = model._meta.get_field(name)
    title = str(getattr(field, "verbose_name", name))
    extra: dict[str, Any] = {}
    choices = getattr(field, "flatchoices", None)
    if choices:
        values = [key for key, _label in choices]
        if (empty or getattr(field, "blank", False)) and "" not in values:
            values.append("")
        extra["enum"] = values
    max_length = min_length = None
    if isinstance(field, models.CharField | models.TextField):
        max_length = field.max_length
        # A required text is documented as such: "" is refused like a missing value.
        min_length = None if empty or field.blank else 1
    info: FieldInfo = Field(title=title, min_length=min_length, max_length=max_length, json_schema_extra=extra or None)
    return info


def _checked(value: object) -> object:
    """Every string inside a value (nested dicts and lists included) free of NUL and lone surrogates."""
    if isinstance(value, str):
        if (problem := limits.text_error(value)) is not None:
            raise ValueError(problem)
    elif isinstance(value, dict):
        for key, item in value.items():
            _checked(key)
            _checked(item)
    elif isinstance(value, list | tuple):
        for item in value:
            _checked(item)
    return value


class QuerySchema(Schema):
    """Query parameters: no NUL or lone surrogate (a search text reaches the database), and a
    documented choice is enforced."""

    @field_validator("*", mode="after")
    @classmethod
    def _no_forbidden_characters(cls, value: object, info: ValidationInfo) -> object:
        field = cls.model_fields.get(info.field_name or "")
        extra = field.json_schema_extra if field is not None else None
        allowed = extra.get("enum") if isinstance(extra, dict) else None
        if isinstance(allowed, list) and value is not None and value not in allowed:
            raise ValueError(messages.FIELD_CHOICE)
        return _checked(value)


class InputSchema(QuerySchema):
    model_config = ConfigDict(extra="forbid")


class PatchSchema(InputSchema):
    """A partial update. `updated_at`: the value read before editing; when the record changed
    since, the API answers 409 (code `stale_write`) instead of overwriting the other change."""

    updated_at: DateTime | None = None
