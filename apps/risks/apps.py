from django.apps import AppConfig


class RisksConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "apps.risks"
    verbose_name = "Риски системы наставничества и меры их минимизации"

    def ready(self):
        from apps.core.seeding import Step, demo_steps

        from . import demo, rules  # noqa: F401 (rules: its predicates register on import)

        # Demo data: apps.seeding runs the steps in its order.
        demo_steps.register(Step("risks", demo.seed))
