"""Reads of the banks: scoped to the user first, then the relations every page needs, loaded at once."""

import operator
from functools import reduce

from django.db.models import Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Value

from apps.accounts.models import User
from apps.accounts.rules import is_admin
from apps.audit.selectors import HistoryEntry
from apps.core import locking
from apps.core.hooks import Hook
from apps.organizations.models import AcademicYear, Organization
from apps.staff.models import Person
from apps.staff.selectors import valid_consent_exists

from .models import (
    Area,
    Level,
    MenteeDifficulty,
    MenteeEntry,
    MentorEntry,
    MentoringForm,
    MentorStrength,
    Petition,
)

# Pairs and groups are formed above the banks (apps.pairs), which counts what the banks show and check
# (apps.core.hooks; the pairs app registers in its AppConfig.ready()):
# - a mentor's load: callables giving a query expression, for a MentorEntry row (``OuterRef("person_id")``),
#   of the mentees the mentor has taken on;
mentor_load_counters = Hook("banks.mentor_load_counters")
# - a mentor's work in other organisations: callables(entry) giving rows {organization, status, mentees}.
mentor_distance_work = Hook("banks.mentor_distance_work")


def mentor_load_annotation():
    """The mentor's current load as the apps above count it (the pairs app: mentees in the pairs and
    groups that are active or await the director's order, whatever the organisation or the year);
    0 while none counts. Use as ``MentorEntry.objects.annotate(load=mentor_load_annotation())``."""
    counts = [count() for count in mentor_load_counters]
    if not counts:
        return Value(0, output_field=IntegerField())
    return reduce(operator.add, counts)


def mentor_load(entry: MentorEntry) -> int:
    """The load of one entry (one query); lists use :func:`mentor_load_annotation` instead."""
    if hasattr(entry, "load"):
        return entry.load
    return MentorEntry.objects.filter(pk=entry.pk).annotate(load=mentor_load_annotation()).get().load


def distance_work(entry: MentorEntry) -> list[dict]:
    """The mentor's pairs and groups in other organisations (distance pairs, issue 9 §3), for the
    read-only line on the bank card of the mentor's own school: the organisation, the status and the
    number of mentees, never the mentees' names (they are another school's personal data)."""
    return [row for rows in mentor_distance_work.call(entry) for row in rows]


def bank_organization_ids(user: User) -> set[int] | None:
    """Organisations whose banks the user may open: those where they hold an organisation role.
    Coordinators see no names in the banks (LEGAL: aggregates only without the teacher's consent),
    so their municipality does not widen this scope. ``None`` means every organisation (admin)."""
    if is_admin(user):
        return None
    return {m.organization_id for m in getattr(user, "active_memberships", []) if m.organization_id}


def _scoped(queryset: QuerySet, user: User) -> QuerySet:
    """Entries of the user's organisations, and the user's own entries wherever they are."""
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    org_ids = bank_organization_ids(user)
    if org_ids is None:
        return queryset
    return queryset.filter(Q(organization_id__in=org_ids) | Q(person__user=user))


def _difficulties_prefetch() -> Prefetch:
    return Prefetch("difficulties", queryset=MenteeDifficulty.objects.order_by("area"))


def _strengths_prefetch() -> Prefetch:
    return Prefetch("strengths", queryset=MentorStrength.objects.order_by("area"))


def _petitions_prefetch() -> Prefetch:
    """The accepted applications an entry came from, for its card."""
    return Prefetch(
        "petitions", queryset=Petition.objects.filter(status=Petition.Status.ACCEPTED).order_by("filed_on")
    )


def mentee_bank_list(*, organization: Organization, year: AcademicYear) -> QuerySet[MenteeEntry]:
    """The mentee bank of an organisation for a year, ready for the list, the export and the filters
    (the view checks the user may see this organisation's bank first)."""
    return (
        MenteeEntry.objects.filter(organization=organization, year=year)
        .select_related("person__position", "year", "organization")
        .prefetch_related(_difficulties_prefetch(), "person__subjects")
        .order_by("person__last_name", "person__first_name", "person__patronymic", "pk")
    )


