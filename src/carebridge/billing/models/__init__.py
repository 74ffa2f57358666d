"""給付管理's tables, one module per area (ADR 0005's pattern: a single models.py would pass the
house's 800 lines): the service master, the monthly slips (第6表・第7表), the office's own fee."""

from .master import ServiceCode, UnitBasis, UnitPrice

__all__ = ["ServiceCode", "UnitBasis", "UnitPrice"]
