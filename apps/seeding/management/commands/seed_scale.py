"""Build a whole region of data for benchmarks (issue 8): see README «Data at regional scale»."""

import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from apps.core.scale import DOCUMENTED_USERS, PASSWORD, SCALE_REGION_NAME, ScaleContext, targets
from apps.organizations.scale import scale_region_exists
from apps.seeding.scale import build, reset_scale


class Command(BaseCommand):
    help = (
        "Создаёт регион для нагрузочных измерений: 500 организаций, 30 000 педагогов, банки, пары с "
        "подписанными приказами, программы, журнал, анкеты (при --scale 1). Повторяемо при том же --seed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1, help="число для генератора (по умолчанию 1)")
        parser.add_argument("--scale", type=float, default=1.0, help="множитель объёма (по умолчанию 1.0)")
        parser.add_argument(
            "--reset", action="store_true", help="удалить уже созданный регион и пользователей scale_*"
        )
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            default=None,
            help="дата, от которой отсчитываются сроки (ГГГГ-ММ-ДД, не позже сегодняшней)",
        )

    def handle(self, *args, seed, scale, reset, today, **options):
        if scale <= 0:
            raise CommandError("--scale должен быть больше нуля.")
        if today and today > timezone.localdate():
            raise CommandError("--today не может быть позже сегодняшней даты.")
        started = time.monotonic()
        if scale_region_exists():
            if not reset:
                raise CommandError(
                    f"В базе уже есть регион «{SCALE_REGION_NAME}». "
                    "Запустите с --reset, чтобы пересоздать его."
                )
            reset_scale()
            self.stdout.write(f"Прежний регион удалён за {time.monotonic() - started:.1f} с.")
        elif reset:
            reset_scale()  # users scale_* left from an interrupted run, if any
        self.stdout.write(f"Цель: {targets(scale)}")
        ctx = ScaleContext(seed=seed, scale=scale, today=today, log=self.stdout.write)
        counts = build(ctx)
        elapsed = time.monotonic() - started
        for key, value in counts.items():
            self.stdout.write(f"  {key:>22}: {value}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Регион готов за {elapsed:.1f} с (seed={seed}, scale={scale}). "
                f"Пользователи (пароль {PASSWORD}): " + ", ".join(DOCUMENTED_USERS)
            )
        )