# What a row of the mentor bank's list shows (templates/banks/mentor_list.html): not the entry's
# questionnaire, the person's card, the organisation's requisites (issue 18).
MENTOR_ROW_FIELDS = (
    "status",
    "max_mentees",
    "consent_signed_on",
    "needs_rediagnosis",
    "organization__short_name",
    "year__start_year",
    "person__last_name",
    "person__first_name",
    "person__patronymic",
    "person__sex",
    "person__position__name",
    "person__partner_link__agreement__partner_name",
)


def mentor_bank_list(*, organization: Organization, year: AcademicYear) -> QuerySet[MentorEntry]:
    return (
        MentorEntry.objects.filter(organization=organization, year=year)
        .select_related("person__position", "person__partner_link__agreement", "year", "organization")
        .prefetch_related(_strengths_prefetch(), "person__subjects")
        .annotate(load=mentor_load_annotation())
        .order_by("person__last_name", "person__first_name", "person__patronymic", "pk")
    )


def mentee_entries_for(user: User) -> QuerySet[MenteeEntry]:
    """Every mentee entry the user can reach; outside this set an entry does not exist (404)."""
    return _scoped(MenteeEntry.objects.all(), user).select_related(
        "person__position", "person__user", "year", "organization", "carried_from__year", "created_by"
    )


def mentor_entries_for(user: User) -> QuerySet[MentorEntry]:
    return (
        _scoped(MentorEntry.objects.all(), user)
        .select_related(
            "person__position",
            "person__partner_link__agreement",
            "person__user",
            "year",
            "organization",
            "carried_from__year",
            "created_by",
            "approved_by",
        )
        .annotate(load=mentor_load_annotation())
    )


def mentee_entry_detail(*, user: User, pk: int) -> MenteeEntry:
    return (
        mentee_entries_for(user)
        .prefetch_related(_difficulties_prefetch(), "person__subjects", _petitions_prefetch())
        .get(pk=pk)
    )


def mentor_entry_detail(*, user: User, pk: int) -> MentorEntry:
    return (
        mentor_entries_for(user)
        .prefetch_related(_strengths_prefetch(), "person__subjects", _petitions_prefetch())
        .get(pk=pk)
    )


def own_entries(*, person: Person) -> tuple[list[MenteeEntry], list[MentorEntry]]:
    """A teacher's own entries in both banks over the years, newest year first."""
    mentee = list(
        MenteeEntry.objects.filter(person=person)
        .select_related("year")
        .prefetch_related(_difficulties_prefetch())
        .order_by("-year__start_year")
    )
    mentor = list(
        MentorEntry.objects.filter(person=person)
        .select_related("year")
        .prefetch_related(_strengths_prefetch())
        .annotate(load=mentor_load_annotation())
        .order_by("-year__start_year")
    )
    return mentee, mentor


def person_of_user(*, user: User, organization: Organization | None) -> Person | None:
    """The staff card linked to the signed-in user in the organisation they work in now; a teacher
    without any role yet (only a staff card) is found by their single card."""
    if not getattr(user, "is_authenticated", False):
        return None
    people = Person.objects.filter(user=user).select_related("organization")
    if organization is not None:
        return people.filter(organization=organization).first()
    if any(m.organization_id for m in user.active_memberships):
        return None
    cards = list(people[:2])
    return cards[0] if len(cards) == 1 else None


def bank_years(*, organization: Organization) -> list[AcademicYear]:
    """Years to choose from on the bank pages: every year, newest first (there are only a few)."""
    return list(AcademicYear.objects.order_by("-start_year"))


def _person_has_consent() -> Exists:
    """For an entry (OuterRef "person_id"): its person has a valid personal-data consent."""
    return Exists(Person.objects.filter(pk=OuterRef("person_id")).filter(valid_consent_exists()))


def _person_still_works() -> Exists:
    return Exists(Person.objects.filter(pk=OuterRef("person_id"), left_on__isnull=True))


