"""The participants' consents to additional duties (ТК РФ ст. 351.8): confirmed in the portal or
recorded from a signed scan; their erasure after a withdrawal of consent."""

from datetime import date
from pathlib import Path
from uuid import uuid4

from django.db import transaction
from django.utils import timezone

from apps.core import russian
from apps.core.exceptions import DomainError
from apps.staff.models import Person

from ..models import (
    DutyConsent,
    DutyConsentScan,
    MentoringGroup,
)
from ..selectors import participants


def _require_participant(group: MentoringGroup, person: Person) -> None:
    if person.pk not in {p.pk for p in participants(group)}:
        raise DomainError("Этот человек не участвует в паре (группе).", field="person")


@transaction.atomic
def duty_consent_confirm(*, group: MentoringGroup, user) -> DutyConsent:
    """The signed-in participant confirms their consent to the additional duties in the portal."""
    person = next((p for p in participants(group) if p.user_id == user.pk), None)
    if person is None:
        raise DomainError("Подтвердить согласие может только сам участник пары (группы).")
    return _consent_record(
        group=group, person=person, form=DutyConsent.Form.PORTAL, signed_on=timezone.localdate(), user=user
    )


@transaction.atomic
def duty_consent_upload(*, group: MentoringGroup, person: Person, signed_on: date, scan, user) -> DutyConsent:
    """The curator records a paper consent with its scan."""
    _require_participant(group, person)
    if not scan:
        raise DomainError("Загрузите скан подписанного согласия.", field="scan")
    if signed_on > timezone.localdate():
        raise DomainError("Дата согласия не может быть в будущем.", field="signed_on")
    return _consent_record(
        group=group, person=person, form=DutyConsent.Form.SCAN, signed_on=signed_on, user=user, scan=scan
    )


@transaction.atomic
def mentee_consents_upload(*, group: MentoringGroup, signed_on: date, scan, user) -> list[DutyConsent]:
    """The mentees' signed agreement to the pair (one paper naming the mentor and the term), recorded
    for each mentee with its scan, all or nothing (issue 14: entered with the new pair)."""
    return [
        duty_consent_upload(group=group, person=person, signed_on=signed_on, scan=scan, user=user)
        for person in participants(group)[1:]
    ]


def _consent_record(*, group, person, form, signed_on, user, scan=None) -> DutyConsent:
    if group.status == MentoringGroup.Status.ENDED:
        raise DomainError("Пара завершена.")
    if DutyConsent.objects.filter(group=group, person=person).exists():
        raise DomainError(
            f"Согласие {russian.short_name_in(person, 'genitive')} уже получено.", field="person"
        )
    consent = DutyConsent(group=group, person=person, form=form, signed_on=signed_on, recorded_by=user)
    if scan:
        consent.scan.save(_scan_name(scan), scan, save=False)
    consent.save()
    return consent


def _scan_name(scan) -> str:
    """A random name: the stored file's path carries no one's name."""
    return f"{uuid4().hex}{Path(scan.name or '').suffix.lower()}"


@transaction.atomic
def duty_consent_replace_scan(*, consent: DutyConsent, signed_on: date, scan, user) -> DutyConsent:
    """The curator replaces the scan of a paper consent (a clearer copy, a re-signed paper); the
    previous scan stays in the consent's history."""
    consent = DutyConsent.objects.select_for_update().select_related("group").get(pk=consent.pk)
    if consent.group.status == MentoringGroup.Status.ENDED:
        raise DomainError("Пара завершена.")
    if consent.form != DutyConsent.Form.SCAN:
        raise DomainError("Согласие подтверждено участником в портале: скана у него нет.")
    if not scan:
        raise DomainError("Загрузите скан подписанного согласия.", field="scan")
    if signed_on > timezone.localdate():
        raise DomainError("Дата согласия не может быть в будущем.", field="signed_on")
    DutyConsentScan.objects.create(
        consent=consent,
        scan=consent.scan.name,
        signed_on=consent.signed_on,
        recorded_by_id=consent.recorded_by_id,
        recorded_at=consent.updated_at,
        replaced_by=user,
    )
    consent.scan.save(_scan_name(scan), scan, save=False)
    consent.signed_on, consent.recorded_by = signed_on, user
    consent.save(update_fields=["scan", "signed_on", "recorded_by", "updated_at"])
    return consent


def erase_person_data(*, person: Person) -> tuple[dict[str, int], list[str]]:
    """Destruction after a withdrawal (152-ФЗ art. 21 p. 5): the person's duty consents (ТК РФ art.
    351.8) and their scans. The paper original stays in the personnel file; the signed assignment
    order keeps the fact. Returns the counts and the file names to delete on commit."""
    consents = DutyConsent.objects.filter(person=person)
    files = [name for name in consents.exclude(scan="").values_list("scan", flat=True) if name]
    files += [
        n for n in DutyConsentScan.objects.filter(consent__in=consents).values_list("scan", flat=True) if n
    ]
    count, _ = consents.delete()
    return {"duty_consents": count, "duty_consent_scans": len(files)}, files
