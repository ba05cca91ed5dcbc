from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import JavaScriptCatalog, set_language

admin.site.site_header = _("Passerelles administration")
admin.site.site_title = _("Passerelles")

# The Django admin logs in through the portal's login, second factor included.
admin.site.login = secure_admin_login(admin.site.login)


def not_served(request):
    raise Http404


urlpatterns = [
    path("admin/", admin.site.urls),
    # A person's address is given by a programme admin and the login, single sign-on and
    # password reset rely on it: allauth's page where one adds or switches one's own addresses,
    # unverified, is not served.
    path("accounts/email/", not_served),
    path("accounts/", include("allauth.urls")),
    # Public: the language switch is offered on the login page too.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("jsi18n/", login_not_required(JavaScriptCatalog.as_view()), name="javascript-catalog"),
    path("programmes/", include("programmes.urls")),
    # The committee keeps the /programmes/ paths it had before it became its own app.
    path("programmes/", include("programmes.committee.urls")),
    path("tenants/", include("tenants.urls")),
    path("outcomes/", include("outcomes.urls")),
    path("", include("partners.urls")),
]
