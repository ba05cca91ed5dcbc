from django.urls import path

from .views import exits, reports

urlpatterns = [
    path("reports/", reports.report_list, name="report_list"),
    path("reports/<int:pk>/", reports.report_detail, name="report_detail"),
    path("reports/<int:pk>/status/", reports.report_status, name="report_status"),
    path("reports/<int:pk>/download/", reports.report_download, name="report_download"),
    path("exits/", exits.exit_list, name="exit_list"),
    path("enrolments/<int:pk>/exit/", exits.exit_record, name="exit_record"),
    path("exits/<int:pk>/follow-up/", exits.follow_up_record, name="follow_up_record"),
    path("funders/<slug:slug>/settings/", exits.funder_settings, name="funder_settings"),
]
