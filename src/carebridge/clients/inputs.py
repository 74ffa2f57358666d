"""Typed inputs of the clients services: the editable fields of each entity.

Status fields are not here: a client's status, a certification's 申請中→認定済 and an
application's 状況 change only through their lifecycle services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from carebridge.core.models import Company, User

from .models import Certification


@dataclass(frozen=True, kw_only=True)
class ClientInput:
    name: str
    kana: str
    birth_date: dt.date
    sex: str
    insurer_number: str
    insured_number: str
    postal_code: str = ""
    address: str = ""
    phone: str = ""
    care_manager: User | None = None
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class ContactInput:
    name: str
    relationship: str
    kana: str = ""
    is_key_person: bool = False
    is_emergency_contact: bool = False
    lives_with_client: bool = False
    phone: str = ""
    address: str = ""
    note: str = ""
    is_active: bool = True


@dataclass(frozen=True, kw_only=True)
class CertificationInput:
    valid_from: dt.date
    valid_to: dt.date
    care_level: str = ""
    applied_on: dt.date | None = None
    certified_on: dt.date | None = None
    copay_rate: int = 10
    board_opinion: str = ""
    kind: str = ""


@dataclass(frozen=True, kw_only=True)
class ApplicationInput:
    kind: str
    filed_on: dt.date | None = None
    previous_certification: Certification | None = None
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class ConsentInput:
    scope: str
    recipient_kind: str
    recipient: str
    agreed_on: dt.date
    valid_until: dt.date | None = None
    method: str = "書面"
    company: Company | None = None


@dataclass(frozen=True, kw_only=True)
class ShortStayApprovalInput:
    """The insurer's prior approval of short stays beyond half the certification period."""

    certification: Certification
    approved_on: dt.date
    note: str
