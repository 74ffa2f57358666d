"""Django validators wrapping the pure checks in japanese.py (messages name the field).

They accept what a person types (full-width digits, hiragana): the services normalise before
saving, so a validator checks the value as it will be stored.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError

from . import japanese, messages


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
