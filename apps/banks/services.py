"""Writes on the banks of mentees and mentors: entries, their areas, status moves, questionnaires and
the carry-over into a new academic year. Every rule of the banks lives here or in the models."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

import pghistory
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone

from apps.accounts.models import User
from apps.accounts.rules import is_curator, is_director
from apps.core import locking, russian
from apps.core.exceptions import DomainError
from apps.organizations.models import AcademicYear, Organization
from apps.staff.models import Person
from apps.staff.services import person_require_consent

from .models import (
    Area,
    Level,
    MenteeDifficulty,
    MenteeEntry,
    MentorEntry,
    MentoringForm,
    MentorStrength,
)
from .selectors import (
    mentee_edit_state,
    mentee_entry_state,
    mentor_edit_state,
    mentor_entry_state,
    mentor_load,
)

MAX_MENTEES_RANGE = (1, 10)
COMMENT_MAX = 500


@dataclass(frozen=True)
class AreaMark:
    """A difficulty (mentee) or a strength (mentor) in one area, as a form or a questionnaire gives it."""

    area: str
    level: int
    comment: str = ""


# --- shared checks ---------------------------------------------------------------------------


def _person_has_left(person: Person) -> bool:
    return person.left_on is not None and person.left_on <= timezone.localdate()


def _require_person_may_enter(*, person: Person, organization: Organization) -> None:
    """A bank takes only a person of this organisation who still works here and has a valid consent
    to personal-data processing."""
    if person.organization_id != organization.pk:
        raise DomainError(
            f"{person.short_name} не числится в реестре педагогов этой организации.", field="person"
        )
    if _person_has_left(person):
        raise DomainError(
            f"{person.short_name} {russian.by_sex(person, 'уволен', 'уволена')} {person.left_on:%d.%m.%Y}.",
            field="person",
        )
    person_require_consent(person=person)


def _require_not_in_bank(model: type[Model], *, person: Person, year: AcademicYear) -> None:
    existing = model.objects.filter(person=person, year=year).first()
    if existing is not None:
        bank = "наставляемых" if model is MenteeEntry else "наставников"
        raise DomainError(
            f"{person.short_name} уже есть в банке {bank} на {year.label} учебный год "
            f"(статус «{existing.get_status_display()}»).",
            field="person",
        )


def _create_once(model: type[Model], **values) -> Model:
    """Create an entry; the database constraint (once per person and year) answers a race."""
    try:
        with transaction.atomic():
            return model.objects.create(**values)
    except IntegrityError as exc:
        raise DomainError("Этот педагог уже есть в банке на этот учебный год.", field="person") from exc


def _clean_marks(marks: Iterable[AreaMark], *, what: str) -> list[AreaMark]:
    cleaned: dict[str, AreaMark] = {}
    for mark in marks:
        if mark.area not in Area.values:
            raise DomainError(f"Неизвестное направление: «{mark.area}».", field="areas")
        if mark.area in cleaned:
            raise DomainError(f"Направление «{Area(mark.area).label}» указано дважды.", field="areas")
        if mark.level not in Level.values:
            raise DomainError(
                f"Укажите уровень ({what}) для направления «{Area(mark.area).label}».", field="areas"
            )
        comment = (mark.comment or "").strip()
        if len(comment) > COMMENT_MAX:
            raise DomainError(
                f"Комментарий к направлению «{Area(mark.area).label}» длиннее {COMMENT_MAX} символов.",
                field="areas",
            )
        cleaned[mark.area] = AreaMark(mark.area, int(mark.level), comment)
    return list(cleaned.values())


def _replace_marks(*, entry: Model, marks: list[AreaMark], model: type[Model]) -> None:
    """Make the entry's areas exactly ``marks``: update what changed, add the new, delete the rest."""
    current = {m.area: m for m in model.objects.filter(entry=entry)}
    wanted = {m.area: m for m in marks}
    model.objects.filter(entry=entry).exclude(area__in=list(wanted)).delete()
    for area, mark in wanted.items():
        row = current.get(area)
        if row is None:
            model.objects.create(entry=entry, area=area, level=mark.level, comment=mark.comment)
        elif (row.level, row.comment) != (mark.level, mark.comment):
            row.level, row.comment = mark.level, mark.comment
            row.save(update_fields=["level", "comment"])


