"""``manage.py refresh_territory_figures``: compute again the kept figures of every municipality and
region (monitoring.TerritoryFigures: level 4, the territory page's breakdown) and the consolidated
statistical form of every municipality (monitoring.StatFormFigures) for the current academic year, and
what the apps above keep with them (``hooks.territory_figures_refreshed``: the territory's .xlsx), from
cron every few minutes (docs/administration.md «Background jobs»), so that no page computes them itself
(issue 18)."""

import time

from django.core.management.base import BaseCommand, CommandError

from apps.monitoring.outcome_services import statform_refresh, territory_figures_refresh
from apps.organizations.models import AcademicYear


class Command(BaseCommand):
    help = "Пересчитывает сохранённые показатели муниципалитетов и регионов за учебный год."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="год начала учебного года (по умолчанию текущий)")

    def handle(self, *args, **options):
        if options["year"]:
            year = AcademicYear.objects.filter(start_year=options["year"]).first()
        else:
            year = AcademicYear.objects.current()
        if year is None:
            raise CommandError("Учебный год не найден.")
        started = time.perf_counter()
        count = territory_figures_refresh(year=year)
        forms = statform_refresh(year=year)
        spent = time.perf_counter() - started
        self.stdout.write(
            f"Показатели пересчитаны: территорий {count}, "
            f"сводных форм муниципалитетов {forms}, {spent:.1f} с."
        )
