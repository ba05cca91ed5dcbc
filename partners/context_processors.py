from . import sso
from .navigation import active_url, menu_for
from .policy import profile


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    items = menu_for(user)
    return {
        "nav_items": items,
        "nav_active": active_url(items, request.path),
        "user_roles": profile(user).roles,
        "unread_notifications": user.notifications.filter(read_at__isnull=True).count(),
    }


def single_sign_on(request):
    return {"proconnect_enabled": sso.enabled()}
