"""Staff registry of pedagogical workers and their personal-data consents."""

from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "apps.staff"
    verbose_name = "Педагогические работники"
