"""Writes of the cooperation agreements and of the people working at a partner organisation."""

import re
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from apps.core.exceptions import DomainError

from .models import CooperationAgreement, PartnerKind, PartnerPerson

FIELDS = ("partner_name", "partner_kind", "partner_inn", "number", "signed_on", "ends_on", "subject")
LIMITS = {"partner_name": 500, "number": 50, "subject": 2000}


def _clean(data: dict) -> dict:
    values = {name: data.get(name) for name in FIELDS}
    for name in ("partner_name", "number", "subject", "partner_inn"):
        values[name] = (
            " ".join((values[name] or "").split()) if name != "subject" else (values[name] or "").strip()
        )
    if not values["partner_name"]:
        raise DomainError("Укажите организацию-партнёра.", field="partner_name")
    if values["partner_kind"] not in PartnerKind.values:
        raise DomainError("Выберите вид организации-партнёра.", field="partner_kind")
    if values["partner_inn"] and not re.fullmatch(r"\d{10}|\d{12}", values["partner_inn"]):
        raise DomainError(
            "ИНН организации — 10 цифр (12 — у индивидуального предпринимателя).", field="partner_inn"
        )
    if not values["number"]:
        raise DomainError("Укажите номер соглашения.", field="number")
    if not values["subject"]:
        raise DomainError("Укажите предмет соглашения.", field="subject")
    for name, limit in LIMITS.items():
        if len(values[name]) > limit:
            raise DomainError(f"Не больше {limit} символов.", field=name)
    signed_on: date | None = values["signed_on"]
    if signed_on is None:
        raise DomainError("Укажите дату заключения соглашения.", field="signed_on")
    if signed_on > timezone.localdate():
        raise DomainError("Дата заключения не может быть позже сегодняшней.", field="signed_on")
    if values["ends_on"] is not None and values["ends_on"] < signed_on:
        raise DomainError("Срок действия не может закончиться раньше даты заключения.", field="ends_on")
    return values


@transaction.atomic
def agreement_create(
    *, user, data: dict, organization=None, municipality=None, scan=None
) -> CooperationAgreement:
    """A school's agreement (``organization``) or a municipality's (``municipality``), never both."""
    if (organization is None) == (municipality is None):
        raise DomainError("Соглашение заключает либо образовательная организация, либо муниципалитет.")
    allowed = (
        user.has_perm("partners.keep_school_agreements", organization)
        if organization is not None
        else user.has_perm("partners.keep_municipal_agreements", municipality)
    )
    if not allowed:
        raise DomainError(
            "Вносить соглашения может руководитель или куратор организации, координатор — муниципалитета."
        )
    agreement = CooperationAgreement(
        organization=organization, municipality=municipality, created_by=user, **_clean(data)
    )
    if scan:
        agreement.scan = scan
    agreement.save()
    return agreement


@transaction.atomic
def agreement_update(*, agreement: CooperationAgreement, user, data: dict, scan=None) -> CooperationAgreement:
    agreement = CooperationAgreement.objects.select_for_update().get(pk=agreement.pk)
    if not user.has_perm("partners.change_agreement", agreement):
        raise DomainError("Изменять соглашение может только тот, кто его ведёт.")
    values = _clean(data)
    changed = [name for name, value in values.items() if getattr(agreement, name) != value]
    for name in changed:
        setattr(agreement, name, values[name])
    if scan:
        agreement.scan = scan
        changed.append("scan")
    if changed:
        agreement.save(update_fields=[*changed, "updated_at"])
    return agreement


@transaction.atomic
def partner_person_add(
    *, agreement: CooperationAgreement, person, role: str, position_at_partner: str = "", user
) -> PartnerPerson:
    """Mark a person of the school's registry as working at the partner under this agreement."""
    agreement = CooperationAgreement.objects.select_for_update().get(pk=agreement.pk)
    if not user.has_perm("partners.change_agreement", agreement):
        raise DomainError("Изменять соглашение может только тот, кто его ведёт.")
    if agreement.organization_id is None:
        raise DomainError("Работников партнёра отмечает школа по своему соглашению.", field="person")
    if person.organization_id != agreement.organization_id:
        raise DomainError("Педагог не из реестра этой организации.", field="person")
    if person.left_on is not None:
        raise DomainError("Педагог уже не работает в организации.", field="person")
    if role not in PartnerPerson.Role.values:
        raise DomainError("Выберите роль.", field="role")
    position_at_partner = " ".join((position_at_partner or "").split())
    if len(position_at_partner) > 200:
        raise DomainError("Не больше 200 символов.", field="position_at_partner")
    if agreement.status != CooperationAgreement.Status.ACTIVE:
        raise DomainError("Срок соглашения истёк: по нему нельзя отметить нового работника.", field="person")
    try:
        with transaction.atomic():
            return PartnerPerson.objects.create(
                agreement=agreement, person=person, role=role, position_at_partner=position_at_partner
            )
    except IntegrityError:
        raise DomainError("Педагог уже отмечен как работник организации-партнёра.", field="person") from None


@transaction.atomic
def partner_person_remove(*, agreement: CooperationAgreement, person_id: int, user) -> None:
    if not user.has_perm("partners.change_agreement", agreement):
        raise DomainError("Изменять соглашение может только тот, кто его ведёт.")
    deleted, _ = PartnerPerson.objects.filter(agreement=agreement, person_id=person_id).delete()
    if not deleted:
        raise DomainError("Педагог не отмечен по этому соглашению.")
