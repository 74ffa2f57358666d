"""Base schemas of the API: inputs refuse fields they do not know (a misspelt or forbidden field,
such as `status` or `office_id` in a PATCH, is a 422 naming it, never silently dropped)."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import ConfigDict


class InputSchema(Schema):
    model_config = ConfigDict(extra="forbid")


class PatchSchema(InputSchema):
    """A partial update. `updated_at`: the value read before editing; when the record changed
    since, the API answers 409 (code `stale_write`) instead of overwriting the other change."""

    updated_at: dt.datetime | None = None
