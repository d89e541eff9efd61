"""Reads of the cooperation agreements: the user's scope first (404 outside it), then the joins."""

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from apps.accounts.models import Role
from apps.staff.models import Person

from .models import CooperationAgreement, PartnerPerson


def visible_agreements(*, user) -> QuerySet[CooperationAgreement]:
    """Every agreement the user may open: their schools' (director, curator), the municipality's of
    those schools and of the municipalities they coordinate."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return CooperationAgreement.objects.none()
    schools, municipalities = set(), set()
    for m in user.active_memberships:
        if m.role in (Role.DIRECTOR, Role.CURATOR) and m.organization_id:
            schools.add(m.organization_id)
            municipalities.add(m.organization.municipality_id)
        elif m.role == Role.MUNICIPAL and m.municipality_id:
            municipalities.add(m.municipality_id)
    return CooperationAgreement.objects.filter(
        Q(organization_id__in=schools) | Q(municipality_id__in=municipalities)
    ).select_related("organization", "municipality")


def agreements_of_school(*, organization) -> QuerySet[CooperationAgreement]:
    """The school's own agreements and, after them, its municipality's authority's."""
    return (
        CooperationAgreement.objects.filter(
            Q(organization=organization) | Q(municipality_id=organization.municipality_id)
        )
        .select_related("organization", "municipality")
        .annotate(n_people=Count("people"))
        .order_by("municipality_id", "-signed_on", "-pk")
    )


def agreements_of_municipality(*, municipality) -> QuerySet[CooperationAgreement]:
    return (
        CooperationAgreement.objects.filter(municipality=municipality)
        .select_related("municipality")
        .annotate(n_people=Count("people"))
        .order_by("-signed_on", "-pk")
    )


def agreement_for(*, user, pk: int) -> CooperationAgreement:
    return get_object_or_404(visible_agreements(user=user), pk=pk)


def people_of(agreement) -> list[PartnerPerson]:
    return list(
        agreement.people.select_related("person__position").order_by(
            "person__last_name", "person__first_name"
        )
    )


def people_to_add(agreement) -> QuerySet[Person]:
    """The school's registry entries still working there and not yet linked to a partner."""
    return (
        Person.objects.filter(
            organization_id=agreement.organization_id, left_on__isnull=True, partner_link__isnull=True
        )
        .select_related("position")
        .order_by("last_name", "first_name", "patronymic")
    )


def card_context(*, person) -> dict:
    """The person's card (``apps.staff.hooks.card_context``): the partner they work at, one query."""
    link = PartnerPerson.objects.filter(person=person).select_related("agreement").first()
    return {"partner_link": link}
