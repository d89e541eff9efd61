from django.apps import AppConfig


class RisksConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "apps.risks"
    verbose_name = "Риски системы наставничества и меры их минимизации"

    def ready(self):
        from apps.core.seeding import Step, demo_steps
        from apps.monitoring.hooks import statform_rows

        from . import demo, rules, statform  # noqa: F401 (rules: its predicates register on import)

        # The statistical form's rows of the risks counted from the register (8.1, 8.3, 8.5, 8.6).
        statform_rows.register(statform.rows)

        # Demo data: apps.seeding runs the steps in its order.
        demo_steps.register(Step("risks", demo.seed))
