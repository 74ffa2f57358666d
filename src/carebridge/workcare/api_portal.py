"""(filled in by the work-care issue)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["両立支援"])