def carry_over_entries(
    *, organization: Organization, from_year: AcademicYear, to_year: AcademicYear | None
) -> tuple[list[MenteeEntry], list[MentorEntry]]:
    """Every entry of ``from_year`` with what the carry-over page shows beside it: whether the person
    has a valid consent, still works here, and is already in the next year's bank."""

    def annotated(model, prefetch):
        qs = (
            model.objects.filter(organization=organization, year=from_year)
            .select_related("person")
            .prefetch_related(prefetch)
            .annotate(person_consent=_person_has_consent(), person_works=_person_still_works())
            .order_by("person__last_name", "person__first_name", "pk")
        )
        if to_year is None:
            return list(qs.annotate(already_carried=Value(False)))
        return list(
            qs.annotate(
                already_carried=Exists(model.objects.filter(person=OuterRef("person_id"), year=to_year))
            )
        )

    return annotated(MenteeEntry, _difficulties_prefetch()), annotated(MentorEntry, _strengths_prefetch())


def status_history(entry: MenteeEntry | MentorEntry) -> list[HistoryEntry]:
    """When the entry reached each of its statuses, from the same pghistory trail as the full history
    (one query): the timeline that every reader of the entry sees, without authors or values."""
    events = entry.events.order_by("pgh_created_at", "pgh_id").values_list("pgh_created_at", "status")
    labels = dict(type(entry).Status.choices)
    history: list[HistoryEntry] = []
    previous = None
    for at, status in events:
        if status != previous:
            history.append(HistoryEntry(at, labels.get(status, status), None, []))
            previous = status
    return history


# --- what the edit forms lock on (apps.core.locking) -----------------------------------------

MENTEE_LABELS = {
    "category": "Категория наставляемого",
    "request": "Запрос наставляемого",
    "source": "Источник сведений",
    "needs_rediagnosis": "Нужна повторная диагностика затруднений",
}
MENTOR_LABELS = {
    "max_mentees": "Наибольшее число наставляемых",
    "mentoring_experience": "Опыт наставничества",
    "confirmed_results": "Подтверждённые результаты",
    "motivation": "Мотивация",
    "preferred_forms": "Предпочтительные формы наставничества",
    "consent_signed_on": "Дата письменного согласия",
    "needs_rediagnosis": "Нужна повторная оценка компетенций",
    "consent_document": "Скан согласия",
}


def _marks_state(prefix: str, marks) -> list[tuple[str, str]]:
    """One row per area, «уровень — комментарий» or empty; ``marks`` have area, level, comment."""
    by_area = {m.area: m for m in marks}
    rows = []
    for area in Area:
        mark = by_area.get(area.value)
        text = f"{Level(mark.level).label} — {mark.comment}".rstrip(" —") if mark else ""
        rows.append((f"{prefix}: {area.label}", text))
    return rows


def mentee_edit_state(values: dict, marks) -> dict[str, str]:
    """The state of a mentee entry as its edit form shows it: the entry's values (or a form's, cleaned
    the way the service cleans them) and its difficulties."""
    shown = {
        "category": MenteeEntry.Category(values["category"]).label,
        "request": values["request"],
        "source": MenteeEntry.Source(values["source"]).label,
        "needs_rediagnosis": values["needs_rediagnosis"],
    }
    return locking.state(
        [*((MENTEE_LABELS[k], v) for k, v in shown.items()), *_marks_state("Затруднение", marks)]
    )


def mentee_entry_state(entry: MenteeEntry) -> dict[str, str]:
    return mentee_edit_state({k: getattr(entry, k) for k in MENTEE_LABELS}, entry.difficulties.all())


