"""URLs of the staff registry and the consents, included at staff/."""

from django.urls import path

from . import views

app_name = "staff"

urlpatterns = [
    path("", views.person_list, name="person-list"),
    path("new/", views.person_create, name="person-create"),
    path("<int:pk>/", views.person_detail, name="person-detail"),
    path("<int:pk>/edit/", views.person_edit, name="person-edit"),
    path("<int:pk>/invite/", views.person_invite, name="person-invite"),
    path("<int:pk>/consents/new/", views.consent_create, name="consent-create"),
    path("<int:pk>/consents/confirm/", views.consent_confirm, name="consent-confirm"),
    path("<int:pk>/consents/form.pdf", views.consent_pdf, name="consent-pdf"),
    path("<int:pk>/data.zip", views.person_data_export, name="person-data-export"),
    path("consents/bulk/", views.consent_bulk, name="consent-bulk"),
    path("consents/<int:pk>/scan/", views.consent_scan, name="consent-scan"),
    path("consents/<int:pk>/withdraw/", views.consent_withdraw, name="consent-withdraw"),
    path("me/consent/", views.my_consent, name="my-consent"),
    path("destruction-acts/", views.destruction_act_list, name="destruction-act-list"),
]
