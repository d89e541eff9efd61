"""Build the demo school and a user for every role; safe to run again."""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from apps.core.demo import DEMO_PASSWORD, DEMO_STEPS, DemoContext


class Command(BaseCommand):
    help = "Создаёт демонстрационные данные (идемпотентно): школу, пользователей для каждой роли."

    def handle(self, *args, **options):
        ctx = DemoContext()
        with transaction.atomic():
            for module_name in DEMO_STEPS:
                import_module(module_name).seed(ctx)
        self.stdout.write(
            self.style.SUCCESS(f"Демо-данные готовы. Пароль всех демо-пользователей: {DEMO_PASSWORD}")
        )