def mentor_edit_state(values: dict, marks) -> dict[str, str]:
    """The state of a mentor entry as its edit form shows it. ``consent_document``: the stored file's
    name; left out of a form's state when no new scan is uploaded (the stored one stays)."""
    shown = {
        "max_mentees": values["max_mentees"],
        "mentoring_experience": values["mentoring_experience"],
        "confirmed_results": values["confirmed_results"],
        "motivation": values["motivation"],
        "preferred_forms": [
            MentoringForm(f).label for f in MentoringForm.values if f in (values["preferred_forms"] or ())
        ],
        "consent_signed_on": values["consent_signed_on"],
        "needs_rediagnosis": values["needs_rediagnosis"],
    }
    if "consent_document" in values:
        shown["consent_document"] = values["consent_document"]
    return locking.state(
        [*((MENTOR_LABELS[k], v) for k, v in shown.items()), *_marks_state("Сильная сторона", marks)]
    )


def mentor_entry_state(entry: MentorEntry) -> dict[str, str]:
    values = {k: getattr(entry, k) for k in MENTOR_LABELS}
    document = entry.consent_document
    values["consent_document"] = document.name.rsplit("/", 1)[-1] if document else ""
    return mentor_edit_state(values, entry.strengths.all())


def entry_lock_token(entry: MenteeEntry | MentorEntry) -> str:
    state = mentee_entry_state(entry) if isinstance(entry, MenteeEntry) else mentor_entry_state(entry)
    return locking.state_token(state)


def mentor_candidates(*, organization: Organization) -> QuerySet[MentorEntry]:
    """Candidates for mentors waiting for the director's approval (``banks.approve_mentor``)."""
    return MentorEntry.objects.filter(organization=organization, status=MentorEntry.Status.CANDIDATE)


def mentee_candidates(*, organization: Organization) -> QuerySet[MenteeEntry]:
    """Questionnaires «Хочу наставника» waiting for the curator's review (``banks.review_mentee``)."""
    return MenteeEntry.objects.filter(organization=organization, status=MenteeEntry.Status.CANDIDATE)


def mentees_waiting(*, organization: Organization) -> QuerySet[MenteeEntry]:
    """Mentees of the bank still without a mentor, of people with a valid consent (the council reads
    personal data only with it): the council of mentors helps to match them (seeds 000 §4.1.4, 002
    §4.1.3 «помогает подбирать и закреплять пары»)."""
    return MenteeEntry.objects.filter(
        organization=organization, status=MenteeEntry.Status.WAITING, year__is_current=True
    ).filter(_person_has_consent())


# --- applications (заявления) -----------------------------------------------------------------


def petitions_for(user: User) -> QuerySet[Petition]:
    """Every application the user can reach: those of their organisations (the curator's queue, the
    director's view) and their own; outside this set an application does not exist (404)."""
    return _scoped(Petition.objects.all(), user).select_related(
        "person__position", "person__user", "year", "organization", "filed_by", "decided_by"
    )


def petition_detail(*, user: User, pk: int) -> Petition:
    return petitions_for(user).select_related("mentee_entry", "mentor_entry").get(pk=pk)


def petition_list(*, organization: Organization) -> QuerySet[Petition]:
    """An organisation's applications for the curator's list, waiting ones first."""
    return (
        Petition.objects.filter(organization=organization)
        .select_related("person", "year")
        .order_by(
            # «подано» before the decided ones, then the oldest waiting first.
            "-status",
            "filed_on",
            "pk",
        )
    )


def petitions_waiting(*, organization: Organization) -> QuerySet[Petition]:
    return Petition.objects.filter(organization=organization, status=Petition.Status.SUBMITTED)


def own_petitions(*, person: Person) -> list[Petition]:
    return list(Petition.objects.filter(person=person).select_related("year").order_by("-filed_on", "-pk"))


def petitions_of_entries(*, mentee_entry_ids=(), mentor_entry_ids=()) -> list[Petition]:
    """The accepted applications that led to these bank entries: the basis an order names."""
    return list(
        Petition.objects.filter(status=Petition.Status.ACCEPTED)
        .filter(Q(mentee_entry_id__in=list(mentee_entry_ids)) | Q(mentor_entry_id__in=list(mentor_entry_ids)))
        .select_related("person")
        .order_by("filed_on", "person__last_name", "pk")
    )
