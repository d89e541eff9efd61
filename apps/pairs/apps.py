"""Mentoring pairs and groups, matching suggestions, duty consents and the orders that fix them."""

from django.apps import AppConfig


class PairsConfig(AppConfig):
    name = "apps.pairs"
    verbose_name = "Наставнические пары и группы"

    def ready(self):
        from apps.staff import hooks

        from . import effects, erasure, receivers, subject_data

        effects.register_order_effects()
        hooks.consent_withdrawn.register(receivers.on_consent_withdrawn)
        hooks.erasers.register(erasure.erase)
        hooks.subject_data_sections.register(subject_data.sections)
