"""Daily run (cron or a systemd timer): collect the day's notifications and send the e-mail digests.

15 7 * * *  cd /srv/portal && .venv/bin/python manage.py send_notifications --base-url https://nastavnik.example.ru
"""

from django.core.management.base import BaseCommand

from apps.notifications.services import collect, send_digests


class Command(BaseCommand):
    help = "Собрать уведомления дня и разослать ежедневные сводки по электронной почте."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default="", help="Адрес портала для ссылок в письмах")
        parser.add_argument("--no-email", action="store_true", help="Только уведомления в портале")

    def handle(self, *args, base_url="", no_email=False, **options):
        created = collect()
        sent = 0 if no_email else send_digests(base_url=base_url.rstrip("/"))
        self.stdout.write(f"Новых уведомлений: {created}; писем со сводкой: {sent}.")