def _save_changed(instance: Model, values: Mapping) -> list[str]:
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, values[name])
    if changed:
        instance.save(update_fields=[*changed, "updated_at"])
    return changed


def _check_max_mentees(value: int) -> int:
    low, high = MAX_MENTEES_RANGE
    if value is None or not low <= int(value) <= high:
        raise DomainError(
            f"Число наставляемых у одного наставника — от {low} до {high}.", field="max_mentees"
        )
    return int(value)


def _check_forms(values: Iterable[str]) -> list[str]:
    forms = list(dict.fromkeys(values or []))
    unknown = [f for f in forms if f not in MentoringForm.values]
    if unknown:
        raise DomainError("Неизвестная форма наставничества.", field="preferred_forms")
    return forms


def _check_consent_date(value: date | None) -> date | None:
    if value is not None and value > timezone.localdate():
        raise DomainError("Дата письменного согласия не может быть в будущем.", field="consent_signed_on")
    return value


# --- status moves ----------------------------------------------------------------------------


def _move(entry, to: str, *, action: str, extra: Mapping | None = None):
    """Move an entry along its transition table (``TRANSITIONS`` of MenteeEntry / MentorEntry)."""
    entry = type(entry).objects.select_for_update().get(pk=entry.pk)
    entry.require_move(
        to,
        f"Нельзя перевести запись из статуса «{entry.get_status_display()}» "
        f"в статус «{type(entry).Status(to).label}».",
    )
    with pghistory.context(banks_action=action):
        _save_changed(entry, {"status": to, **(extra or {})})
    return entry


@transaction.atomic
def mentee_entry_transition(*, entry: MenteeEntry, to: str, comment: str | None = None) -> MenteeEntry:
    """Any allowed status move of a mentee (the pairs app moves waiting → in_pair → finished/waiting)."""
    extra = {} if comment is None else {"review_comment": comment.strip()}
    return _move(entry, to, action=f"mentee_{to}", extra=extra)


@transaction.atomic
def mentor_entry_transition(*, entry: MentorEntry, to: str) -> MentorEntry:
    """Any allowed status move of a mentor that needs no more checks (the pairs app: approved ↔ active).
    Approval and release have their own services below."""
    if to == MentorEntry.Status.RELEASED or (
        to == MentorEntry.Status.APPROVED and entry.status == MentorEntry.Status.CANDIDATE
    ):
        raise DomainError("Утверждение и освобождение наставника выполняются отдельными действиями.")
    return _move(entry, to, action=f"mentor_{to}")


def _require_comment(comment: str) -> str:
    comment = (comment or "").strip()
    if not comment:
        raise DomainError("Укажите причину: её увидит педагог.", field="comment")
    return comment


@transaction.atomic
def mentee_entry_accept(*, entry: MenteeEntry, user: User, comment: str = "") -> MenteeEntry:
    """The curator accepts a teacher's request: the mentee now waits for a mentor."""
    person_require_consent(person=entry.person)
    return mentee_entry_transition(entry=entry, to=MenteeEntry.Status.WAITING, comment=comment)


@transaction.atomic
def mentee_entry_reject(*, entry: MenteeEntry, user: User, comment: str) -> MenteeEntry:
    return mentee_entry_transition(
        entry=entry, to=MenteeEntry.Status.REJECTED, comment=_require_comment(comment)
    )


@transaction.atomic
def mentee_entry_leave(*, entry: MenteeEntry, user: User, comment: str = "") -> MenteeEntry:
    """The mentee leaves the bank (moved away, no longer needs a mentor)."""
    return mentee_entry_transition(entry=entry, to=MenteeEntry.Status.LEFT, comment=comment)


