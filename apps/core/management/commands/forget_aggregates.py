"""``manage.py forget_aggregates``: every instance computes the territory figures afresh (after a restore
or a bulk import), without waiting for AGGREGATES_CACHE_SECONDS."""

from django.core.management.base import BaseCommand

from apps.core.cache import forget_aggregates


class Command(BaseCommand):
    help = "Сбросить сводные показатели территорий: все экземпляры портала пересчитают их заново."

    def handle(self, *args, **options):
        forget_aggregates()
        self.stdout.write("Сводные показатели будут пересчитаны при следующем открытии страниц.")
