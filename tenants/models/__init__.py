from .attendance import Registration
from .pathways import Enrolment
from .people import Consent, Tenant
from .referrals import Referral, ReferralTransition

__all__ = ["Consent", "Enrolment", "Referral", "ReferralTransition", "Registration", "Tenant"]
