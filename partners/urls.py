from django.urls import path

from . import sso, views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    path("notifications/", views.notification_list, name="notification_list"),
    path("notifications/read/", views.notifications_mark_read, name="notifications_mark_read"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/proconnect/", sso.ProConnectLogin.as_view(), name="proconnect_login"),
    path("accounts/proconnect/callback/", sso.ProConnectCallback.as_view(), name="proconnect_callback"),
]
