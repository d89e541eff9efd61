"""Mentoring pairs and groups, matching suggestions, duty consents and the orders that fix them."""

from django.apps import AppConfig


class PairsConfig(AppConfig):
    name = "apps.pairs"
    verbose_name = "Наставнические пары и группы"

    def ready(self):
        from apps.staff.signals import consent_withdrawn

        from . import effects, receivers

        effects.register_order_effects()
        consent_withdrawn.connect(receivers.on_consent_withdrawn, dispatch_uid="pairs_on_consent_withdrawn")
