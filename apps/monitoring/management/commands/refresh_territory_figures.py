"""``manage.py refresh_territory_figures``: compute again the kept level-4 figures of every municipality
and region (monitoring.TerritoryOutcomes) for the current academic year, from cron (every few minutes:
README «Background jobs»), so no page computes them itself (issue 18)."""

import time

from django.core.management.base import BaseCommand, CommandError

from apps.monitoring.outcome_services import territory_outcomes_refresh
from apps.organizations.models import AcademicYear


class Command(BaseCommand):
    help = "Пересчитывает сохранённые показатели уровня 4 муниципалитетов и регионов за текущий учебный год."

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
        count = territory_outcomes_refresh(year=year)
        spent = time.perf_counter() - started
        self.stdout.write(f"Показатели пересчитаны: территорий {count}, {spent:.1f} с.")