@transaction.atomic
def mentor_entry_approve(*, entry: MentorEntry, director: User) -> MentorEntry:
    """The director approves a candidate: only with the written consent to be a mentor on record
    (ТК РФ ст. 351.8) and a valid consent to personal-data processing."""
    if not is_director(director, entry.organization):
        raise DomainError("Утвердить наставника может только руководитель организации.")
    entry = MentorEntry.objects.select_for_update().select_related("person").get(pk=entry.pk)
    entry.require_move(
        MentorEntry.Status.APPROVED,
        f"Утвердить можно только кандидата; сейчас статус «{entry.get_status_display()}».",
    )
    if entry.consent_signed_on is None:
        raise DomainError(
            "Сначала внесите дату письменного согласия педагога быть наставником.", field="consent_signed_on"
        )
    person_require_consent(person=entry.person)
    return _move(
        entry,
        MentorEntry.Status.APPROVED,
        action="mentor_approve",
        extra={"approved_by": director, "approved_at": timezone.now()},
    )


@transaction.atomic
def mentor_entry_reject(*, entry: MentorEntry, user: User, comment: str) -> MentorEntry:
    return _move(
        entry,
        MentorEntry.Status.REJECTED,
        action="mentor_reject",
        extra={"review_comment": _require_comment(comment)},
    )


@transaction.atomic
def mentor_entry_release(
    *, entry: MentorEntry, user: User, released_on: date | None = None, comment: str = ""
) -> MentorEntry:
    """Release a mentor from the bank: only when no mentee is in an active pair with them (their
    pairs end or pass to another mentor by an order first)."""
    if not (is_director(user, entry.organization) or is_curator(user, entry.organization)):
        raise DomainError("Освободить наставника может руководитель или куратор организации.")
    released_on = released_on or timezone.localdate()
    if released_on > timezone.localdate():
        raise DomainError("Дата освобождения не может быть в будущем.", field="released_on")
    if mentor_load(entry) > 0:
        raise DomainError(
            "У наставника есть действующие пары (группы): сначала завершите их или оформите приказ "
            "о замене наставника."
        )
    extra = {"released_on": released_on}
    if comment:
        extra["review_comment"] = comment.strip()
    return _move(entry, MentorEntry.Status.RELEASED, action="mentor_release", extra=extra)


# --- mentee entries --------------------------------------------------------------------------


@transaction.atomic
def mentee_entry_create(
    *,
    organization: Organization,
    year: AcademicYear,
    person: Person,
    category: str,
    user: User | None,
    request: str = "",
    source: str = MenteeEntry.Source.CURATOR,
    needs_rediagnosis: bool = False,
    difficulties: Iterable[AreaMark] = (),
    status: str = MenteeEntry.Status.WAITING,
) -> MenteeEntry:
    """Put a person into the mentee bank of a year. Entered by the curator, the mentee waits for a
    mentor at once; from a teacher's own questionnaire the entry is a candidate for review."""
    _require_person_may_enter(person=person, organization=organization)
    if category not in MenteeEntry.Category.values:
        raise DomainError("Выберите категорию наставляемого.", field="category")
    if source not in MenteeEntry.Source.values:
        raise DomainError("Неизвестный источник сведений.", field="source")
    if status not in (MenteeEntry.Status.CANDIDATE, MenteeEntry.Status.WAITING):
        raise DomainError("Новая запись — заявка на рассмотрении или ожидает наставника.")
    marks = _clean_marks(difficulties, what="выраженность затруднения")
    _require_not_in_bank(MenteeEntry, person=person, year=year)
    with pghistory.context(banks_action="mentee_create"):
        entry = _create_once(
            MenteeEntry,
            organization=organization,
            year=year,
            person=person,
            category=category,
            request=(request or "").strip(),
            source=source,
            status=status,
            needs_rediagnosis=needs_rediagnosis,
            created_by=user,
        )
        _replace_marks(entry=entry, marks=marks, model=MenteeDifficulty)
    return entry


