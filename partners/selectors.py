from .models import Membership, Notification
from .policy import profile


def memberships_of(user):
    return Membership.objects.filter(user=user).select_related("organisation")


def members_of(organisation):
    return Membership.objects.filter(organisation=organisation).select_related("user")


def notifications_for(user, limit=100):
    return Notification.objects.filter(recipient=user)[:limit]


def dashboard_context(user, role):
    """What every dashboard shows; role pages add their own panels through template tags."""
    return {
        "memberships": [m for m in memberships_of(user) if not role or m.role == role],
        "roles": profile(user).roles,
        "recent_notifications": notifications_for(user, limit=5),
    }
