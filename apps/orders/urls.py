from django.urls import path

from . import views

app_name = "orders"

urlpatterns = [
    path("", views.order_list, name="order-list"),
    path("new/", views.order_create, name="order-create"),
    path("desk/", views.order_desk, name="order-desk"),
    path("mine/", views.my_orders, name="order-mine"),
    path("<int:pk>/", views.order_detail, name="order-detail"),
    path("<int:pk>/edit/", views.order_edit, name="order-edit"),
    path("<int:pk>/send/", views.order_send, name="order-send"),
    path("<int:pk>/delete/", views.order_delete, name="order-delete"),
    path("<int:pk>/sign/", views.order_sign, name="order-sign"),
    path("<int:pk>/return/", views.order_return, name="order-return"),
    path("<int:pk>/acknowledge/", views.order_acknowledge, name="order-acknowledge"),
    path("<int:pk>/pdf/", views.order_pdf, name="order-pdf"),
    path("<int:pk>/acquaintance/paper/", views.acquaintance_paper, name="acquaintance-paper"),
    path("<int:pk>/acquaintance/sheets/<int:sheet_pk>/", views.acquaintance_sheet, name="acquaintance-sheet"),
    path(
        "<int:pk>/participants/<int:participant_pk>/names/", views.participant_names, name="participant-names"
    ),
]
