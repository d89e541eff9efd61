"""Reads of the allowance basis, scoped to the organisations where the user reads it (the director, the
curator, the accountant); a basis of another organisation does not exist (404)."""

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from apps.accounts.models import Role
from apps.accounts.selectors import organizations_of

from .models import AllowanceBasis, AllowanceLine

READER_ROLES = (Role.DIRECTOR, Role.CURATOR, Role.ACCOUNTANT)


def _with_correction(qs: QuerySet[AllowanceBasis]) -> QuerySet[AllowanceBasis]:
    return qs.annotate(has_correction=Exists(AllowanceBasis.objects.filter(corrects=OuterRef("pk"))))


def bases_of(*, user, organization) -> QuerySet[AllowanceBasis]:
    """The organisation's bases, newest month first, a correction after the document it corrects."""
    readers = {m.organization_id for m in getattr(user, "active_memberships", []) if m.role in READER_ROLES}
    if organization is None or organization.pk not in readers:
        return AllowanceBasis.objects.none()
    return _with_correction(
        AllowanceBasis.objects.filter(organization=organization)
        .select_related("corrects")
        .order_by("-year", "-month", "-pk")
    )


def basis_for(*, user, pk: int) -> AllowanceBasis:
    """A basis of an organisation in the user's scope (the rules then decide: 403 for the school's other
    people and its coordinators); of any other organisation it does not exist (404)."""
    basis = (
        _with_correction(AllowanceBasis.objects.filter(pk=pk, organization__in=organizations_of(user)))
        .select_related("organization", "corrects", "prepared_by", "approved_by", "closed_by")
        .first()
    )
    if basis is None:
        raise Http404("Основание не найдено.")
    return basis


def lines_of(basis: AllowanceBasis) -> list[AllowanceLine]:
    return list(basis.lines.order_by("position"))
