"""Writes on the applications (заявления) into the banks: filed by the teacher from their account or
entered by the curator from a paper one, then accepted (the bank entry is created or linked) or
declined with a reason. Kept beside services.py, whose services it calls for the entries."""

from collections.abc import Iterable
from datetime import date

import pghistory
from django.db import IntegrityError, transaction
from django.utils import timezone

from apps.accounts.models import User
from apps.accounts.rules import is_curator
from apps.core.exceptions import DomainError
from apps.core.uploads import SCAN, check_upload
from apps.organizations.models import AcademicYear
from apps.staff.models import Person

from .models import Area, Level, MenteeEntry, MentorEntry, MentoringForm, Petition
from .services import (
    AreaMark,
    _check_max_mentees,
    _require_comment,
    _require_person_may_enter,
    mentee_entry_accept,
    mentee_entry_create,
    mentor_entry_create,
)

TEXT_MAX = 2000

# The entries a new application may still lead to: a teacher's own questionnaire not yet reviewed, or
# an entry already working in the bank (the application is then its paper). Any other status closes
# the bank to the person for the year.
_MENTEE_LINKABLE = {MenteeEntry.Status.CANDIDATE, MenteeEntry.Status.WAITING, MenteeEntry.Status.IN_PAIR}
_MENTOR_LINKABLE = {MentorEntry.Status.CANDIDATE, *MentorEntry.APPROVED_STATUSES}


def _bank_entry(kind: str, *, person: Person, year: AcademicYear):
    model = MenteeEntry if kind == Petition.Kind.MENTEE else MentorEntry
    return model.objects.select_for_update().filter(person=person, year=year).first()


def _require_bank_open(kind: str, *, person: Person, year: AcademicYear) -> None:
    entry = _bank_entry(kind, person=person, year=year)
    linkable = _MENTEE_LINKABLE if kind == Petition.Kind.MENTEE else _MENTOR_LINKABLE
    if entry is not None and entry.status not in linkable:
        bank = "наставляемых" if kind == Petition.Kind.MENTEE else "наставников"
        raise DomainError(
            f"{person.short_name}: запись в банке {bank} на {year.label} учебный год уже закрыта "
            f"(статус «{entry.get_status_display()}»); новое заявление на этот год не принимается."
        )


def _clean_areas(values: Iterable[str], *, kind: str) -> list[str]:
    areas = list(dict.fromkeys(values or []))
    if any(a not in Area.values for a in areas):
        raise DomainError("Неизвестное направление.", field="areas")
    if not areas:
        what = (
            "в которых нужна помощь" if kind == Petition.Kind.MENTEE else "в которых можете помочь коллегам"
        )
        raise DomainError(f"Отметьте хотя бы одно направление, {what}.", field="areas")
    return areas


@transaction.atomic
def petition_file(
    *,
    user: User,
    person: Person,
    year: AcademicYear,
    kind: str,
    text: str,
    areas: Iterable[str],
    category: str = "",
    mentoring_form: str = "",
    max_mentees: int | None = None,
    filed_on: date | None = None,
    scan=None,
) -> Petition:
    """File an application. The teacher files their own from the account (dated today); the curator of
    the teacher's organisation enters a paper one with its date and, when there is one, its scan."""
    if person.user_id is not None and person.user_id == user.pk:
        channel = Petition.Channel.ACCOUNT
        filed_on = timezone.localdate()
        if scan:
            raise DomainError("Скан прикладывает куратор к бумажному заявлению.", field="scan")
    elif is_curator(user, person.organization):
        channel = Petition.Channel.PAPER
        if filed_on is None:
            raise DomainError("Укажите дату бумажного заявления.", field="filed_on")
    else:
        raise DomainError("Заявление подаёт сам педагог или вносит куратор его организации.")
    if kind not in Petition.Kind.values:
        raise DomainError("Выберите вид заявления.", field="kind")
    if filed_on > timezone.localdate():
        raise DomainError("Дата заявления не может быть в будущем.", field="filed_on")
    text = (text or "").strip()
    if not text:
        raise DomainError("Напишите текст заявления своими словами.", field="text")
    if len(text) > TEXT_MAX:
        raise DomainError(f"Текст заявления длиннее {TEXT_MAX} символов.", field="text")
    areas = _clean_areas(areas, kind=kind)
    values: dict = {}
    if kind == Petition.Kind.MENTEE:
        if category not in MenteeEntry.Category.values:
            raise DomainError("Выберите категорию наставляемого.", field="category")
        if mentoring_form and mentoring_form not in MentoringForm.values:
            raise DomainError("Неизвестная форма наставничества.", field="mentoring_form")
        values = {"category": category, "mentoring_form": mentoring_form or ""}
    else:
        values = {"max_mentees": _check_max_mentees(max_mentees)}
    _require_person_may_enter(person=person, organization=person.organization)
    _require_bank_open(kind, person=person, year=year)
    if Petition.objects.filter(
        person=person, year=year, kind=kind, status=Petition.Status.SUBMITTED
    ).exists():
        raise DomainError(_ALREADY_OPEN)
    if scan:
        check_upload(scan, kinds=SCAN, field="scan")
    try:
        with transaction.atomic(), pghistory.context(banks_action="petition_file"):
            petition = Petition.objects.create(
                kind=kind,
                organization=person.organization,
                year=year,
                person=person,
                text=text,
                areas=areas,
                filed_on=filed_on,
                channel=channel,
                filed_by=user,
                **values,
            )
    except IntegrityError as exc:
        raise DomainError(_ALREADY_OPEN) from exc
    if scan:
        petition.scan = scan
        petition.save(update_fields=["scan"])
    return petition


