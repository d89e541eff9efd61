"""The director's orders (приказы): drafting, signing, numbering, acquaintance and the PDF document."""

from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "apps.orders"
    verbose_name = "Приказы"

    def ready(self):
        from apps.staff import hooks

        from . import erasure, subject_data

        # The staff registry reaches the orders through its hooks (STYLE.md «Layers»).
        hooks.erasers.register(erasure.erase)
        hooks.subject_data_sections.register(subject_data.sections)
