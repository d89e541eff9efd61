from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "apps.programs"
    verbose_name = "Программы наставничества"

    def ready(self):
        from apps.pairs.hooks import group_ended_early
        from apps.staff import hooks

        from . import (
            erasure,
            rules,  # noqa: F401
            subject_data,
            withdrawal,
        )
        from .effects import register_order_effects

        register_order_effects()
        # A pair ended by a withdrawn consent: its program is finished early (pairs' hook).
        group_ended_early.register(withdrawal.finish_program_early)
        hooks.erased_history.register(erasure.history)
        hooks.erasers.register(erasure.erase)
        hooks.subject_data_sections.register(subject_data.sections)

        from apps.accounts.inbox import providers as inbox_providers

        from . import inbox

        # «Ждут вашего решения» on the dashboard (accounts sits below this app).
        inbox_providers.register(inbox.provide)

        from apps.core.seeding import Step, demo_steps, scale_steps

        from . import demo, scale

        # Demo and scale data: apps.seeding runs the steps in its order.
        demo_steps.register(Step("programs", demo.seed))
        scale_steps.register(Step("programs", scale.build_programs, label="программы"))
        scale_steps.register(Step("programs.events", scale.build_events, label="дорожные карты"))
        scale_steps.register(Step("programs.activities", scale.build_activities, label="журнал"))
