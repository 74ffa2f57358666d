"""給付管理's tables, one module per area (ADR 0005's pattern: a single models.py would pass the
house's 800 lines): the service master, the monthly slips (第6表・第7表), the office's own fee."""

from carebridge.billing.models.close import BenefitStatement, CreatorKind, FederationSend, MonthClose, StatementKind
from carebridge.billing.models.concentration import ConcentrationReason, ServiceGroup
from carebridge.billing.models.fee import FeeEvent, FeeEventKind, FeeSetting, FeeTier, SpecialClass
from carebridge.billing.models.master import ServiceCode, UnitBasis, UnitPrice
from carebridge.billing.models.slip_records import ConsentMethod, DeliveryMethod, SlipConsent, SlipDelivery
from carebridge.billing.models.slips import SlipStatus, UsageLine, UsageSlip

__all__ = [
    "BenefitStatement",
    "ConcentrationReason",
    "ConsentMethod",
    "CreatorKind",
    "DeliveryMethod",
    "FederationSend",
    "FeeEvent",
    "FeeEventKind",
    "FeeSetting",
    "FeeTier",
    "MonthClose",
    "ServiceCode",
    "ServiceGroup",
    "SlipConsent",
    "SlipDelivery",
    "SlipStatus",
    "SpecialClass",
    "StatementKind",
    "UnitBasis",
    "UnitPrice",
    "UsageLine",
    "UsageSlip",
]
