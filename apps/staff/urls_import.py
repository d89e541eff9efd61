"""URLs of the staff import from Excel, included at staff/import/ (above the staff registry's own)."""

from django.urls import path

from . import views_import

app_name = "staff_import"

urlpatterns = [
    path("", views_import.import_upload, name="upload"),
    path("template/", views_import.import_template, name="template"),
    path("preview/", views_import.import_preview, name="preview"),
    path("confirm/", views_import.import_confirm, name="confirm"),
    path("progress/", views_import.import_progress, name="progress"),
]