@transaction.atomic
def mentee_entry_update(
    *,
    entry: MenteeEntry,
    user: User | None,
    category: str,
    request: str = "",
    source: str | None = None,
    needs_rediagnosis: bool = False,
    difficulties: Iterable[AreaMark] = (),
    lock_token: str | None = None,
) -> MenteeEntry:
    """Change a mentee entry. ``lock_token``: the state the edit form was opened on; when another
    save changed what this one writes, EditConflict and nothing is written."""
    if category not in MenteeEntry.Category.values:
        raise DomainError("Выберите категорию наставляемого.", field="category")
    source = entry.source if source is None else source
    if source not in MenteeEntry.Source.values:
        raise DomainError("Неизвестный источник сведений.", field="source")
    marks = _clean_marks(difficulties, what="выраженность затруднения")
    entry = MenteeEntry.objects.select_for_update().get(pk=entry.pk)
    values = {
        "category": category,
        "request": (request or "").strip(),
        "source": source,
        "needs_rediagnosis": needs_rediagnosis,
    }
    locking.check_unchanged(
        token=lock_token, saved=mentee_entry_state(entry), mine=mentee_edit_state(values, marks)
    )
    with pghistory.context(banks_action="mentee_update"):
        _save_changed(entry, values)
        _replace_marks(entry=entry, marks=marks, model=MenteeDifficulty)
    return entry


# --- mentor entries --------------------------------------------------------------------------


def _mentor_values(
    *,
    max_mentees: int,
    mentoring_experience: str,
    confirmed_results: str,
    motivation: str,
    preferred_forms: Iterable[str],
    consent_signed_on: date | None,
    needs_rediagnosis: bool,
) -> dict:
    return {
        "max_mentees": _check_max_mentees(max_mentees),
        "mentoring_experience": (mentoring_experience or "").strip(),
        "confirmed_results": (confirmed_results or "").strip(),
        "motivation": (motivation or "").strip(),
        "preferred_forms": _check_forms(preferred_forms),
        "consent_signed_on": _check_consent_date(consent_signed_on),
        "needs_rediagnosis": needs_rediagnosis,
    }


@transaction.atomic
def mentor_entry_create(
    *,
    organization: Organization,
    year: AcademicYear,
    person: Person,
    user: User | None,
    max_mentees: int = 2,
    mentoring_experience: str = "",
    confirmed_results: str = "",
    motivation: str = "",
    preferred_forms: Iterable[str] = (),
    consent_signed_on: date | None = None,
    consent_document=None,
    needs_rediagnosis: bool = False,
    strengths: Iterable[AreaMark] = (),
    source: str = MentorEntry.Source.CURATOR,
    questionnaire: dict | None = None,
) -> MentorEntry:
    """Put a person into the mentor bank as a candidate; the director approves them later."""
    _require_person_may_enter(person=person, organization=organization)
    if source not in MentorEntry.Source.values:
        raise DomainError("Неизвестный источник сведений.", field="source")
    values = _mentor_values(
        max_mentees=max_mentees,
        mentoring_experience=mentoring_experience,
        confirmed_results=confirmed_results,
        motivation=motivation,
        preferred_forms=preferred_forms,
        consent_signed_on=consent_signed_on,
        needs_rediagnosis=needs_rediagnosis,
    )
    marks = _clean_marks(strengths, what="уровень владения")
    _require_not_in_bank(MentorEntry, person=person, year=year)
    with pghistory.context(banks_action="mentor_create"):
        entry = _create_once(
            MentorEntry,
            organization=organization,
            year=year,
            person=person,
            status=MentorEntry.Status.CANDIDATE,
            source=source,
            questionnaire=questionnaire or {},
            created_by=user,
            **values,
        )
        if consent_document:
            entry.consent_document = consent_document
            entry.save(update_fields=["consent_document"])
        _replace_marks(entry=entry, marks=marks, model=MentorStrength)
    return entry


