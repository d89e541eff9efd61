from django.urls import path

from . import views

app_name = "pairs"

urlpatterns = [
    path("", views.group_list_view, name="group-list"),
    path("new/", views.group_create_view, name="group-create"),
    path("cohort/", views.cohort_view, name="cohort"),
    path("order/", views.order_create_view, name="order-create"),
    path("<int:pk>/", views.group_detail_view, name="group-detail"),
    path("<int:pk>/edit/", views.group_edit_view, name="group-edit"),
    path("<int:pk>/delete/", views.group_delete_view, name="group-delete"),
    path("<int:pk>/return/", views.group_return_view, name="group-return"),
    path("<int:pk>/consent/", views.consent_confirm_view, name="consent-confirm"),
    path("<int:pk>/consent/upload/", views.consent_upload_view, name="consent-upload"),
    path("<int:pk>/consent/<int:person_id>/scan/", views.consent_scan_view, name="consent-scan"),
    path(
        "<int:pk>/consent/<int:person_id>/scan/<int:scan_id>/",
        views.consent_past_scan_view,
        name="consent-past-scan",
    ),
    path("<int:pk>/consent/<int:person_id>/replace/", views.consent_replace_view, name="consent-replace"),
    path("<int:pk>/compatibility/", views.compatibility_view, name="compatibility"),
    path("<int:pk>/replace/", views.replace_view, name="replace"),
    path("<int:pk>/release/", views.release_view, name="release"),
    path("<int:pk>/agreement.pdf", views.agreement_pdf_view, name="agreement-pdf"),
    path("<int:pk>/allowance/", views.allowance_view, name="allowance"),
]
