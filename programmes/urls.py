from django.urls import include, path

app_name = "programmes"

# Programme delivery (programmes, activities, sessions) and the selection committee
# (calls, applications, meetings) keep their routes in separate modules.
urlpatterns = [
    path("", include("programmes.urls_delivery")),
    path("", include("programmes.urls_committee")),
]
