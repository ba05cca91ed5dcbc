from .delivery import Activity, Session
from .programmes import FundingLine, Programme, ProgrammeLandlord, ProgrammePartner

__all__ = [
    "Activity",
    "FundingLine",
    "Programme",
    "ProgrammeLandlord",
    "ProgrammePartner",
    "Session",
]
