"""Reads of the staff registry. Consent gating lives here: without a valid consent to personal-data
processing a person cannot enter a bank, a pair or an order. What the apps above show on the
registry's pages (the bank state of a row, the bank entries of the card) comes through ``hooks``."""

from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404

from apps.accounts.models import Membership
from apps.accounts.rules import is_admin
from apps.accounts.selectors import organizations_of
from apps.core import locking
from apps.organizations.models import AcademicYear, Organization

from . import hooks
from .models import DestructionAct, DisclosureConsent, Person, PersonalDataConsent, normalize_name


def valid_consent_exists() -> Exists:
    """An SQL expression: the person (OuterRef "pk") has a consent that is neither withdrawn nor destroyed."""
    return Exists(
        PersonalDataConsent.objects.filter(
            person=OuterRef("pk"), withdrawn_on__isnull=True, destroyed_on__isnull=True
        )
    )


def people_with_valid_consent(queryset: QuerySet[Person] | None = None) -> QuerySet[Person]:
    queryset = Person.objects.all() if queryset is None else queryset
    return queryset.filter(valid_consent_exists())


def has_valid_consent(person: Person) -> bool:
    return PersonalDataConsent.objects.filter(
        person=person, withdrawn_on__isnull=True, destroyed_on__isnull=True
    ).exists()


def consent_not_withdrawn(person: Person) -> bool:
    """False once the person withdrew the consent and has not consented again: processing has
    stopped. Reads the annotations of ``with_consent_state`` when present."""
    valid = getattr(person, "has_valid_consent", None)
    withdrawn = getattr(person, "has_withdrawn_consent", None)
    destroyed = getattr(person, "data_destroyed", None)
    if valid is None or withdrawn is None or destroyed is None:
        consents = PersonalDataConsent.objects.filter(person=person)
        valid = consents.filter(withdrawn_on__isnull=True, destroyed_on__isnull=True).exists()
        withdrawn = consents.filter(withdrawn_on__isnull=False).exists()
        destroyed = False
    return bool(valid or not (withdrawn or destroyed))


def with_consent_state(queryset: QuerySet[Person]) -> QuerySet[Person]:
    """Annotate ``has_valid_consent``, ``has_withdrawn_consent`` (withdrawn, data not yet destroyed)
    and ``data_destroyed``: one SQL query whatever the number of rows; rules read these annotations."""
    return queryset.annotate(
        has_valid_consent=valid_consent_exists(),
        has_withdrawn_consent=Exists(
            PersonalDataConsent.objects.filter(
                person=OuterRef("pk"), withdrawn_on__isnull=False, destroyed_on__isnull=True
            )
        ),
        data_destroyed=Exists(
            PersonalDataConsent.objects.filter(person=OuterRef("pk"), destroyed_on__isnull=False)
        ),
    )


def with_registry_annotations(queryset: QuerySet[Person], *, year: AcademicYear | None) -> QuerySet[Person]:
    """What the apps above add to each row of the registry list (``hooks.registry_annotations``: banks
    annotate ``in_mentor_bank`` and ``in_mentee_bank`` for ``year``), in SQL."""
    for annotate in hooks.registry_annotations:
        queryset = annotate(queryset, year=year)
    return queryset


def search_terms(query: str) -> list[str]:
    """«Соловьёва  Е» → ["соловьева", "е"]: the query normalised exactly as ``Person.search_name``."""
    return normalize_name(query or "").split()


def filter_by_name(queryset: QuerySet[Person], query: str) -> QuerySet[Person]:
    """Every word of the query occurs in the name (any part of surname, name or patronymic, ё = е).
    LIKE '%…%' on the generated column is served by its trigram index."""
    for term in search_terms(query)[:5]:
        queryset = queryset.filter(search_name__contains=term)
    return queryset


def people_scope(user) -> QuerySet[Person]:
    """People the user may open at all: those of the organisations where the user holds a role, and
    the user's own records; the administrator sees everyone. Anyone else's person does not exist (404)."""
    qs = Person.objects.all()
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if is_admin(user):
        return qs
    org_ids = {m.organization_id for m in user.active_memberships if m.organization_id}
    return qs.filter(Q(organization_id__in=org_ids) | Q(user=user))


