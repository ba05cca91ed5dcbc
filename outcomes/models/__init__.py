from .exits import Exit, FollowUp
from .reports import Report
from .settings import DEFAULT_DURABLE_MONTHS, DEFAULT_POSITIVE_SITUATIONS, FunderOutcomeSettings

__all__ = [
    "DEFAULT_DURABLE_MONTHS",
    "DEFAULT_POSITIVE_SITUATIONS",
    "Exit",
    "FollowUp",
    "FunderOutcomeSettings",
    "Report",
]
