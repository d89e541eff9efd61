from django.apps import AppConfig


class TerritoryConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "apps.territory"
    verbose_name = "Территория: дорожные карты, муниципалитет и регион"

    def ready(self):
        from apps.orders import effects
        from apps.orders.models import OrderKind
        from apps.staff import hooks

        from . import (
            erasure,
            rules,  # noqa: F401
            subject_data,
        )
        from .services import regulation_approve_by_order

        # Signing «Об утверждении Положения…» approves and freezes the edition tied to the order.
        effects.register(OrderKind.REGULATION, on_sign=regulation_approve_by_order)
        hooks.erasers.register(erasure.erase)
        hooks.subject_data_sections.register(subject_data.sections)