_ALREADY_OPEN = "Такое заявление на этот учебный год уже подано и ждёт решения куратора."


def _require_decider(petition: Petition, user: User) -> Petition:
    if not is_curator(user, petition.organization):
        raise DomainError("Рассматривает заявления куратор организации.")
    petition = (
        Petition.objects.select_for_update(of=("self",)).select_related("person", "year").get(pk=petition.pk)
    )
    if petition.status != Petition.Status.SUBMITTED:
        raise DomainError(f"Заявление уже рассмотрено: статус «{petition.get_status_display()}».")
    return petition


def _accept_mentee(petition: Petition, user: User) -> MenteeEntry:
    entry = _bank_entry(Petition.Kind.MENTEE, person=petition.person, year=petition.year)
    if entry is None:
        return mentee_entry_create(
            organization=petition.organization,
            year=petition.year,
            person=petition.person,
            category=petition.category,
            user=user,
            request=petition.text,
            source=MenteeEntry.Source.SELF,
            difficulties=[AreaMark(a, Level.MEDIUM) for a in petition.areas],
            status=MenteeEntry.Status.WAITING,
        )
    if entry.status not in _MENTEE_LINKABLE:
        _require_bank_open(Petition.Kind.MENTEE, person=petition.person, year=petition.year)
    if entry.status == MenteeEntry.Status.CANDIDATE:
        # The same request as the teacher's questionnaire: accepting the paper accepts the request.
        return mentee_entry_accept(entry=entry, user=user)
    return entry


def _accept_mentor(petition: Petition, user: User) -> MentorEntry:
    entry = _bank_entry(Petition.Kind.MENTOR, person=petition.person, year=petition.year)
    if entry is None:
        # A candidate: the director still approves the mentor, with the written consent (ТК РФ ст. 351.8).
        return mentor_entry_create(
            organization=petition.organization,
            year=petition.year,
            person=petition.person,
            user=user,
            max_mentees=petition.max_mentees or 2,
            motivation=petition.text,
            strengths=[AreaMark(a, Level.HIGH) for a in petition.areas],
            source=MentorEntry.Source.SELF,
        )
    if entry.status not in _MENTOR_LINKABLE:
        _require_bank_open(Petition.Kind.MENTOR, person=petition.person, year=petition.year)
    return entry


@transaction.atomic
def petition_accept(*, petition: Petition, user: User) -> Petition:
    """The curator accepts an application: the person's bank entry of the year is created from it, or
    the existing one (the teacher's questionnaire, an entry already in the bank) is linked to it."""
    petition = _require_decider(petition, user)
    if petition.kind == Petition.Kind.MENTEE:
        petition.mentee_entry = _accept_mentee(petition, user)
    else:
        petition.mentor_entry = _accept_mentor(petition, user)
    petition.status, petition.decided_by, petition.decided_at = Petition.Status.ACCEPTED, user, timezone.now()
    with pghistory.context(banks_action="petition_accept"):
        petition.save(
            update_fields=["status", "mentee_entry", "mentor_entry", "decided_by", "decided_at", "updated_at"]
        )
    return petition


@transaction.atomic
def petition_decline(*, petition: Petition, user: User, reason: str) -> Petition:
    """The curator declines an application; the teacher sees the reason."""
    petition = _require_decider(petition, user)
    petition.decline_reason = _require_comment(reason)[:TEXT_MAX]
    petition.status, petition.decided_by, petition.decided_at = Petition.Status.DECLINED, user, timezone.now()
    with pghistory.context(banks_action="petition_decline"):
        petition.save(update_fields=["status", "decline_reason", "decided_by", "decided_at", "updated_at"])
    return petition
