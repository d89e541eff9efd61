"""Send the day's reminders about unanswered surveys; run daily from cron or a systemd timer.

Idempotent per day: a person gets at most one reminder a day for a survey, however often it runs."""

from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from apps.monitoring.services import send_survey_reminders


class Command(BaseCommand):
    help = "Напоминания по электронной почте о незаполненных анкетах (не чаще раза в день)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="день в формате ГГГГ-ММ-ДД (по умолчанию сегодня)")
        parser.add_argument(
            "--base-url",
            default=getattr(settings, "PORTAL_BASE_URL", ""),
            help="адрес портала для ссылок в письмах, например https://nastavnik.example.ru",
        )

    def handle(self, *args, **options):
        on = None
        if options["date"]:
            try:
                on = date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError("Дата должна быть в формате ГГГГ-ММ-ДД.") from error
        sent = send_survey_reminders(on=on, base_url=options["base_url"] or "")
        self.stdout.write(f"Отправлено напоминаний: {sent}")
