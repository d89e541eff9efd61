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

        from apps.banks.selectors import mentor_distance_work, mentor_load_counters

        from . import selectors

        mentor_load_counters.register(selectors.mentor_load_count)
        mentor_distance_work.register(selectors.mentor_distance_work)

        from apps.accounts.inbox import providers as inbox_providers

        from . import inbox

        # «Ждут вашего решения» on the dashboard (accounts sits below this app).
        inbox_providers.register(inbox.provide)

        from apps.core.seeding import Step, demo_steps, scale_steps

        from . import demo, scale

        # Demo and scale data: apps.seeding runs the steps in its order.
        demo_steps.register(Step("pairs", demo.seed))
        scale_steps.register(Step("pairs.plan", scale.plan_groups, label="пары (расчёт)"))
        scale_steps.register(Step("pairs.orders", scale.plan_pair_orders))
        scale_steps.register(Step("pairs.save", scale.save_groups, label="пары и группы"))
