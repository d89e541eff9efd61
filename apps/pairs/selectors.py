"""Reads about pairs and groups, always scoped to the user first."""

from dataclasses import dataclass
from datetime import date

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import IsNull

from apps.accounts.selectors import organizations_of
from apps.banks.models import MenteeEntry, MentorEntry
from apps.core import locking
from apps.staff.models import Person

from .hooks import distance_mentors
from .models import Compatibility, DutyConsent, GroupMember, MentoringGroup


def mentor_load_count() -> Coalesce:
    """The mentor's current load, the one count of the portal: mentees in their pairs and groups that
    are active or await the director's order (the places are taken), members who left not counted.

    Counted by the mentor's person rather than the year's bank entry, so distance groups in other
    organisations count, and a pair formed in one academic year still loads the mentor's entry after
    the bank is carried into the next year. A query expression for a ``MentorEntry`` row: use as
    ``MentorEntry.objects.annotate(load=mentor_load_count())``; the banks' pages get it through
    ``apps.banks.selectors.mentor_load_counters`` (registered in PairsConfig.ready()).
    """
    taken = (
        GroupMember.objects.filter(
            mentor_person=OuterRef("person_id"),
            group__status__in=[MentoringGroup.Status.AWAITING_ORDER, MentoringGroup.Status.ACTIVE],
        )
        .exclude(status=GroupMember.Status.ENDED)
        .order_by()
        .values("mentor_person")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(taken, output_field=IntegerField()), Value(0))


def mentor_load(mentor: MentorEntry) -> int:
    """The mentor's load, always read fresh from the database (never a stale ``load`` annotation)."""
    return MentorEntry.objects.filter(pk=mentor.pk).annotate(load=mentor_load_count()).get().load


def mentor_distance_work(entry: MentorEntry) -> list[dict]:
    """The mentor's pairs and groups in other organisations than the entry's (distance pairs, issue 9
    §3): the organisation, the status and the number of mentees, never the mentees' names (they are
    another school's personal data). For the mentor's bank card (``apps.banks.selectors.distance_work``)."""
    rows = (
        MentoringGroup.objects.filter(mentor__person_id=entry.person_id)
        .exclude(organization_id=entry.organization_id)
        .exclude(status=MentoringGroup.Status.ENDED)
        .values("organization__short_name", "status")
        .annotate(n=Count("members", filter=~Q(members__status=GroupMember.Status.ENDED)))
        .order_by("organization__short_name", "status")
    )
    labels = dict(MentoringGroup.Status.choices)
    return [
        {"organization": r["organization__short_name"], "status": labels[r["status"]], "mentees": r["n"]}
        for r in rows
    ]


def groups_in_scope(user) -> QuerySet[MentoringGroup]:
    """Groups of the organisations the user may see anything of, and the distance groups of another
    organisation where the user is the mentor; outside: they do not exist."""
    if not getattr(user, "is_authenticated", False):
        return MentoringGroup.objects.none()
    # The mentor's own entries as a subquery: an OR over a join would join every group to its mentor.
    own_entries = MentorEntry.objects.filter(person__user=user).values("pk")
    return MentoringGroup.objects.filter(
        Q(organization__in=organizations_of(user)) | Q(mentor__in=own_entries)
    )


def distance_q(prefix: str = "") -> Q:
    """A distance group: its mentor's bank entry belongs to another organisation (issue 9 §3)."""
    return ~Q(**{f"{prefix}mentor__organization": F(f"{prefix}organization")})


def distance_groups_mentored(*, user, exclude_organization=None) -> QuerySet[MentoringGroup]:
    """Distance groups of other organisations where the signed-in user is the mentor (not ended),
    for the mentor's own pair list; the mentees are shown to the mentor as to any mentor."""
    if not getattr(user, "is_authenticated", False):
        return MentoringGroup.objects.none()
    qs = MentoringGroup.objects.filter(distance_q(), mentor__person__user=user).exclude(
        status=MentoringGroup.Status.ENDED
    )
    if exclude_organization is not None:
        qs = qs.exclude(organization=exclude_organization)
    return (
        qs.select_related("mentor__person__position", "mentor__organization", "organization", "year")
        .prefetch_related(_members_prefetch())
        .order_by("-created_at", "-pk")
    )


def _members_prefetch() -> Prefetch:
    return Prefetch(
        "members",
        queryset=GroupMember.objects.select_related("mentee_person__position", "mentee").order_by(
            "mentee_person__last_name", "mentee_person__first_name"
        ),
    )


