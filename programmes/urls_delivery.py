from django.urls import path

from .views import delivery as views

urlpatterns = [
    path("", views.programme_list, name="programme_list"),
    path("programme/<slug:slug>/", views.programme_detail, name="programme_detail"),
    path("programme/<slug:slug>/activities/new/", views.activity_create, name="activity_create"),
    path("activities/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("activities/<int:pk>/edit/", views.activity_update, name="activity_update"),
    path("activities/<int:pk>/sessions/new/", views.session_create, name="session_create"),
    path("sessions/", views.session_list, name="session_list"),
    path("sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("sessions/<int:pk>/edit/", views.session_update, name="session_update"),
]
