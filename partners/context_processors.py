from .access import profile
from .navigation import menu_for


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_items": menu_for(user),
        "user_roles": profile(user).roles,
        "unread_notifications": user.notifications.filter(read_at__isnull=True).count(),
    }
