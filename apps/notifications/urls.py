from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("read/", views.mark_read, name="mark-read"),
    path("settings/", views.preferences, name="settings"),
]
