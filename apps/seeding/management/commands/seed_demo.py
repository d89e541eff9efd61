"""Build the demo school and a user for every role; safe to run again."""

from django.core.management.base import BaseCommand
from django.db import transaction

from apps.core.demo import DEMO_PASSWORD, DemoContext
from apps.core.seeding import demo_steps, in_order
from apps.seeding.order import DEMO_ORDER


class Command(BaseCommand):
    help = "Создаёт демонстрационные данные (идемпотентно): школу, пользователей для каждой роли."

    def handle(self, *args, **options):
        steps = in_order(demo_steps, DEMO_ORDER)
        ctx = DemoContext()
        with transaction.atomic():
            for step in steps:
                step(ctx)
        self.stdout.write(
            self.style.SUCCESS(f"Демо-данные готовы. Пароль всех демо-пользователей: {DEMO_PASSWORD}")
        )
