"""Reads of the training app: a school's records in the user's scope, a person's records for the card,
the bank panel and the portfolio, the unpaired mentees with their support, and the share of mentors
trained in the last three years (the indicator of a school, a municipality, a region)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from apps.accounts.models import Role
from apps.banks.models import MenteeEntry, MentorEntry
from apps.banks.selectors import mentees_waiting
from apps.organizations.models import Organization

from .models import SupportRecord, TrainingRecord

TRAINED_WITHIN_YEARS = 3
MANAGERS = (Role.DIRECTOR, Role.CURATOR)


def _managed_organization_ids(user) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return {m.organization_id for m in user.active_memberships if m.role in MANAGERS and m.organization_id}


def _psychologist_organization_ids(user) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return {m.organization_id for m in user.active_memberships if m.role == Role.PSYCHOLOGIST}


def records_of_organization(*, organization: Organization) -> QuerySet[TrainingRecord]:
    return (
        TrainingRecord.objects.filter(organization=organization)
        .select_related("person", "entered_by")
        .order_by("person__last_name", "person__first_name", "-end_date", "-pk")
    )


def records_of_person(*, person) -> list[TrainingRecord]:
    """The person's trainings, the newest first (one query); each knows its person without a query."""
    records = list(TrainingRecord.objects.filter(person=person).order_by("-end_date", "-pk"))
    for record in records:
        record.person = person
    return records


def record_for(*, user, pk: int) -> TrainingRecord:
    """A record of a school the user manages, or the user's own; anybody else's is a 404."""
    scope = Q(organization_id__in=_managed_organization_ids(user))
    if getattr(user, "is_authenticated", False):
        scope |= Q(person__user_id=user.pk)
    record = (
        TrainingRecord.objects.filter(scope).select_related("person", "organization").filter(pk=pk).first()
    )
    if record is None:
        raise Http404("Записи об обучении нет")
    return record


def since(today: dt.date) -> dt.date:
    """The first day of the three years counted back from ``today`` (29 February → 28 February)."""
    try:
        return today.replace(year=today.year - TRAINED_WITHIN_YEARS)
    except ValueError:
        return today.replace(year=today.year - TRAINED_WITHIN_YEARS, day=28)


def trained_recently(*, today: dt.date) -> Exists:
    """A training of the row's person ending within the last three years (for a MentorEntry queryset)."""
    return Exists(
        TrainingRecord.objects.filter(
            person_id=OuterRef("person_id"), end_date__gte=since(today), end_date__lte=today
        )
    )


@dataclass(frozen=True)
class TrainedShare:
    mentors: int
    trained: int

    @property
    def percent(self) -> int | None:
        """Rounded down, so that «100 %» means every mentor; None without mentors."""
        return self.trained * 100 // self.mentors if self.mentors else None


def _approved_mentors(organizations, year=None) -> QuerySet[MentorEntry]:
    """The approved mentors of the bank of ``year`` (the current one when None)."""
    in_year = Q(year=year) if year is not None else Q(year__is_current=True)
    return MentorEntry.objects.filter(
        in_year, organization__in=organizations, status__in=MentorEntry.APPROVED_STATUSES
    )


def trained_share(*, organizations, today: dt.date, year=None) -> TrainedShare:
    """The share of the approved mentors of the current year's bank (of these organisations) with a training
    that ended within the last three years: one query."""
    totals = _approved_mentors(organizations, year).aggregate(
        mentors=Count("pk"), trained=Count("pk", filter=trained_recently(today=today))
    )
    return TrainedShare(mentors=totals["mentors"], trained=totals["trained"])


def trained_share_by_organization(*, organizations, today: dt.date, year=None) -> dict[int, TrainedShare]:
    """The same share for each organisation (those without mentors left out): one query."""
    rows = (
        _approved_mentors(organizations, year)
        .values("organization_id")
        .annotate(mentors=Count("pk"), trained=Count("pk", filter=trained_recently(today=today)))
        .order_by()
    )
    return {r["organization_id"]: TrainedShare(mentors=r["mentors"], trained=r["trained"]) for r in rows}


def mentors_with_training(*, organization: Organization, today: dt.date, year=None) -> list[MentorEntry]:
    """The approved mentors of the current year, each with ``trained`` and ``trainings`` (their records of the
    last three years): two queries. For the annual report and the school's page."""
    entries = list(
        _approved_mentors([organization], year)
        .select_related("person")
        .annotate(trained=trained_recently(today=today))
        .prefetch_related(
            Prefetch(
                "person__training_records",
                queryset=TrainingRecord.objects.filter(
                    end_date__gte=since(today), end_date__lte=today
                ).order_by("-end_date"),
                to_attr="recent_trainings",
            )
        )
        .order_by("person__last_name", "person__first_name")
    )
    return entries


def training_report(*, organization: Organization, year, today: dt.date) -> dict:
    """The section «Обучение наставников» of the annual report: the mentors of the year's bank with their
    trainings of the three years before the year's end (or today, for the current year) and the share."""
    on = min(today, year.ends_on)
    mentors = mentors_with_training(organization=organization, today=on, year=year)
    trained = sum(1 for entry in mentors if entry.trained)
    return {
        "mentors": mentors,
        "share": TrainedShare(mentors=len(mentors), trained=trained),
        "since": since(on),
        "on": on,
    }


# The psychologist's support -------------------------------------------------------------------------


def may_see_support(user, organization: Organization) -> bool:
    return organization.pk in (_managed_organization_ids(user) | _psychologist_organization_ids(user))


def unpaired_mentees(*, organization: Organization) -> list[MenteeEntry]:
    """The mentees of the current year's bank waiting for a mentor (consenting people only, as the council
    sees them, ``banks.selectors.mentees_waiting``), each with its support records: two queries."""
    return list(
        mentees_waiting(organization=organization)
        .select_related("person")
        .prefetch_related(
            Prefetch(
                "person__support_records",
                queryset=SupportRecord.objects.filter(organization=organization).order_by("-date", "-pk"),
                to_attr="supports",
            )
        )
        .order_by("person__last_name", "person__first_name")
    )


def support_for(*, user, pk: int) -> SupportRecord:
    """A support record of a school where the user is the psychologist; anybody else's is a 404."""
    record = (
        SupportRecord.objects.filter(organization_id__in=_psychologist_organization_ids(user), pk=pk)
        .select_related("person", "organization")
        .first()
    )
    if record is None:
        raise Http404("Записи нет")
    return record
