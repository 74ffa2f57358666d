"""Django validators wrapping the pure checks in japanese.py (messages name the field).

They accept what a person types (full-width digits, hiragana): the services normalise before
saving, so a validator checks the value as it will be stored.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from . import japanese, limits, messages


def _raise(error: str | None) -> None:
    if error:
        raise ValidationError(error, code=messages.code_of(error))


def validate_insurer_number(value: str) -> None:
    _raise(japanese.insurer_number_error(japanese.normalize_digits(value)))


def validate_insured_number(value: str) -> None:
    _raise(japanese.insured_number_error(japanese.normalize_digits(value).upper()))


def validate_office_number(value: str) -> None:
    number = japanese.normalize_digits(value).upper()
    _raise(japanese.office_number_error(number, check=settings.CAREBRIDGE_OFFICE_NUMBER_CHECK_DIGIT))


def validate_kana(value: str) -> None:
    _raise(japanese.kana_error(japanese.normalize_kana(value)))


def validate_postal_code(value: str) -> None:
    _raise(japanese.postal_code_error(japanese.normalize_postal_code(value)))


def validate_phone(value: str) -> None:
    _raise(japanese.phone_error(value))


def field_limit_errors(instance: models.Model) -> dict[str, str]:
    """Every concrete field of a row against core/limits.py (dates in range, text without NUL or
    lone surrogates and within its length, integers within 64 bits, the strings inside JSON):
    the write door runs it on every create and update, whatever the form or API in front."""
    errors: dict[str, str] = {}
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        problem = _value_error(field, value)
        if problem is not None:
            errors[field.name] = problem
    return errors


def _value_error(field: models.Field[Any, Any], value: object) -> str | None:
    if value is None:
        # A non-null value missing (an API's JSON null): said here, before a domain check
        # computes with it or the database refuses it — Django's own validation skips blank
        # fields. A text can be emptied with "" instead.
        if field.null or not field.editable or field.primary_key or field.is_relation:
            return None
        return (
            messages.FIELD_NULL if isinstance(field, models.CharField | models.TextField) else messages.FIELD_REQUIRED
        )
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        return limits.date_error(value) if isinstance(value, dt.date) else None
    if isinstance(field, models.CharField | models.TextField) and isinstance(value, str):
        return limits.text_error(value, field.max_length)
    if isinstance(field, models.IntegerField) and isinstance(value, int) and not isinstance(value, bool):
        return limits.int_error(value)
    if isinstance(field, models.JSONField):
        return next((e for s in _strings(value) if (e := limits.text_error(s, limits.NOTE_LIMIT))), None)
    return None


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in (*_strings(key), *_strings(item))]
    if isinstance(value, list | tuple):
        return [s for item in value for s in _strings(item)]
    return []


def validate_date_range(value: dt.date) -> None:
    """For form fields that map to no model field (a month picker, a period in a plan form)."""
    _raise(limits.date_error(value))


def future_date_errors(instance: models.Model, names: tuple[str, ...]) -> dict[str, str]:
    """Facts that already happened (a visit, a meeting, a consent, a decision) cannot be dated after
    today: `names` of `instance` later than today (timezone.localdate(), Asia/Tokyo), each with a
    message naming the field by its label. Plans and goals may look ahead; they do not call this."""
    today = timezone.localdate()
    errors: dict[str, str] = {}
    for name in names:
        value = getattr(instance, name)
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime) and value > today:
            field = instance._meta.get_field(name)
            label = str(getattr(field, "verbose_name", name))
            errors[name] = messages.DATE_IN_FUTURE.format(field=label)
    return errors
