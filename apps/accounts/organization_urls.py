from django.urls import path

from . import organization_views as views

# The organisation's pages (organization_views.py), under /organizations/ as always.
app_name = "organizations"

urlpatterns = [
    path("", views.organization_list, name="organization-list"),
    path("<int:pk>/", views.organization_detail, name="organization-detail"),
    path("<int:pk>/edit/", views.organization_edit, name="organization-edit"),
    path("<int:pk>/members/", views.organization_members, name="organization-members"),
]
