from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "apps.partners"
    verbose_name = "Организации-партнёры"

    def ready(self):
        from apps.core.seeding import Step, demo_steps
        from apps.staff import hooks

        from . import demo, erasure, rules, selectors, subject_data  # noqa: F401 (rules register on import)

        # A person's data (152-ФЗ art. 14, 21): where they work besides the school, on the card too.
        hooks.erasers.register(erasure.erase)
        hooks.subject_data_sections.register(subject_data.sections)
        hooks.card_context.register(selectors.card_context)
        demo_steps.register(Step("partners", demo.seed))
