"""URLs of the access journal."""

from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("", views.event_list, name="event-list"),
    path("access/", views.access_list, name="access-list"),
    path("lockouts/", views.lockout_list, name="lockout-list"),
    path("lockouts/unlock/", views.lockout_unlock, name="lockout-unlock"),
]
