"""Scheduled run (cron or a systemd timer, daily or hourly; README «Background jobs»): create the
notifications of the day and put their e-mails and messenger messages in the task queue; `manage.py
db_worker` sends them.

0 * * * *  cd /srv/portal && .venv/bin/python manage.py send_notifications --base-url https://nastavnik.example.ru
"""

from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from apps.notifications.messaging import schedule_messages
from apps.notifications.services import collect, schedule_emails


class Command(BaseCommand):
    help = (
        "Собрать уведомления дня и поставить письма в очередь (ежедневная сводка — одно письмо в день); "
        "письма отправляет manage.py db_worker."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=getattr(settings, "PORTAL_BASE_URL", ""),
            help="Адрес портала для ссылок в письмах, например https://nastavnik.example.ru",
        )
        parser.add_argument(
            "--no-email", action="store_true", help="Только уведомления в портале (без писем и мессенджеров)"
        )
        parser.add_argument("--date", help="День в формате ГГГГ-ММ-ДД (по умолчанию сегодня)")

    def handle(self, *args, base_url="", no_email=False, **options):
        on = None
        if options.get("date"):
            try:
                on = date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError("Дата должна быть в формате ГГГГ-ММ-ДД.") from error
        created = collect(on=on)
        base_url = (base_url or "").rstrip("/")
        queued = 0 if no_email else schedule_emails(base_url=base_url)
        messages = 0 if no_email else schedule_messages(base_url=base_url)
        self.stdout.write(
            f"Новых уведомлений: {created}; писем в очереди: {queued}; сообщений в мессенджеры: {messages}."
        )
