"""Staff registry of pedagogical workers and their personal-data consents."""

from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "apps.staff"
    verbose_name = "Педагогические работники"

    def ready(self):
        from apps.accounts.inbox import providers as inbox_providers

        from . import inbox

        # «Ждут вашего решения» on the dashboard (accounts sits below this app).
        inbox_providers.register(inbox.provide)

        from apps.core.seeding import Step, demo_steps, scale_steps

        from . import demo, scale

        # Demo and scale data: apps.seeding runs the steps in its order.
        demo_steps.register(Step("staff", demo.seed))
        demo_steps.register(Step("staff.access_journal", demo.seed_access_journal))
        scale_steps.register(Step("staff.people", scale.build_people, label="педагоги (расчёт)"))
        scale_steps.register(Step("staff.users", scale.build_staff_users, label="пользователи"))
        scale_steps.register(Step("staff.save", scale.save_people, label="педагоги и согласия"))
