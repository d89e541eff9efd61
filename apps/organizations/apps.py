"""Regions, municipalities, educational organisations and academic years."""

from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "apps.organizations"
    verbose_name = "Организации"

    def ready(self):
        from apps.core.seeding import Step, demo_steps, scale_steps

        from . import demo, scale

        # Demo and scale data: apps.seeding runs the steps in its order.
        demo_steps.register(Step("organizations", demo.seed))
        scale_steps.register(Step("organizations", scale.build_organizations, label="организации"))
