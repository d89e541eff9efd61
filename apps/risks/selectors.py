"""Reads of the risk register: an organisation's entries, the detected risks not yet in it, the owners
to choose from, and the sums of a municipality or a region by school and risk."""

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import BooleanField as Boolean
from django.db.models import Case, Count, ExpressionWrapper, IntegerField, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404

from apps.accounts.selectors import organizations_of
from apps.organizations.models import AcademicYear, Municipality, Organization

from .catalogue import SHORT_TITLES, RiskKind
from .detection import Finding
from .models import RiskEntry


def years() -> list[AcademicYear]:
    return list(AcademicYear.objects.order_by("-start_year"))


def overdue_q(on: date) -> Q:
    """An entry is overdue when it is not closed and its due date has passed (computed, never stored)."""
    return Q(status__in=RiskEntry.NOT_CLOSED, due_on__lt=on)


def register(*, organization: Organization, year: AcademicYear, on: date) -> QuerySet[RiskEntry]:
    """The organisation's register of the year: the open ones first, then in work, then closed."""
    return (
        RiskEntry.objects.filter(organization=organization, year=year)
        .select_related("owner")
        .annotate(
            is_overdue=ExpressionWrapper(overdue_q(on), output_field=Boolean()),
            rank=Case(
                When(status=RiskEntry.Status.OPEN, then=Value(0)),
                When(status=RiskEntry.Status.IN_WORK, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            ),
        )
        .order_by("rank", "due_on", "pk")
    )


def waiting(findings: list[Finding], entries) -> list[Finding]:
    """Detected risks the register does not hold yet (no entry of that risk that is not closed)."""
    registered = {e.kind for e in entries if not e.is_closed}
    return [f for f in findings if f.found and f.kind not in registered]


def entry_for(*, user, pk: int) -> RiskEntry:
    """An entry of an organisation the user may see anything of; any other does not exist (404)."""
    return get_object_or_404(
        RiskEntry.objects.filter(organization__in=organizations_of(user)).select_related(
            "organization", "year", "owner", "created_by"
        ),
        pk=pk,
    )


def owners(organization: Organization) -> QuerySet:
    """Who may own a risk: the people with an active role in the organisation."""
    return (
        get_user_model()
        .objects.filter(memberships__organization=organization, memberships__is_active=True, is_active=True)
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


# The sums of a territory -----------------------------------------------------------------------


@dataclass
class Cell:
    open: int = 0
    overdue: int = 0

    def add(self, other: "Cell") -> None:
        self.open += other.open
        self.overdue += other.overdue


@dataclass
class SumRow:
    label: str
    organization: Organization | None = None
    cells: dict[str, Cell] = field(default_factory=lambda: {k: Cell() for k in RiskKind.values})
    total: Cell = field(default_factory=Cell)
    closed: int = 0

    def add(self, other: "SumRow") -> None:
        for kind, cell in other.cells.items():
            self.cells[kind].add(cell)
        self.total.add(other.total)
        self.closed += other.closed

    @property
    def row(self) -> list[Cell]:
        return [self.cells[k] for k in RiskKind.values]


@dataclass
class MunicipalityBlock:
    municipality: Municipality
    schools: list[SumRow]
    subtotal: SumRow


def territory_scope(*, user) -> QuerySet[Organization]:
    return organizations_of(user).order_by("municipality__name", "short_name")


def territory_sums(*, user, year: AcademicYear, on: date, municipality: Municipality | None = None) -> dict:
    """Entries not closed (and of them overdue) by school × risk of the user's municipality or region,
    with a subtotal per municipality and the total. Two queries whatever the number of schools."""
    organizations = territory_scope(user=user)
    if municipality is not None:
        organizations = organizations.filter(municipality=municipality)
    organizations = list(organizations)
    counts = (
        RiskEntry.objects.filter(organization__in=[o.pk for o in organizations], year=year)
        .values("organization", "kind")
        .annotate(
            open=Count("pk", filter=Q(status__in=RiskEntry.NOT_CLOSED)),
            overdue=Count("pk", filter=overdue_q(on)),
            closed=Count("pk", filter=Q(status=RiskEntry.Status.CLOSED)),
        )
        .order_by()
    )
    rows = {o.pk: SumRow(label=o.short_name, organization=o) for o in organizations}
    for c in counts:
        row = rows[c["organization"]]
        cell = Cell(c["open"], c["overdue"])
        row.cells[c["kind"]].add(cell)
        row.total.add(cell)
        row.closed += c["closed"]
    blocks: list[MunicipalityBlock] = []
    total = SumRow(label="Итого")
    for o in organizations:
        if not blocks or blocks[-1].municipality.pk != o.municipality_id:
            blocks.append(
                MunicipalityBlock(o.municipality, [], SumRow(label=f"Итого: {o.municipality.name}"))
            )
        blocks[-1].schools.append(rows[o.pk])
        blocks[-1].subtotal.add(rows[o.pk])
        total.add(rows[o.pk])
    return {
        "blocks": blocks,
        "total": total,
        "kinds": [(k, SHORT_TITLES[k], RiskKind(k).label) for k in RiskKind.values],
        "with_risks": sum(1 for r in rows.values() if r.total.open),
        "schools": len(rows),
    }


def territory_municipalities(*, user) -> list[Municipality]:
    ids = territory_scope(user=user).values("municipality")
    return list(Municipality.objects.filter(pk__in=ids).order_by("name"))
