from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "apps.programs"
    verbose_name = "Программы наставничества"

    def ready(self):
        from . import rules  # noqa: F401
        from .effects import register_order_effects

        register_order_effects()

        from apps.core.seeding import Step, demo_steps, scale_steps

        from . import demo, scale

        # Demo and scale data: apps.seeding runs the steps in its order.
        demo_steps.register(Step("programs", demo.seed))
        scale_steps.register(Step("programs", scale.build_programs, label="программы"))
        scale_steps.register(Step("programs.events", scale.build_events, label="дорожные карты"))
        scale_steps.register(Step("programs.activities", scale.build_activities, label="журнал"))
