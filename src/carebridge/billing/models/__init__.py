"""給付管理's tables, one module per area (ADR 0005's pattern: a single models.py would pass the
house's 800 lines): the service master, the monthly slips (第6表・第7表), the office's own fee."""

from .concentration import ConcentrationReason, ServiceGroup  # noqa: F401
from .fee import FeeEvent, FeeEventKind, FeeSetting, FeeTier, SpecialClass  # noqa: F401
