from django.apps import AppConfig


class AllowancesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "apps.allowances"
    verbose_name = "Доплата за наставничество: ежемесячное основание для бухгалтерии"

    def ready(self):
        from apps.accounts.inbox import providers as inbox_providers
        from apps.core.seeding import Step, demo_steps
        from apps.staff import hooks

        from . import demo, inbox, rules, subject_data  # noqa: F401

        # «Ждут вашего решения»: the director's bases to approve, the accountant's months to close.
        inbox_providers.register(inbox.provide)
        # Demo data: apps.seeding runs the steps in its order (after the pairs, their orders and logs).
        demo_steps.register(Step("allowances", demo.seed))
        # The answer to a subject's request (152-ФЗ art. 14): the lines of the bases where she is the mentor.
        hooks.subject_data_sections.register(subject_data.sections)