def group_list(*, user, organization) -> QuerySet[MentoringGroup]:
    """The pair list of one organisation, with everything the table shows, in constant queries."""
    consented = (
        DutyConsent.objects.filter(group=OuterRef("pk")).values("group").annotate(n=Count("pk")).values("n")
    )
    # The mentor's bank-entry consent counts when the pair has none of its own for the mentor
    # (``duty_consents_on_record``: the same rule as a query expression).
    # «No consent of the mentor's own in this pair» as a scalar subquery, looked up per row of the page:
    # as NOT EXISTS PostgreSQL hashed every consent of the region first (13,200 rows; issue 18).
    mentor_own_consent = DutyConsent.objects.filter(
        group=OuterRef("pk"), person=OuterRef("mentor__person")
    ).values("pk")[:1]
    mentor_from_bank = Case(
        When(
            IsNull(Subquery(mentor_own_consent), True),
            mentor__consent_signed_on__isnull=False,
            mentor__status__in=BANK_CONSENT_SERVES,
            then=Value(1),
        ),
        default=Value(0),
        output_field=IntegerField(),
    )
    return (
        groups_in_scope(user)
        .filter(organization=organization)
        .select_related("mentor__person__position", "mentor__organization", "year")
        .prefetch_related(_members_prefetch(), "duty_consents")
        .annotate(
            consent_count=Coalesce(Subquery(consented, output_field=IntegerField()), 0) + mentor_from_bank
        )
        .order_by("-created_at", "-pk")
    )


def groups_awaiting_conclusion(*, user, organization) -> QuerySet[MentoringGroup]:
    """Pairs and groups still being formed (a draft, or awaiting the order) without the psychologist's
    compatibility conclusion, oldest first."""
    return (
        groups_in_scope(user)
        .filter(
            organization=organization,
            status__in=[MentoringGroup.Status.DRAFT, MentoringGroup.Status.AWAITING_ORDER],
            compatibility="",
        )
        .select_related("mentor__person")
        .prefetch_related(_members_prefetch())
        .order_by("created_at", "pk")
    )


def group_detail(*, user, pk: int) -> MentoringGroup:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        groups_in_scope(user)
        .select_related(
            "mentor__person__position", "mentor__organization", "year", "organization", "compatibility_by"
        )
        .prefetch_related(_members_prefetch(), "duty_consents__person"),
        pk=pk,
    )


def groups_of_user(*, user) -> QuerySet[MentoringGroup]:
    """The pairs where the signed-in user is the mentor or a mentee."""
    if not user.is_authenticated:
        return MentoringGroup.objects.none()
    return (
        # One IN (… UNION …), not an OR over joins + DISTINCT: that joined every group, member and
        # person of the region (bench, issue #8); the UNION also gives the planner a small estimate.
        MentoringGroup.objects.filter(
            pk__in=MentoringGroup.objects.filter(mentor__person__user=user)
            .values("pk")
            .union(GroupMember.objects.filter(mentee_person__user=user).values("group_id"))
        )
        .exclude(status=MentoringGroup.Status.ENDED)
        .select_related("mentor__person", "mentor__organization", "organization")
        .prefetch_related(_members_prefetch(), "duty_consents")
        .order_by("-created_at")
    )


def participants(group: MentoringGroup) -> list[Person]:
    """Mentor first, then the mentees still in the group (uses prefetched members when present)."""
    people = [group.mentor.person]
    for member in group.members.all():
        if member.status != GroupMember.Status.ENDED:
            people.append(member.mentee_person)
    return people


@dataclass(frozen=True)
class DutyConsentOnRecord:
    """A participant's written consent to the additional duties (ТК РФ ст. 351.8) that serves a pair:
    one recorded for this pair (``consent``), or the mentor's consent to be a mentor recorded in the
    bank entry (``entry``) — the same paper, entered once (issue 14; docs/consents.md)."""

    person_id: int
    signed_on: date
    consent: DutyConsent | None = None
    entry: MentorEntry | None = None

    @property
    def from_bank(self) -> bool:
        return self.consent is None

    @property
    def source(self) -> str:
        if self.consent is not None:
            return self.consent.get_form_display()
        return "из банка наставников"


# A bank entry's consent serves the pairs of a mentor who is (still) in the bank: not a rejected or
# released one, whose consent ended with the entry.
BANK_CONSENT_SERVES = MentorEntry.APPROVED_STATUSES


