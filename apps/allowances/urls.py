from django.urls import path

from . import views

app_name = "allowances"

urlpatterns = [
    path("", views.basis_list, name="basis-list"),
    path("new/", views.basis_prepare, name="basis-prepare"),
    path("<int:pk>/", views.basis_detail, name="basis-detail"),
    path("<int:pk>/refresh/", views.basis_refresh, name="basis-refresh"),
    path("<int:pk>/approve/", views.basis_approve, name="basis-approve"),
    path("<int:pk>/close/", views.basis_close, name="basis-close"),
    path("<int:pk>/correct/", views.basis_correct, name="basis-correct"),
    path("<int:pk>/basis.pdf", views.basis_pdf, name="basis-pdf"),
    path("<int:pk>/basis.xlsx", views.basis_xlsx, name="basis-xlsx"),
    path("<int:pk>/zup/", views.basis_onec, name="basis-onec"),
]
