"""The territory's figures counted the plain way, one organisation and one ORM query per figure: what the
SQL of apps/territory/regional_report.py (the rule, written once) is checked against."""

from apps.accounts.models import Membership, Role
from apps.banks.models import MenteeEntry, MentorEntry
from apps.orders.models import Order
from apps.organizations.models import Organization
from apps.pairs.models import MentoringGroup
from apps.programs.models import Program
from apps.territory.models import Roadmap

COUNTED_KINDS = (Organization.Kind.SCHOOL, Organization.Kind.ADDITIONAL, Organization.Kind.COLLEGE)


def plain_figures(organization, year) -> dict:
    """The figures of ``organization`` in ``year``, under the names of ``regional_report.OrganizationRow``."""
    cancelled = Order.objects.filter(status=Order.Status.SIGNED, cancels__isnull=False).values("cancels")
    has_regulation = (
        Order.objects.filter(
            organization=organization, kind=Order.Kind.REGULATION, status=Order.Status.SIGNED
        )
        .exclude(pk__in=cancelled)
        .exists()
    )
    has_curator = Membership.objects.filter(
        organization=organization, role=Role.CURATOR, is_active=True
    ).exists()
    active_pairs = Program.objects.filter(
        group__organization=organization,
        group__year=year,
        group__status=MentoringGroup.Status.ACTIVE,
        status=Program.Status.APPROVED,
    ).count()
    roadmap = Roadmap.objects.filter(organization=organization, year=year).first()
    return {
        "pk": organization.pk,
        "municipality": organization.municipality.name,
        "short_name": organization.short_name,
        "kind": organization.kind,
        "has_regulation": has_regulation,
        "has_curator": has_curator,
        "active_pairs": active_pairs,
        "implements": has_regulation and has_curator and active_pairs > 0,
        "n_mentors": MentorEntry.objects.filter(
            organization=organization,
            year=year,
            status__in=[MentorEntry.Status.APPROVED, MentorEntry.Status.ACTIVE],
        ).count(),
        "n_mentees": MenteeEntry.objects.filter(
            organization=organization,
            year=year,
            status__in=[MenteeEntry.Status.WAITING, MenteeEntry.Status.IN_PAIR, MenteeEntry.Status.FINISHED],
        ).count(),
        "n_programs": Program.objects.filter(
            organization=organization,
            group__year=year,
            status__in=[Program.Status.APPROVED, Program.Status.FINISHED],
        ).count(),
        "roadmap_status": roadmap.status if roadmap else None,
    }


def plain_indicator(organizations, year) -> dict:
    """The indicator of the territory page summed from the plain figures of each of ``organizations``:
    schools, additional and vocational organisations alone."""
    counted = [plain_figures(o, year) for o in organizations if o.kind in COUNTED_KINDS]
    total = len(counted)
    implementing = sum(f["implements"] for f in counted)
    return {
        "total": total,
        "implementing": implementing,
        "with_regulation": sum(f["has_regulation"] for f in counted),
        "with_curator": sum(f["has_curator"] for f in counted),
        "with_pairs": sum(f["active_pairs"] > 0 for f in counted),
        "roadmaps_agreed": sum(f["roadmap_status"] == Roadmap.Status.AGREED for f in counted),
        "share": round(100 * implementing / total, 1) if total else None,
    }
