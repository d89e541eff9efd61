from django.apps import AppConfig


class AllowancesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "apps.allowances"
    verbose_name = "Доплата за наставничество: ежемесячное основание для бухгалтерии"

    def ready(self):
        from apps.core.seeding import Step, demo_steps

        from . import demo, rules  # noqa: F401

        # Demo data: apps.seeding runs the steps in its order (after the pairs, their orders and logs).
        demo_steps.register(Step("allowances", demo.seed))
