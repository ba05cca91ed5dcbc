from django.urls import include, path

app_name = "tenants"

# Tenants and referrals; pathways and attendance keep their routes in a module of their own.
urlpatterns = [
    path("", include("tenants.urls_people")),
    path("", include("tenants.urls_pathways")),
]
