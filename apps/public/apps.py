from django.apps import AppConfig


class PublicConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "apps.public"
    verbose_name = "Публичная страница «Наставничество»"

    def ready(self):
        from apps.core.seeding import Step, demo_steps

        from . import demo, rules  # noqa: F401 (rules: its predicates register on import)

        # Demo and scale data: apps.seeding runs the steps in its order.
        demo_steps.register(Step("public", demo.seed))
