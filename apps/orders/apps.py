"""The director's orders (приказы): drafting, signing, numbering, acquaintance and the PDF document."""

from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "apps.orders"
    verbose_name = "Приказы"
