from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "apps.monitoring"
    verbose_name = "Мониторинг (модель Киркпатрика)"

    def ready(self):
        from apps.core.seeding import Step, demo_steps, scale_steps

        from . import demo, rules, scale  # noqa: F401 (rules: its predicates register on import)

        # Demo and scale data: apps.seeding runs the steps in its order.
        demo_steps.register(Step("monitoring", demo.seed))
        scale_steps.register(Step("monitoring.surveys", scale.build_surveys, label="анкетирование"))
