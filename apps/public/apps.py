from django.apps import AppConfig


class PublicConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "apps.public"
    verbose_name = "Публичная страница «Наставничество»"

    def ready(self):
        from . import rules  # noqa: F401
