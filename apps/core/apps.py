"""Shared building blocks of the portal."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "apps.core"
    verbose_name = "Общие компоненты"

    def ready(self):
        from . import scale
        from .seeding import Step, scale_steps

        # Demo and scale data: apps.seeding runs the steps in its order.
        scale_steps.register(Step("core.history", scale.backfill_history, label="история (pghistory)"))
