"""Banks of mentors and mentees per academic year, with difficulties and strengths."""

from django.apps import AppConfig


class BanksConfig(AppConfig):
    name = "apps.banks"
    verbose_name = "Банки наставников и наставляемых"

    def ready(self):
        from apps.staff import hooks

        from . import erasure, registry, subject_data, withdrawal

        # The staff registry reaches the banks through its hooks (STYLE.md «Layers»).
        hooks.consent_withdrawn.register(withdrawal.leave_banks)
        hooks.erased_history.register(erasure.history)
        hooks.erasers.register(erasure.erase)
        hooks.subject_data_sections.register(subject_data.sections)
        hooks.registry_annotations.register(registry.annotate_bank_state)
        hooks.card_context.register(registry.card_entries)

        from apps.accounts.inbox import providers as inbox_providers

        from . import inbox

        # «Ждут вашего решения» on the dashboard (accounts sits below this app).
        inbox_providers.register(inbox.provide)

        from apps.core.seeding import Step, demo_steps, scale_steps

        from . import demo, scale

        # Demo and scale data: apps.seeding runs the steps in its order.
        demo_steps.register(Step("banks", demo.seed))
        scale_steps.register(Step("banks.plan", scale.build_banks, label="банки (расчёт)"))
        scale_steps.register(Step("banks.save", scale.save_banks, label="банки"))