@transaction.atomic
def mentor_entry_update(
    *,
    entry: MentorEntry,
    user: User | None,
    max_mentees: int,
    mentoring_experience: str = "",
    confirmed_results: str = "",
    motivation: str = "",
    preferred_forms: Iterable[str] = (),
    consent_signed_on: date | None = None,
    consent_document=None,
    needs_rediagnosis: bool = False,
    strengths: Iterable[AreaMark] = (),
    lock_token: str | None = None,
) -> MentorEntry:
    """Change a mentor entry; ``lock_token`` as in ``mentee_entry_update``."""
    values = _mentor_values(
        max_mentees=max_mentees,
        mentoring_experience=mentoring_experience,
        confirmed_results=confirmed_results,
        motivation=motivation,
        preferred_forms=preferred_forms,
        consent_signed_on=consent_signed_on,
        needs_rediagnosis=needs_rediagnosis,
    )
    marks = _clean_marks(strengths, what="уровень владения")
    entry = MentorEntry.objects.select_for_update().get(pk=entry.pk)
    mine = dict(values, **({"consent_document": consent_document.name} if consent_document else {}))
    locking.check_unchanged(
        token=lock_token, saved=mentor_entry_state(entry), mine=mentor_edit_state(mine, marks)
    )
    if values["consent_signed_on"] is None and entry.status in (
        MentorEntry.Status.APPROVED,
        MentorEntry.Status.ACTIVE,
    ):
        raise DomainError(
            "Наставник утверждён по письменному согласию: дату согласия удалить нельзя.",
            field="consent_signed_on",
        )
    load = mentor_load(entry)
    if values["max_mentees"] < load:
        raise DomainError(
            f"Сейчас у наставника {load} наставляемых в действующих парах: меньше указать нельзя.",
            field="max_mentees",
        )
    with pghistory.context(banks_action="mentor_update"):
        _save_changed(entry, values)
        if consent_document:
            entry.consent_document = consent_document
            entry.save(update_fields=["consent_document", "updated_at"])
        _replace_marks(entry=entry, marks=marks, model=MentorStrength)
    return entry


# --- self-service questionnaires ------------------------------------------------------------


def _own_candidate(model: type[Model], *, person: Person, year: AcademicYear):
    """The teacher's earlier questionnaire of this year that the curator has not reviewed yet (it may
    be sent again); any other entry of this year means the teacher is already in the bank."""
    existing = model.objects.select_for_update().filter(person=person, year=year).first()
    if existing is None:
        return None
    if existing.status == model.Status.CANDIDATE and existing.source == model.Source.SELF:
        return existing
    bank = "наставляемых" if model is MenteeEntry else "наставников"
    raise DomainError(
        f"Вы уже в банке {bank} на {year.label} учебный год (статус «{existing.get_status_display()}»). "
        "Чтобы изменить сведения, обратитесь к куратору наставничества."
    )


@transaction.atomic
def mentee_questionnaire_submit(
    *,
    person: Person,
    year: AcademicYear,
    user: User,
    category: str,
    request: str,
    difficulties: Iterable[AreaMark],
) -> MenteeEntry:
    """«Хочу наставника»: the teacher's own request and self-diagnosis, a candidate for the curator."""
    if person.user_id != user.pk:
        raise DomainError("Анкету заполняет сам педагог.")
    if not (request or "").strip():
        raise DomainError("Опишите своими словами, в чём вам нужна помощь наставника.", field="request")
    difficulties = list(difficulties)
    if not difficulties:
        raise DomainError(
            "Отметьте хотя бы одно направление, в котором испытываете затруднения.", field="areas"
        )
    existing = _own_candidate(MenteeEntry, person=person, year=year)
    if existing is not None:
        return mentee_entry_update(
            entry=existing,
            user=user,
            category=category,
            request=request,
            source=MenteeEntry.Source.SELF,
            difficulties=difficulties,
        )
    return mentee_entry_create(
        organization=person.organization,
        year=year,
        person=person,
        category=category,
        user=user,
        request=request,
        source=MenteeEntry.Source.SELF,
        difficulties=difficulties,
        status=MenteeEntry.Status.CANDIDATE,
    )


@dataclass
class MentorAnswers:
    """The potential-mentor questionnaire (seed 001 annex, stage 3: «анкетирование среди потенциальных
    наставников»). Stored in the entry's fields and, as given, in ``questionnaire``."""

    mentoring_experience: str
    confirmed_results: str
    motivation: str
    max_mentees: int
    preferred_forms: list[str] = field(default_factory=list)
    meeting_format: str = ""
    ready_for_training: bool = True
    pedagogical_experience_years: int | None = None


QUESTIONNAIRE_VERSION = 1


