from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "apps.programs"
    verbose_name = "Программы наставничества"

    def ready(self):
        from . import rules  # noqa: F401
        from .effects import register_order_effects

        register_order_effects()
