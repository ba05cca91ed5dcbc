from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from kombu import Connection

from . import selectors, services
from .models import Organisation
from .policy import profile, scope


@require_GET
def dashboard(request):
    roles = profile(request.user).roles
    role = request.GET.get("role") or (roles[0] if roles else "")
    if roles and role not in roles:
        raise Http404
    context = {"role": role, **selectors.dashboard_context(request.user, role)}
    template = f"dashboards/{role}.html" if role else "dashboards/no_role.html"
    return render(request, template, context)


@require_GET
def organisation_detail(request, slug):
    organisation = get_object_or_404(scope(request.user, Organisation), slug=slug)
    context = {
        "organisation": organisation,
        "memberships": selectors.members_of(organisation),
        "neighbourhoods": organisation.neighbourhoods.all(),
    }
    return render(request, "partners/organisation_detail.html", context)


@require_GET
def notification_list(request):
    notifications = selectors.notifications_for(request.user)
    return render(request, "partners/notification_list.html", {"notifications": notifications})


@require_POST
def notifications_mark_read(request):
    services.notifications_mark_read(user=request.user)
    return redirect("notification_list")


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """Public: 200 when the database (and the broker, when one is configured) answer."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:  # any failure means "not healthy", whatever the driver raised
        checks["database"] = f"error: {exc.__class__.__name__}"
    if settings.CELERY_BROKER_URL:
        try:
            with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as broker:
                broker.ensure_connection(max_retries=1)
            checks["broker"] = "ok"
        except Exception as exc:
            checks["broker"] = f"error: {exc.__class__.__name__}"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)
