"""The statistical form's rows of the risks the portal's figures do not measure directly (seed 002 §VI:
8.1, 8.3, 8.5, 8.6): the school's register of risks knows them, so the rows come through monitoring's
``statform_rows`` hook (risks stand above monitoring)."""

from django.db.models import Count

from apps.monitoring.statform import ROWS, Row, Value, count

from .catalogue import RiskKind
from .models import RiskEntry

REGISTER_ROWS = {
    "8.1": RiskKind.PERCEPTION,
    "8.3": RiskKind.MENTOR_MOTIVATION,
    "8.5": RiskKind.MENTEE_MOTIVATION,
    "8.6": RiskKind.CONTOURS,
}


def _open_entries(kind: str):
    def compute(organizations, year) -> dict[int, Value]:
        ids = [o.pk for o in organizations]
        found = dict(
            RiskEntry.objects.filter(organization__in=ids, year=year, kind=kind)
            .exclude(status=RiskEntry.Status.CLOSED)
            .values_list("organization")
            .annotate(n=Count("pk"))
            .order_by()
        )
        return {pk: count(found.get(pk, 0)) for pk in ids}

    return compute


def rows() -> list[Row]:
    declared = {row.code: row for row in ROWS}
    return [
        Row(
            code,
            declared[code].section,
            declared[code].title,
            "шт.",
            "записи реестра рисков учебного года, не снятые (выявленные по данным портала "
            "или внесённые куратором)",
            _open_entries(kind),
        )
        for code, kind in REGISTER_ROWS.items()
    ]
