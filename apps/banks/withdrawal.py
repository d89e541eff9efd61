"""What a withdrawal of the personal-data consent does to the banks (152-ФЗ art. 21 p. 5), registered
on ``apps.staff.hooks.consent_withdrawn``: processing stops at once, so the person leaves the banks of
the current (and any later) academic year in the withdrawal transaction."""

from datetime import date

from django.utils import timezone

from apps.organizations.models import AcademicYear

from .models import MenteeEntry, MentorEntry
from .registry import MENTEE_OUT_OF_BANK, MENTOR_OUT_OF_BANK


def _first_year_still_running(today: date) -> int:
    """The start year of the academic year that is current (or contains today, if that is earlier)."""
    current = AcademicYear.objects.current()
    by_date = AcademicYear.start_year_for(today)
    return min(current.start_year, by_date) if current else by_date


def leave_banks(*, consent, person) -> None:
    """A mentee leaves («выбыл»), a mentor is released today; past years stay as they were."""
    today = timezone.localdate()
    first_year = _first_year_still_running(today)
    now = timezone.now()
    MenteeEntry.objects.filter(person=person, year__start_year__gte=first_year).exclude(
        status__in=MENTEE_OUT_OF_BANK
    ).update(status=MenteeEntry.Status.LEFT, updated_at=now)
    MentorEntry.objects.filter(person=person, year__start_year__gte=first_year).exclude(
        status__in=MENTOR_OUT_OF_BANK
    ).update(status=MentorEntry.Status.RELEASED, released_on=today, updated_at=now)
