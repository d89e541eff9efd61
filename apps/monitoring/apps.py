from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "apps.monitoring"
    verbose_name = "Мониторинг (модель Киркпатрика)"

    def ready(self):
        from . import rules  # noqa: F401
