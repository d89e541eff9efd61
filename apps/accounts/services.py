"""Writes about accounts: lifting a sign-in lock."""

from axes.utils import reset as axes_reset
from django.db import transaction


@transaction.atomic
def lockouts_clear(*, username: str) -> int:
    """Forget every failed sign-in of ``username`` from every address, so the lock is lifted at once
    (after a password reset, or the director's or administrator's «Разблокировать»). Returns how many
    records of failures were removed."""
    if not username:
        return 0
    return axes_reset(username=username)
