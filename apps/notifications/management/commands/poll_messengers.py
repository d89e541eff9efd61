"""Read what people sent to the school's bots and link the chats that sent a valid one-time code
(README «Notifications in messengers»). Run it every minute from cron or a systemd timer, or keep it
running with ``--every``:

* * * * *  cd /srv/portal && .venv/bin/python manage.py poll_messengers
"""

import time

from django.core.management.base import BaseCommand, CommandError

from apps.notifications import messaging, messengers


class Command(BaseCommand):
    help = "Прочитать сообщения ботам мессенджеров и подключить чаты, приславшие код подключения."

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=float,
            default=0,
            help="Повторять каждые столько секунд, пока не остановят (по умолчанию один раз)",
        )

    def handle(self, *args, every=0, **options):
        if every < 0:
            raise CommandError("--every: число секунд не может быть отрицательным.")
        names = list(messengers.configured())
        if not names:
            self.stdout.write("Ни один мессенджер не настроен (токены ботов пусты).")
            return
        while True:
            for name in names:
                try:
                    linked = messaging.poll(messenger=name)
                except messengers.DeliveryError as error:
                    self.stderr.write(f"{name}: {error}")
                    if not every:
                        raise CommandError(f"{name}: сообщения не прочитаны.") from error
                else:
                    if linked or not every:
                        self.stdout.write(f"{name}: подключено чатов: {linked}.")
            if not every:
                return
            time.sleep(every)
