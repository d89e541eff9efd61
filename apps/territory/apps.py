from django.apps import AppConfig


class TerritoryConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "apps.territory"
    verbose_name = "Территория: дорожные карты, муниципалитет и регион"

    def ready(self):
        from apps.orders import effects
        from apps.orders.models import OrderKind
        from apps.staff import hooks

        from . import (
            erasure,
            plugins,
            rules,  # noqa: F401
            subject_data,
        )
        from .services import regulation_approve_by_order

        # Signing «Об утверждении Положения…» approves and freezes the edition tied to the order.
        effects.register(OrderKind.REGULATION, on_sign=regulation_approve_by_order)
        hooks.erasers.register(erasure.erase)
        hooks.subject_data_sections.register(subject_data.sections)
        # The awards on a mentor's bank card, the Regulation on its order's page, the regional base of
        # mentors in the pair form.
        plugins.register()

        from apps.monitoring.hooks import statform_rows, territory_figures, territory_figures_refreshed

        from . import exports, selectors, statform

        # Row 2.1 of the statistical form: the regional indicator, by this app's rule.
        statform_rows.register(statform.rows)
        # The territory page's figures, kept with the level-4 figures of each municipality and region.
        territory_figures.register(selectors.kept_figures)
        # The coordinators' .xlsx of each whole municipality and region, built again with the figures.
        territory_figures_refreshed.register(exports.territory_workbooks_refresh)

        from apps.accounts.inbox import providers as inbox_providers

        from . import inbox

        # «Ждут вашего решения» on the dashboard (accounts sits below this app).
        inbox_providers.register(inbox.provide)

        from apps.core.seeding import Step, demo_steps

        from . import demo

        # Demo and scale data: apps.seeding runs the steps in its order.
        demo_steps.register(Step("territory", demo.seed))
