"""Mentoring pairs and groups, matching suggestions, duty consents and the orders that fix them."""

from django.apps import AppConfig


class PairsConfig(AppConfig):
    name = "apps.pairs"
    verbose_name = "Наставнические пары и группы"

    def ready(self):
        from . import effects

        effects.register_order_effects()
