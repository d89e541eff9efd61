"""Banks of mentors and mentees per academic year, with difficulties and strengths."""

from django.apps import AppConfig


class BanksConfig(AppConfig):
    name = "apps.banks"
    verbose_name = "Банки наставников и наставляемых"
