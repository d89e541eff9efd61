"""Writes on organisations and academic years."""

from datetime import date

from django.db import transaction

from apps.core.exceptions import DomainError

from .models import AcademicYear


@transaction.atomic
def academic_year_make_current(*, year: AcademicYear) -> AcademicYear:
    """Make one academic year current; the previous current one stops being current."""
    AcademicYear.objects.select_for_update().filter(is_current=True).exclude(pk=year.pk).update(
        is_current=False
    )
    if not year.is_current:
        year.is_current = True
        year.save(update_fields=["is_current", "updated_at"])
    return year


@transaction.atomic
def academic_year_ensure(*, start_year: int, make_current: bool = False) -> AcademicYear:
    if not 2000 <= start_year <= 2100:
        raise DomainError("Год начала учебного года должен быть между 2000 и 2100.", field="start_year")
    year, _ = AcademicYear.objects.get_or_create(start_year=start_year)
    if make_current:
        academic_year_make_current(year=year)
    return year


def academic_year_for_day(day: date) -> AcademicYear:
    return academic_year_ensure(start_year=AcademicYear.start_year_for(day))
