"""Demo and scale data, assembled at the top: the commands seed_demo and seed_scale run the steps every
app registers (``apps.core.seeding``) in the order of ``apps.seeding.order``."""

from django.apps import AppConfig


class SeedingConfig(AppConfig):
    name = "apps.seeding"
    label = "seeding"
    verbose_name = "Демонстрационные и нагрузочные данные"

    def ready(self):
        from django.core import checks

        from .checks import check_step_order

        checks.register(check_step_order)