def duty_consents_on_record(group: MentoringGroup) -> dict[int, DutyConsentOnRecord]:
    """The one rule of the consents to the additional duties, by person: the pair's own consents, and
    for the mentor the consent of their bank entry. The pair page, the pair list, the dashboard and the
    order's blockers all read it (uses prefetched ``duty_consents`` when present)."""
    records = {
        c.person_id: DutyConsentOnRecord(person_id=c.person_id, signed_on=c.signed_on, consent=c)
        for c in group.duty_consents.all()
    }
    entry = group.mentor
    if (
        entry.person_id not in records
        and entry.consent_signed_on is not None
        and entry.status in BANK_CONSENT_SERVES
    ):
        records[entry.person_id] = DutyConsentOnRecord(
            person_id=entry.person_id, signed_on=entry.consent_signed_on, entry=entry
        )
    return records


def missing_consents(group: MentoringGroup) -> list[Person]:
    """The participants with no consent to the additional duties on record for the pair."""
    consented = duty_consents_on_record(group)
    return [p for p in participants(group) if p.pk not in consented]


def mentors_for_choice(*, organization, year) -> QuerySet[MentorEntry]:
    return (
        # A mentor without the written consent is shown among ``mentors_not_ready``, not offered here.
        MentorEntry.objects.filter(
            organization=organization,
            year=year,
            status__in=MentorEntry.APPROVED_STATUSES,
            consent_signed_on__isnull=False,
        )
        .select_related("person")
        .order_by("person__last_name", "person__first_name")
    )


def mentors_not_ready(*, organization, year) -> list[tuple[MentorEntry, str]]:
    """The organisation's mentors of the year who cannot be given a pair yet, with the reason: candidates
    the director has not approved, and approved mentors without the written consent (ТК РФ ст. 351.8)."""
    entries = (
        MentorEntry.objects.filter(organization=organization, year=year)
        .filter(
            Q(status=MentorEntry.Status.CANDIDATE)
            | Q(status__in=MentorEntry.APPROVED_STATUSES, consent_signed_on__isnull=True)
        )
        .select_related("person__position")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    return [
        (
            entry,
            "ожидает утверждения директором"
            if entry.status == MentorEntry.Status.CANDIDATE
            else "нет письменного согласия быть наставником",
        )
        for entry in entries
    ]


def mentors_with_regional_for_choice(*, organization, year) -> QuerySet[MentorEntry]:
    """The organisation's own ready mentors and those of other organisations the apps above offer
    (``hooks.distance_mentors``: the territory's regional base, visible in the region, with an active
    transfer consent): the mentor choices of a pair."""
    chosen = Q(pk__in=mentors_for_choice(organization=organization, year=year).values("pk"))
    for others in distance_mentors.call(organization=organization, year=year):
        chosen |= Q(pk__in=others.values("pk"))
    return (
        MentorEntry.objects.filter(chosen)
        .select_related("person__position", "organization")
        .order_by("person__last_name", "person__first_name", "pk")
    )


def mentees_for_choice(*, organization, year) -> QuerySet[MenteeEntry]:
    return (
        MenteeEntry.objects.filter(
            organization=organization,
            year=year,
            status__in=[MenteeEntry.Status.WAITING, MenteeEntry.Status.IN_PAIR],
        )
        .select_related("person")
        .order_by("person__last_name", "person__first_name")
    )


def mentees_without_pair(*, organization, year) -> QuerySet[MenteeEntry]:
    """Waiting mentees with no pair in the works (draft, awaiting or active)."""
    busy = GroupMember.objects.filter(mentee=OuterRef("pk")).exclude(status=GroupMember.Status.ENDED)
    return (
        MenteeEntry.objects.filter(organization=organization, year=year, status=MenteeEntry.Status.WAITING)
        .exclude(Exists(busy))
        .select_related("person__position")
        .prefetch_related("difficulties", "person__subjects")
        .order_by("person__last_name", "person__first_name")
    )


# What the psychologist's form locks on (apps.core.locking) ----------------------------------------


def compatibility_state(*, compatibility: str, note: str) -> dict[str, str]:
    label = Compatibility(compatibility).label if compatibility in Compatibility.values else ""
    return locking.state([("Оценка совместимости", label), ("Заключение", note)])


def group_compatibility_state(group: MentoringGroup) -> dict[str, str]:
    return compatibility_state(compatibility=group.compatibility, note=group.compatibility_note)


def compatibility_lock_token(group: MentoringGroup) -> str:
    return locking.state_token(group_compatibility_state(group))
