"""Mentoring pairs and groups, matching suggestions, duty consents and the orders that fix them."""

from django.apps import AppConfig


class PairsConfig(AppConfig):
    name = "apps.pairs"
    verbose_name = "Наставнические пары и группы"

    def ready(self):
        from apps.banks.selectors import mentor_distance_work, mentor_load_counters
        from apps.staff.signals import consent_withdrawn

        from . import effects, receivers, selectors

        effects.register_order_effects()
        mentor_load_counters.register(selectors.mentor_load_count)
        mentor_distance_work.register(selectors.mentor_distance_work)
        consent_withdrawn.connect(receivers.on_consent_withdrawn, dispatch_uid="pairs_on_consent_withdrawn")
