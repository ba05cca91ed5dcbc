from django.urls import path

from .views import imports, people, referrals

urlpatterns = [
    path("", people.tenant_list, name="tenant_list"),
    path("new/", people.tenant_create, name="tenant_create"),
    path("import/", imports.tenant_import, name="tenant_import"),
    path("import/confirm/", imports.tenant_import_confirm, name="tenant_import_confirm"),
    path("<int:pk>/", people.tenant_detail, name="tenant_detail"),
    path("<int:pk>/edit/", people.tenant_edit, name="tenant_edit"),
    path("<int:pk>/consent/", people.consent_record, name="consent_record"),
    path("<int:pk>/consent/withdraw/", people.consent_withdraw, name="consent_withdraw"),
    path("<int:pk>/refer/", referrals.referral_create, name="referral_create"),
    path("referrals/", referrals.referral_list, name="referral_list"),
    path("referrals/<int:pk>/", referrals.referral_detail, name="referral_detail"),
    *(
        path(f"referrals/<int:pk>/{action}/", referrals.referral_act, {"action": action}, name=f"referral_{action}")
        for action in referrals.ACTIONS
    ),
]
