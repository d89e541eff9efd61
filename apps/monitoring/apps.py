from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "apps.monitoring"
    verbose_name = "Мониторинг (модель Киркпатрика)"

    def ready(self):
        from apps.staff import hooks

        from . import (
            erasure,
            rules,  # noqa: F401
            subject_data,
        )

        hooks.erasers.register(erasure.erase)
        hooks.subject_data_sections.register(subject_data.sections)

        from apps.accounts.inbox import providers as inbox_providers

        from . import inbox

        # «Ждут вашего решения» on the dashboard (accounts sits below this app).
        inbox_providers.register(inbox.provide)

        from apps.core.seeding import Step, demo_steps, scale_steps

        from . import demo, scale

        # Demo and scale data: apps.seeding runs the steps in its order.
        demo_steps.register(Step("monitoring", demo.seed))
        scale_steps.register(Step("monitoring.surveys", scale.build_surveys, label="анкетирование"))
