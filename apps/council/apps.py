from django.apps import AppConfig


class CouncilConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "apps.council"
    verbose_name = "Совет наставников: заседания, повестка, решения, протоколы"

    def ready(self):
        from apps.accounts.inbox import providers as inbox_providers
        from apps.core.seeding import Step, demo_steps

        from . import demo, inbox, rules  # noqa: F401

        # «Ждут вашего решения»: the open questions of the council (accounts sits below this app).
        inbox_providers.register(inbox.provide)
        # Demo data: apps.seeding runs the steps in its order.
        demo_steps.register(Step("council", demo.seed))
