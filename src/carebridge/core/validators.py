"""Django validators wrapping the pure checks in japanese.py (messages name the field)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError

from . import japanese


def _raise(error: str | None) -> None:
    if error:
        raise ValidationError(error)


def validate_insurer_number(value: str) -> None:
    _raise(japanese.insurer_number_error(value))


def validate_insured_number(value: str) -> None:
    _raise(japanese.insured_number_error(value))


def validate_office_number(value: str) -> None:
    _raise(japanese.office_number_error(value, check=settings.CAREBRIDGE_OFFICE_NUMBER_CHECK_DIGIT))


def validate_kana(value: str) -> None:
    _raise(japanese.kana_error(value))


def validate_postal_code(value: str) -> None:
    _raise(japanese.postal_code_error(value))


def validate_phone(value: str) -> None:
    _raise(japanese.phone_error(value))
