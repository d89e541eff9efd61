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

        from apps.accounts.inbox import providers as inbox_providers

        from . import inbox

        # «Ждут вашего решения» on the dashboard (accounts sits below this app).
        inbox_providers.register(inbox.provide)

        from apps.core.seeding import Step, demo_steps, scale_steps

        from . import demo, scale

        # Demo and scale data: apps.seeding runs the steps in its order.
        demo_steps.register(Step("orders", demo.seed))
        scale_steps.register(Step("orders.plan", scale.plan_orders))
        scale_steps.register(Step("orders.save", scale.save_orders, label="приказы"))
