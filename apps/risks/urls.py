from django.urls import path

from . import views

app_name = "risks"

urlpatterns = [
    path("", views.register, name="register"),
    path("add/", views.entry_create, name="entry-create"),
    path("detected/<slug:kind>/add/", views.detected_add, name="detected-add"),
    path("<int:pk>/", views.entry_detail, name="entry-detail"),
    path("<int:pk>/edit/", views.entry_edit, name="entry-edit"),
    path("<int:pk>/start/", views.entry_start, name="entry-start"),
    path("<int:pk>/close/", views.entry_close, name="entry-close"),
    path("territory/", views.territory, name="territory"),
]