@transaction.atomic
def mentor_questionnaire_submit(
    *, person: Person, year: AcademicYear, user: User, answers: MentorAnswers, strengths: Iterable[AreaMark]
) -> MentorEntry:
    """«Готов стать наставником»: lands in the mentor bank as a candidate for the curator's review
    and the director's approval."""
    if person.user_id != user.pk:
        raise DomainError("Анкету заполняет сам педагог.")
    if not (answers.motivation or "").strip():
        raise DomainError("Напишите, почему вы хотите стать наставником.", field="motivation")
    strengths = _clean_marks(strengths, what="уровень владения")
    if not strengths:
        raise DomainError(
            "Отметьте хотя бы одно направление, в котором можете помочь коллегам.", field="areas"
        )
    questionnaire = {
        "version": QUESTIONNAIRE_VERSION,
        "submitted_at": timezone.now().isoformat(timespec="seconds"),
        "pedagogical_experience_years": answers.pedagogical_experience_years,
        "mentoring_experience": answers.mentoring_experience.strip(),
        "confirmed_results": answers.confirmed_results.strip(),
        "motivation": answers.motivation.strip(),
        "max_mentees": answers.max_mentees,
        "preferred_forms": list(answers.preferred_forms),
        "meeting_format": answers.meeting_format,
        "ready_for_training": answers.ready_for_training,
        "strengths": [{"area": m.area, "level": m.level, "comment": m.comment} for m in strengths],
    }
    common = {
        "max_mentees": answers.max_mentees,
        "mentoring_experience": answers.mentoring_experience,
        "confirmed_results": answers.confirmed_results,
        "motivation": answers.motivation,
        "preferred_forms": answers.preferred_forms,
        "strengths": strengths,
    }
    existing = _own_candidate(MentorEntry, person=person, year=year)
    if existing is not None:
        entry = mentor_entry_update(
            entry=existing, user=user, consent_signed_on=existing.consent_signed_on, **common
        )
        entry.questionnaire = questionnaire
        entry.save(update_fields=["questionnaire", "updated_at"])
        return entry
    return mentor_entry_create(
        organization=person.organization,
        year=year,
        person=person,
        user=user,
        source=MentorEntry.Source.SELF,
        questionnaire=questionnaire,
        **common,
    )


# --- a new academic year ---------------------------------------------------------------------


class CarryDecision:
    KEEP = "keep"
    REDIAGNOSE = "rediagnose"
    LEAVE = "leave"
    CHOICES = [
        (KEEP, "перенести"),
        (REDIAGNOSE, "перенести с повторной диагностикой"),
        (LEAVE, "не переносить"),
    ]
    VALUES = frozenset(v for v, _ in CHOICES)


_MENTEE_NOT_CARRIED = {MenteeEntry.Status.FINISHED, MenteeEntry.Status.LEFT, MenteeEntry.Status.REJECTED}
_MENTOR_NOT_CARRIED = {MentorEntry.Status.RELEASED, MentorEntry.Status.REJECTED}


def carry_over_default(entry: MenteeEntry | MentorEntry, *, eligible: bool = True) -> str:
    """What the carry-over page proposes: who finished, left or was refused stays behind; a mentee in
    a pair goes on with a fresh diagnosis; a person without consent or no longer working stays behind."""
    if not eligible:
        return CarryDecision.LEAVE
    if isinstance(entry, MenteeEntry):
        if entry.status in _MENTEE_NOT_CARRIED:
            return CarryDecision.LEAVE
        if entry.status == MenteeEntry.Status.IN_PAIR:
            return CarryDecision.REDIAGNOSE
        return CarryDecision.KEEP
    if entry.status in _MENTOR_NOT_CARRIED:
        return CarryDecision.LEAVE
    return CarryDecision.KEEP


@dataclass
class CarryOverResult:
    mentees_created: int = 0
    mentors_created: int = 0
    already_there: int = 0
    left_behind: int = 0

    @property
    def created(self) -> int:
        return self.mentees_created + self.mentors_created


# A carried entry keeps its status: pairs and programs run across the summer (a program lasts up to
# a year), and the pairs app moves the status on when a pair ends.
_MENTEE_COPY = ("category", "request", "source", "status", "needs_rediagnosis")
_MENTOR_COPY = (
    "status",
    "source",
    "mentoring_experience",
    "confirmed_results",
    "motivation",
    "preferred_forms",
    "questionnaire",
    "max_mentees",
    "consent_signed_on",
    "consent_document",
    "approved_by",
    "approved_at",
    "visible_in_region",
    "needs_rediagnosis",
)