def person_list(*, user, organization: Organization, year: AcademicYear | None) -> QuerySet[Person]:
    """The registry of one organisation with everything a row shows, in a fixed number of queries.
    Members who see personal data only with consent (council, psychologist) get only consenting people."""
    qs = with_registry_annotations(
        with_consent_state(people_scope(user).filter(organization=organization)), year=year
    )
    if not user.has_perm("staff.view_all_people", organization):
        qs = qs.filter(has_valid_consent=True)
    return (
        qs.select_related("position")
        .prefetch_related("subjects")
        .order_by("last_name", "first_name", "patronymic", "pk")
    )


def person_for_card(*, user, pk: int) -> Person:
    """One person in the user's scope with the consent state annotated; raises DoesNotExist outside it."""
    return (
        with_consent_state(people_scope(user))
        .select_related("organization__municipality__region", "position", "user")
        .prefetch_related("subjects")
        .get(pk=pk)
    )


def person_card(*, person: Person) -> dict:
    """What the card shows besides the person: consents, roles and the destruction acts, and what the
    apps above add (``hooks.card_context``: the bank entries over the years). A fixed number of queries."""
    memberships = []
    if person.user_id:
        memberships = list(
            Membership.objects.filter(
                user_id=person.user_id, organization_id=person.organization_id, is_active=True
            ).order_by("role")
        )
    card = {
        "consents": list(
            person.consents.select_related("recorded_by", "confirmed_by", "withdrawn_by").order_by(
                "-signed_on", "-pk"
            )
        ),
        "memberships": memberships,
        "destruction_acts": list(person.destruction_acts.order_by("-destroyed_on")),
    }
    for context in hooks.card_context.call(person=person):
        card |= context
    return card


def people_of_user(user) -> QuerySet[Person]:
    """The registry entries linked to the signed-in user (one per organisation), for their consent page."""
    if not getattr(user, "is_authenticated", False):
        return Person.objects.none()
    return with_consent_state(Person.objects.filter(user=user)).select_related("organization")


def consents_due_for_destruction(*, today: date) -> QuerySet[PersonalDataConsent]:
    """Withdrawn consents whose data must be destroyed by now, of people who have not consented again."""
    return (
        PersonalDataConsent.objects.filter(
            withdrawn_on__isnull=False, destroyed_on__isnull=True, destruction_due__lte=today
        )
        .exclude(
            Exists(
                PersonalDataConsent.objects.filter(
                    person=OuterRef("person"), withdrawn_on__isnull=True, destroyed_on__isnull=True
                )
            )
        )
        .select_related("person__organization")
        .order_by("destruction_due", "pk")
    )


def destruction_acts_of(*, organization: Organization) -> QuerySet[DestructionAct]:
    return DestructionAct.objects.filter(organization=organization).select_related("destroyed_by")


# Disclosure consents (152-ФЗ ст. 10.1, ТК РФ ст. 88) ------------------------------------------------


def disclosure_consents_of(*, organization) -> QuerySet[DisclosureConsent]:
    return (
        DisclosureConsent.objects.filter(person__organization=organization)
        .select_related("person", "recorded_by")
        .order_by("withdrawn_on", "person__last_name", "person__first_name", "kind")
    )


def disclosure_consent_for(*, user, pk: int) -> DisclosureConsent:
    """A disclosure consent of a person of the user's organisations; anyone else's: 404."""
    return get_object_or_404(
        DisclosureConsent.objects.select_related("person__organization"),
        pk=pk,
        person__organization__in=organizations_of(user),
    )


# What the card's edit form locks on (apps.core.locking) ---------------------------------------------


def person_edit_state(values: dict, subjects=None) -> dict[str, str]:
    """A registry entry as its edit form shows it: ``values`` of the Person fields the form has (an
    entry's or a form's), ``subjects`` when the form sets them."""
    state = locking.model_state(Person, values)
    if subjects is not None:
        state.update(locking.state([("Предметы, направления", sorted(str(s) for s in subjects))]))
    return state


def people_without_consent(*, organization) -> QuerySet[Person]:
    """People of the organisation still working there with no consent to personal-data processing
    recorded at all (the registry's filter «не оформлено»): the curator collects it (152-ФЗ art. 9).
    A withdrawn consent is not asked for again: processing stopped by the person's own decision."""
    return Person.objects.filter(organization=organization, left_on__isnull=True, consents__isnull=True)
