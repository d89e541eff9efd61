"""Destroy the personal data of people whose consent was withdrawn and whose 30 days are up; run it
daily from cron or a systemd timer. Each destruction leaves an act (DestructionAct)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from apps.staff.selectors import consents_due_for_destruction
from apps.staff.services import destroy_due_personal_data


class Command(BaseCommand):
    help = (
        "Уничтожает персональные данные педагогов, отозвавших согласие, по истечении срока "
        "(152-ФЗ, ч. 5 ст. 21), и составляет акты об уничтожении."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="Считать сегодняшней эту дату (ГГГГ-ММ-ДД); по умолчанию — сегодня."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Только показать, чьи данные подлежат уничтожению."
        )

    def handle(self, *args, **options):
        today = timezone.localdate()
        if options["date"]:
            try:
                today = date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError("Дата указывается как ГГГГ-ММ-ДД, например 2026-10-01.") from error
        if options["dry_run"]:
            due = list(consents_due_for_destruction(today=today))
            for consent in due:
                self.stdout.write(
                    f"{consent.person.short_name} ({consent.person.organization.short_name}): "
                    f"срок {consent.destruction_due:%d.%m.%Y}"
                )
            self.stdout.write(f"Подлежат уничтожению: {len(due)}.")
            return
        acts, refusals = destroy_due_personal_data(today=today)
        for act in acts:
            self.stdout.write(f"Акт № {act.pk}: {act.person_name} ({act.organization.short_name})")
        for refusal in refusals:
            self.stderr.write(f"Не уничтожено: {refusal}")
        self.stdout.write(self.style.SUCCESS(f"Уничтожены данные: {len(acts)}; отказов: {len(refusals)}."))
