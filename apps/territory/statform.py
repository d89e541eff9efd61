"""The statistical form's row of the regional indicator (seed 002 §VI): the territory app knows what
«реализует целевую модель наставничества» means (regional_report), monitoring below
it does not, so the row comes through monitoring's ``statform_rows`` hook."""

from apps.monitoring.statform import ROWS, Row, Value, flag
from apps.organizations.models import Organization

from .regional_report import implementing_flags
from .selectors import INDICATOR_KINDS


def _implements(organizations, year) -> dict[int, Value]:
    """A school counted by the indicator: «да» (1 of 1) or «нет» (0 of 1); the municipality's total is then
    the share of the implementing organisations. A preschool organisation stays outside (of 0)."""
    flags = implementing_flags(ids=[o.pk for o in organizations], year=year)
    return {
        o.pk: flag(flags.get(o.pk, False)) if o.kind in INDICATOR_KINDS else Value("share", 0, 0)
        for o in organizations
        if isinstance(o, Organization)
    }


def rows() -> list[Row]:
    declared = next(row for row in ROWS if row.code == "2.1")
    return [
        Row(declared.code, declared.section, declared.title, declared.unit, declared.measure, _implements)
    ]
