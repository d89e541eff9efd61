"""URLs of the training app, included at training/."""

from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("", views.record_list, name="record-list"),
    path("new/", views.record_create, name="record-create"),
    path("<int:pk>/edit/", views.record_edit, name="record-edit"),
    path("<int:pk>/delete/", views.record_delete, name="record-delete"),
    path("<int:pk>/scan/", views.record_scan, name="record-scan"),
    path("import/", views.import_upload, name="import-upload"),
    path("import/template/", views.import_template, name="import-template"),
    path("import/confirm/", views.import_confirm, name="import-confirm"),
    path("support/", views.support_list, name="support-list"),
    path("support/<int:person_id>/new/", views.support_create, name="support-create"),
    path("support/<int:pk>/delete/", views.support_delete, name="support-delete"),
]
