from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("read/", views.mark_read, name="mark-read"),
    path("settings/", views.preferences, name="settings"),
    path("settings/<str:messenger>/link/", views.messenger_link, name="messenger-link"),
    path("settings/<str:messenger>/unlink/", views.messenger_unlink, name="messenger-unlink"),
    path("settings/<str:messenger>/status/", views.messenger_status, name="messenger-status"),
]
