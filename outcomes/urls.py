from django.urls import include, path

app_name = "outcomes"

urlpatterns = [
    path("", include("outcomes.urls_reports")),
]
