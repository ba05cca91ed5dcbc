from .attendance import AttendanceSheet, Registration
from .barriers import BarrierAssessment, BarrierScore
from .pathways import Enrolment
from .people import Consent, Tenant
from .referrals import Referral, ReferralTransition
from .sign_in_sheets import SignInSheet
from .steps import PathwayNote, PathwayStep
from .work_hours import WeeklyHours, WorkContract

__all__ = [
    "AttendanceSheet",
    "BarrierAssessment",
    "BarrierScore",
    "Consent",
    "Enrolment",
    "PathwayNote",
    "PathwayStep",
    "Referral",
    "ReferralTransition",
    "Registration",
    "SignInSheet",
    "Tenant",
    "WeeklyHours",
    "WorkContract",
]
