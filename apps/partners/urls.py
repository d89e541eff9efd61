from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("", views.agreement_list, name="agreement-list"),
    path("add/", views.agreement_create, name="agreement-create"),
    path("<int:pk>/", views.agreement_detail, name="agreement-detail"),
    path("<int:pk>/edit/", views.agreement_edit, name="agreement-edit"),
    path("<int:pk>/scan/", views.agreement_scan, name="agreement-scan"),
    path("<int:pk>/people/add/", views.person_add, name="person-add"),
    path("<int:pk>/people/<int:person_id>/remove/", views.person_remove, name="person-remove"),
]
