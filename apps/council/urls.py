from django.urls import path

from . import views

app_name = "council"

urlpatterns = [
    path("", views.meeting_list, name="meeting-list"),
    path("new/", views.meeting_create, name="meeting-create"),
    path("<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("<int:pk>/edit/", views.meeting_edit, name="meeting-edit"),
    path("<int:pk>/delete/", views.meeting_delete, name="meeting-delete"),
    path("<int:pk>/attendance/", views.attendance_edit, name="attendance-edit"),
    path("<int:pk>/items/new/", views.item_create, name="item-create"),
    path("<int:pk>/items/<int:item_pk>/delete/", views.item_delete, name="item-delete"),
    path("<int:pk>/items/<int:item_pk>/decision/", views.decision_edit, name="decision-edit"),
    path("<int:pk>/items/<int:item_pk>/apply/", views.decision_apply, name="decision-apply"),
    path("<int:pk>/hold/", views.meeting_hold, name="meeting-hold"),
    path("<int:pk>/protocol.pdf", views.minutes_pdf, name="minutes-pdf"),
]
