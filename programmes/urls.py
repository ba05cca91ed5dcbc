from django.urls import include, path

app_name = "programmes"

# Programme delivery (programmes, activities, sessions); the selection committee has its own app.
urlpatterns = [
    path("", include("programmes.urls_delivery")),
]
