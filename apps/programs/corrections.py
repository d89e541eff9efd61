"""Corrections of the activity log: its author may correct or remove an own entry for
``CORRECTION_DAYS`` days after writing it; nobody else may, and nobody after that (issue 14). The
history (pghistory on ``ActivityLog``) keeps every version and the removed entries.

One rule for the services (which refuse), the permission (``programs.correct_activity``) and the
pages (which show the links only where the rule allows)."""

from datetime import datetime, timedelta

from django.utils import timezone

from apps.core.russian import count

CORRECTION_DAYS = 7
CORRECTION_WINDOW = timedelta(days=CORRECTION_DAYS)


def correction_refusal(entry, user, *, now: datetime | None = None) -> str | None:
    """Why ``user`` may not correct or remove ``entry`` (a Russian sentence), or None when they may.
    ``entry.program`` is read for its status."""
    if not getattr(user, "pk", None) or entry.created_by_id != user.pk:
        return "Исправить или удалить запись журнала может только тот, кто её сделал."
    if entry.program.is_finished:
        return "Программа завершена: журнал закрыт для исправлений."
    now = now or timezone.now()
    if now - entry.created_at >= CORRECTION_WINDOW:
        return (
            f"Запись исправляют или удаляют в течение {count(CORRECTION_DAYS, 'день')} после того, "
            "как она сделана: этот срок прошёл."
        )
    return None


def correctable_until(entry) -> datetime:
    return entry.created_at + CORRECTION_WINDOW


def mark_correctable(entries, *, program, user) -> list:
    """Set ``correctable`` on each entry of ``program``'s log (the pages show «Исправить» by it);
    no query."""
    entries = list(entries)
    now = timezone.now()
    for entry in entries:
        entry.program = program
        entry.correctable = correction_refusal(entry, user, now=now) is None
    return entries
