"""The work–care records, one module per area (Django finds them through this package)."""

from .company import CompanyContract, CompanyPolicy, ContractFeeItem, NoticeText, WorkplaceCredential
from .consultation import CareBridge, Consultation, Referral, Screening, SituationAssessment
from .duties import EarlyInformation, EnvironmentMeasure, IndividualNotice
from .people import CareRecipient, Employee, EmployeeInvitation, SharingConsent
from .plan import LeaveRecord, MeetingAttendee, ThreePartyMeeting, WorkCarePlan, WorkCarePlanItem
from .programs import Seminar, Survey, SurveyReceipt, SurveyResponse

__all__ = [
    "CareBridge",
    "CareRecipient",
    "CompanyContract",
    "CompanyPolicy",
    "Consultation",
    "ContractFeeItem",
    "EarlyInformation",
    "Employee",
    "EmployeeInvitation",
    "EnvironmentMeasure",
    "IndividualNotice",
    "LeaveRecord",
    "MeetingAttendee",
    "NoticeText",
    "Referral",
    "Screening",
    "Seminar",
    "SharingConsent",
    "SituationAssessment",
    "Survey",
    "SurveyReceipt",
    "SurveyResponse",
    "ThreePartyMeeting",
    "WorkCarePlan",
    "WorkCarePlanItem",
    "WorkplaceCredential",
]
