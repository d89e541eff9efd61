from django.apps import AppConfig


class TerritoryConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "apps.territory"
    verbose_name = "Территория: дорожные карты, муниципалитет и регион"

    def ready(self):
        from . import rules  # noqa: F401
