"""Typed inputs of the directory services: the editable fields of each kind of entry."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class ProviderInput:
    name: str
    kind: str = "service"
    provider_number: str = ""
    corporation_name: str = ""
    # The codes, or the text a person typed or a CSV holds ("11 13,15"): the service parses it.
    service_type_codes: list[str] | str = ""
    postal_code: str = ""
    address: str = ""
    phone: str = ""
    fax: str = ""
    email: str = ""
    contact_person: str = ""
    note: str = ""
    is_active: bool = True


@dataclass(frozen=True, kw_only=True)
class ResourceInput:
    name: str
    category: str
    description: str = ""
    area: str = ""
    phone: str = ""
    cost_note: str = ""
    is_active: bool = True


@dataclass(frozen=True, kw_only=True)
class SpecialistInput:
    name: str
    profession: str
    organization: str = ""
    phone: str = ""
    email: str = ""
    fields_of_expertise: str = ""
    is_active: bool = True