def _restart_status(entry: MenteeEntry | MentorEntry) -> dict:
    """A person the curator keeps although their way ended this year starts again: a finished or
    left mentee waits for a mentor, a refused one is a candidate again; a released or refused mentor
    is a candidate again and needs a new approval."""
    if isinstance(entry, MenteeEntry):
        if entry.status in (MenteeEntry.Status.FINISHED, MenteeEntry.Status.LEFT):
            return {"status": MenteeEntry.Status.WAITING}
        if entry.status == MenteeEntry.Status.REJECTED:
            return {"status": MenteeEntry.Status.CANDIDATE}
        return {}
    if entry.status in _MENTOR_NOT_CARRIED:
        return {"status": MentorEntry.Status.CANDIDATE, "approved_by": None, "approved_at": None}
    return {}


@transaction.atomic
def banks_carry_over(
    *,
    organization: Organization,
    from_year: AcademicYear,
    to_year: AcademicYear,
    decisions: Mapping[tuple[str, int], str],
    user: User | None,
) -> CarryOverResult:
    """Carry both banks of ``from_year`` into ``to_year`` in one step, as the curator decided per entry
    (``("mentee" | "mentor", entry pk) → keep | rediagnose | leave``; an entry without a decision gets
    :func:`carry_over_default`). Running it again creates nothing twice: a person already in the next
    year's bank is left as they are."""
    if to_year.start_year <= from_year.start_year:
        raise DomainError("Перенести банки можно только в следующий учебный год.", field="to_year")
    for (bank, _pk), decision in decisions.items():
        if bank not in ("mentee", "mentor") or decision not in CarryDecision.VALUES:
            raise DomainError("Неизвестное решение о переносе.")
    result = CarryOverResult()
    problems: list[str] = []
    plan = [
        ("mentee", MenteeEntry, MenteeDifficulty, "difficulties", _MENTEE_COPY),
        ("mentor", MentorEntry, MentorStrength, "strengths", _MENTOR_COPY),
    ]
    with pghistory.context(
        banks_action="carry_over", from_year=from_year.start_year, to_year=to_year.start_year
    ):
        for bank, model, mark_model, marks_name, copy_fields in plan:
            entries = list(
                model.objects.select_for_update(of=("self",))
                .filter(organization=organization, year=from_year)
                .select_related("person")
                .prefetch_related(marks_name)
                .order_by("pk")
            )
            known = {e.pk for e in entries}
            stray = [pk for (b, pk) in decisions if b == bank and pk not in known]
            if stray:
                raise DomainError("Решение о переносе относится к записи другого года или организации.")
            present = set(
                model.objects.filter(year=to_year, person_id__in=[e.person_id for e in entries]).values_list(
                    "person_id", flat=True
                )
            )
            for entry in entries:
                decision = decisions.get((bank, entry.pk)) or carry_over_default(entry)
                if decision == CarryDecision.LEAVE:
                    result.left_behind += 1
                    continue
                if entry.person_id in present:
                    result.already_there += 1
                    continue
                try:
                    _require_person_may_enter(person=entry.person, organization=organization)
                except DomainError as exc:
                    problems.append(exc.message)
                    continue
                values = {name: getattr(entry, name) for name in copy_fields}
                values.update(_restart_status(entry))
                if decision == CarryDecision.REDIAGNOSE:
                    values["needs_rediagnosis"] = True
                new = model.objects.create(
                    organization=organization,
                    year=to_year,
                    person=entry.person,
                    carried_from=entry,
                    created_by=user,
                    **values,
                )
                mark_model.objects.bulk_create(
                    [
                        mark_model(entry=new, area=m.area, level=m.level, comment=m.comment)
                        for m in getattr(entry, marks_name).all()
                    ]
                )
                present.add(entry.person_id)
                if bank == "mentee":
                    result.mentees_created += 1
                else:
                    result.mentors_created += 1
    if problems:
        raise DomainError("Перенос не выполнен, ничего не сохранено: " + " ".join(dict.fromkeys(problems)))
    return result
