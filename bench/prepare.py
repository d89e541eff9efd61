"""Before ``make bench`` / ``make load``: migrate, and build the region with ``seed_scale`` unless it
is already there (its logins exist), so repeated runs measure the same data without reseeding."""

import os
import sys
import time


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from apps.accounts.models import User

    call_command("migrate", interactive=False, verbosity=0)
    if User.objects.filter(username="scale_curator").exists():
        print("The region of seed_scale is in the database: not reseeding.")
        return 0
    scale = os.environ.get("BENCH_SCALE", "1")
    print(
        f"No seed_scale data: building the region (seed_scale --scale {scale}, a few minutes) …", flush=True
    )
    started = time.perf_counter()
    call_command("seed_scale", scale=float(scale))
    print(f"seed_scale took {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
