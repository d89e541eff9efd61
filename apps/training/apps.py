"""Training of mentors and the psychologist's support of mentees without a pair."""

from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "apps.training"
    verbose_name = "Обучение наставников и психологическая поддержка"

    def ready(self):
        from apps.staff import hooks

        from . import erasure, plugins, rules, subject_data  # noqa: F401

        hooks.erasers.register(erasure.erase)
        hooks.subject_data_sections.register(subject_data.sections)
        hooks.card_context.register(plugins.card_training)
        # The training on a mentor's bank card (banks.hooks.mentor_panels).
        plugins.register()

        from apps.core.seeding import Step, demo_steps

        from . import demo

        demo_steps.register(Step("training", demo.seed))
