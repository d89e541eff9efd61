"""Writes on orders: one service per workflow transition, numbering, acquaintance."""

import re
from collections.abc import Iterable
from datetime import date, datetime, time
from pathlib import Path
from uuid import uuid4

from django.contrib.auth.hashers import check_password
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from apps.core import locking, russian
from apps.core.after_response import after_response
from apps.core.exceptions import DomainError
from apps.core.names import initials_surname
from apps.organizations.models import Organization
from apps.staff.models import DisclosureConsent, Person
from apps.staff.selectors import valid_consent_exists

from . import effects
from .documents import content_digest
from .models import (
    DEFAULT_CONTROL_TEXT,
    AcquaintanceSheet,
    Order,
    OrderAnnex,
    OrderCounter,
    OrderItem,
    OrderParticipant,
)
from .selectors import draft_edit_state, order_edit_state

_TITLE_RE = re.compile(r"^Об?\s")


def _clean_title(title: str) -> str:
    title = " ".join((title or "").split()).rstrip(".").strip()
    if not title:
        raise DomainError("Укажите заголовок приказа.", field="title")
    if not _TITLE_RE.match(title):
        raise DomainError(
            "Заголовок приказа начинается с «О» или «Об»: «О назначении куратора».", field="title"
        )
    return title


def _clean_items(items: Iterable[str]) -> list[str]:
    cleaned = [" ".join(str(t).split()) for t in items or []]
    return [t for t in cleaned if t]


def _person_forms(person: Person) -> dict:
    from apps.core.names import decline_full_name

    return {
        "full_name": person.full_name,
        "initials_name": person.initials_name,
        "name_dative": person.name_dative
        or decline_full_name(person.last_name, person.first_name, person.patronymic, "dative", person.sex),
        "name_genitive": person.name_genitive
        or decline_full_name(person.last_name, person.first_name, person.patronymic, "genitive", person.sex),
    }


def _may_be_named(person: Person, order: Order) -> bool:
    """A participant works in the order's organisation, is an external participant, or is a distance
    mentor of another organisation of the region (issue 9 §3) with the separate consent to transfer
    their data to other organisations (a withdrawn consent: not named in new orders)."""
    if person.organization_id == order.organization_id or person.is_external:
        return True
    same_region = Person.objects.filter(
        pk=person.pk, organization__municipality__region__municipalities__organizations=order.organization_id
    ).exists()
    return (
        same_region
        and DisclosureConsent.objects.filter(
            person=person, kind=DisclosureConsent.Kind.TRANSFER, withdrawn_on__isnull=True
        ).exists()
    )


def _set_participants(order: Order, participants: list[tuple[Person, str]]) -> None:
    order.participants.all().delete()
    seen: dict[int, OrderParticipant] = {}
    for person, role in participants or []:
        if not _may_be_named(person, order):
            raise DomainError(
                f"{person.short_name} не работает в {order.organization.short_name}.", field="participants"
            )
        if person.pk in seen:
            existing = seen[person.pk]
            if role and role not in existing.role.split(", "):
                existing.role = f"{existing.role}, {role}" if existing.role else role
            continue
        seen[person.pk] = OrderParticipant(
            order=order, person=person, role=role or "", position=len(seen) + 1, **_person_forms(person)
        )
    OrderParticipant.objects.bulk_create(seen.values())


def _set_items(order: Order, items: list[str]) -> None:
    order.items.all().delete()
    OrderItem.objects.bulk_create(
        OrderItem(order=order, position=i, text=text) for i, text in enumerate(_clean_items(items), start=1)
    )


def _set_annexes(order: Order, annexes: list[dict] | None) -> None:
    order.annexes.all().delete()
    objs = []
    for i, annex in enumerate(annexes or [], start=1):
        columns = [str(c) for c in annex.get("columns", [])]
        rows = [[("" if v is None else str(v)) for v in row] for row in annex.get("rows", [])]
        if any(len(r) != len(columns) for r in rows):
            raise DomainError(f"В приложении № {i} число ячеек в строке не совпадает с числом столбцов.")
        objs.append(
            OrderAnnex(order=order, number=i, title=annex.get("title", ""), columns=columns, rows=rows)
        )
    OrderAnnex.objects.bulk_create(objs)


def _check_referenced(organization: Organization, ref: Order | None, field: str) -> None:
    if ref is None:
        return
    if ref.organization_id != organization.pk:
        raise DomainError("Изменять или отменять можно только приказ своей организации.", field=field)
    if not ref.is_signed:
        raise DomainError("Изменять или отменять можно только подписанный приказ.", field=field)


@transaction.atomic
def order_create(
    *,
    organization: Organization,
    kind: str,
    title: str,
    preamble: str,
    items: list[str],
    participants: list[tuple[Person, str]],
    created_by,
    annexes: list[dict] | None = None,
    amends: Order | None = None,
    cancels: Order | None = None,
    control_text: str = DEFAULT_CONTROL_TEXT,
    preparer_name: str | None = None,
    preparer_phone: str | None = None,
) -> Order:
    """Create a draft order. Names of the participants are copied in the dative and genitive case,
    so the curator can correct them before signing."""
    if kind not in Order.Kind.values:
        raise DomainError("Неизвестный вид приказа.", field="kind")
    _check_referenced(organization, amends, "amends")
    _check_referenced(organization, cancels, "cancels")
    order = Order.objects.create(
        organization=organization,
        kind=kind,
        title=_clean_title(title),
        preamble=(preamble or "").strip(),
        place=organization.locality,
        created_by=created_by,
        amends=amends,
        cancels=cancels,
        control_text=(control_text or "").strip(),
        preparer_name=preparer_name if preparer_name is not None else created_by.get_full_name(),
        preparer_phone=preparer_phone if preparer_phone is not None else organization.phone,
    )
    _set_items(order, items)
    _set_participants(order, participants)
    _set_annexes(order, annexes)
    return order


_UNSET = object()


def _lock_draft(order: Order) -> Order:
    order = Order.objects.select_for_update().select_related("organization").get(pk=order.pk)
    if order.status != Order.Status.DRAFT:
        raise DomainError(
            "Изменять можно только проект приказа: этот приказ уже направлен на подпись или подписан."
        )
    return order


def _check_draft_unchanged(order: Order, token: str | None, values: dict, *, items, participants) -> None:
    if token is None:
        return
    given = list(participants or []) if participants is not _UNSET else None
    preparer = None
    if "preparer_name" in values or "preparer_phone" in values:
        preparer = (
            values.get("preparer_name", order.preparer_name),
            values.get("preparer_phone", order.preparer_phone),
        )
    mine = draft_edit_state(
        title=values.get("title"),
        preamble=values.get("preamble"),
        items=_clean_items(items) if items is not _UNSET else None,
        participants=[person.full_name for person, _role in given] if given is not None else None,
        participant_role=(given[0][1] or "") if given else ("" if given is not None else None),
        amends=(values["amends"] or "") if "amends" in values else None,
        cancels=(values["cancels"] or "") if "cancels" in values else None,
        control_text=values.get("control_text"),
        preparer=preparer,
    )
    locking.check_unchanged(token=token, saved=order_edit_state(order), mine=mine)


@transaction.atomic
def order_update_draft(
    *,
    order: Order,
    user,
    title=_UNSET,
    preamble=_UNSET,
    items=_UNSET,
    participants=_UNSET,
    annexes=_UNSET,
    amends=_UNSET,
    cancels=_UNSET,
    control_text=_UNSET,
    preparer_name=_UNSET,
    preparer_phone=_UNSET,
    lock_token: str | None = None,
) -> Order:
    """Change a draft. Only the arguments given are changed. ``lock_token``: the state the edit form
    was opened on; when another save changed what this one writes, EditConflict, nothing written."""
    order = _lock_draft(order)
    values = {}
    if title is not _UNSET:
        values["title"] = _clean_title(title)
    for name, value in (
        ("preamble", preamble),
        ("control_text", control_text),
        ("preparer_name", preparer_name),
        ("preparer_phone", preparer_phone),
    ):
        if value is not _UNSET:
            values[name] = (value or "").strip()
    for name, value in (("amends", amends), ("cancels", cancels)):
        if value is not _UNSET:
            _check_referenced(order.organization, value, name)
            values[name] = value
    _check_draft_unchanged(order, lock_token, values, items=items, participants=participants)
    changed = list(values)
    for name, value in values.items():
        setattr(order, name, value)
    if changed:
        order.save(update_fields=[*changed, "updated_at"])
    if items is not _UNSET:
        _set_items(order, items)
    if participants is not _UNSET:
        _set_participants(order, participants)
    if annexes is not _UNSET:
        _set_annexes(order, annexes)
    return order


@transaction.atomic
def order_participant_rename(
    *, participant: OrderParticipant, user, name_dative: str, name_genitive: str
) -> OrderParticipant:
    """Correct the declined forms of a name before signing; the old forms are replaced in the
    items and annex tables too, so the document stays consistent."""
    order = _lock_draft(participant.order)
    name_dative, name_genitive = " ".join(name_dative.split()), " ".join(name_genitive.split())
    if not name_dative or not name_genitive:
        raise DomainError("Укажите ФИО в дательном и родительном падежах.", field="name_dative")
    replacements = [
        (participant.name_dative, name_dative),
        (participant.name_genitive, name_genitive),
    ]
    replacements = [(old, new) for old, new in replacements if old and old != new]
    for item in order.items.all():
        text = item.text
        for old, new in replacements:
            text = text.replace(old, new)
        if text != item.text:
            item.text = text
            item.save(update_fields=["text"])
    for annex in order.annexes.all():
        rows = [[_replace_all(cell, replacements) for cell in row] for row in annex.rows]
        if rows != annex.rows:
            annex.rows = rows
            annex.save(update_fields=["rows"])
    participant.name_dative, participant.name_genitive = name_dative, name_genitive
    participant.save(update_fields=["name_dative", "name_genitive"])
    return participant


def _replace_all(text: str, replacements) -> str:
    for old, new in replacements:
        text = text.replace(old, new)
    return text


def order_blockers(order: Order) -> list[str]:
    """What is missing before the order may be sent for signature or signed, as Russian sentences."""
    problems: list[str] = []
    organization = order.organization
    if not organization.full_name:
        problems.append("В карточке организации не указано полное наименование по уставу.")
    if not (order.place or organization.locality):
        problems.append("В карточке организации не указано место издания приказов (например, «г. Сургут»).")
    items = list(order.items.all())
    if not items:
        problems.append("В приказе нет ни одного распорядительного пункта.")
    if not order.control_text:
        problems.append("Не указано, кто контролирует исполнение приказа (последний пункт).")
    if order.kind == Order.Kind.AMEND and not (order.amends_id or order.cancels_id):
        problems.append("Не указан приказ, который изменяется или отменяется.")
    without_consent = (
        Person.objects.filter(order_participations__order=order)
        .exclude(valid_consent_exists())
        .order_by("last_name", "first_name")
    )
    for person in without_consent:
        problems.append(
            f"У {russian.short_name_in(person, 'genitive')} нет действующего согласия на обработку "
            "персональных данных."
        )
    for blocker in effects.blockers_for(order.kind):
        problems.extend(blocker(order))
    return problems


def _transition(order: Order, target: str, message: str) -> Order:
    order = Order.objects.select_for_update().select_related("organization").get(pk=order.pk)
    order.require_move(target, message)
    return order


def _refuse_if_blocked(order: Order, action: str) -> None:
    problems = order_blockers(order)
    if problems:
        raise DomainError(f"{action} нельзя: " + " ".join(problems))


@transaction.atomic
def order_send_for_signature(*, order: Order, user) -> Order:
    """Проект → на подписи."""
    order = _transition(
        order, Order.Status.AWAITING_SIGNATURE, "Направить на подпись можно только проект приказа."
    )
    _refuse_if_blocked(order, "Направить приказ на подпись")
    order.status = Order.Status.AWAITING_SIGNATURE
    order.save(update_fields=["status", "updated_at"])
    return order


@transaction.atomic
def order_return(*, order: Order, director, comment: str) -> Order:
    """На подписи → проект, with the director's remarks («вернуть на доработку»)."""
    comment = (comment or "").strip()
    if not comment:
        raise DomainError("Напишите, что нужно исправить в проекте приказа.", field="comment")
    order = _transition(
        order, Order.Status.DRAFT, "Вернуть на доработку можно только приказ, направленный на подпись."
    )
    order.status = Order.Status.DRAFT
    order.returned_comment = comment
    order.save(update_fields=["status", "returned_comment", "updated_at"])
    return order


def next_order_number(*, organization: Organization, year: int) -> int:
    """The next number in the organisation's year. Must run inside the signing transaction: the
    counter row stays locked until it commits, so concurrent signings wait and get consecutive numbers."""
    OrderCounter.objects.bulk_create(
        [OrderCounter(organization=organization, year=year, last_number=0)], ignore_conflicts=True
    )
    counter = OrderCounter.objects.select_for_update().get(organization=organization, year=year)
    counter.last_number = F("last_number") + 1
    counter.save(update_fields=["last_number"])
    counter.refresh_from_db(fields=["last_number"])
    return counter.last_number


def director_signature(user) -> str:
    return initials_surname(user.last_name, user.first_name, user.patronymic) or user.get_username()


@transaction.atomic
def order_sign(*, order: Order, director, password: str | None = None) -> Order:
    """Sign an order: it gets its date and number and never changes again. Effects registered for
    its kind run in the same transaction; the hash of its text is fixed with the signature, its PDF is
    stored after commit, once the answer has left (``apps.core.after_response``)."""
    if password is not None and not check_password(password, director.password):
        raise DomainError("Неверный пароль: подпись не поставлена.", field="password")
    order = _transition(order, Order.Status.SIGNED, "Подписать можно только приказ, направленный на подпись.")
    _refuse_if_blocked(order, "Подписать приказ")
    now = timezone.now()
    today = timezone.localdate(now)
    order.number = next_order_number(organization=order.organization, year=today.year)
    order.year = today.year
    order.date = today
    order.place = order.place or order.organization.locality
    order.status = Order.Status.SIGNED
    order.signed_by = director
    order.signed_at = now
    order.signer_position = order.organization.director_position or "Директор"
    order.signer_name = director_signature(director)
    order.returned_comment = ""
    # The text signed: hashed in the signing UPDATE (the immutability trigger keeps it), its PDF made
    # after the answer (a PDF takes 0.2–0.5 s; the director does not wait for it, issue 18).
    order.content_sha256 = content_digest(order)
    order.save(
        update_fields=[
            "number",
            "year",
            "date",
            "place",
            "status",
            "signed_by",
            "signed_at",
            "signer_position",
            "signer_name",
            "returned_comment",
            "content_sha256",
            "updated_at",
        ]
    )
    for on_sign in effects.on_sign_for(order.kind):
        on_sign(order)
    order_id = order.pk
    transaction.on_commit(lambda: after_response(lambda: _store_pdf_quietly(order_id)))
    return order


def _store_pdf_quietly(order_id: int) -> None:
    """A failed PDF must not undo the signature: it is logged and made again on the next download."""
    import logging

    from .documents import store_signed_pdf

    try:
        store_signed_pdf(order_id=order_id)
    except Exception:
        logging.getLogger(__name__).exception("Could not store the PDF of order %s", order_id)


@transaction.atomic
def order_acknowledge(*, order: Order, person: Person, user) -> OrderParticipant:
    """The person confirms acquaintance with a signed order that names them."""
    if not order.is_signed:
        raise DomainError("Ознакомиться можно только с подписанным приказом.")
    if person.user_id != user.pk:
        raise DomainError("Подтвердить ознакомление может только сам работник.")
    try:
        participant = OrderParticipant.objects.select_for_update().get(order=order, person=person)
    except OrderParticipant.DoesNotExist:
        raise DomainError("Этот работник не назван в приказе.") from None
    if participant.acknowledged_at:
        raise DomainError(
            f"Ознакомление уже подтверждено {timezone.localtime(participant.acknowledged_at):%d.%m.%Y}."
        )
    participant.acknowledged_at = timezone.now()
    participant.acknowledged_by = user
    participant.save(update_fields=["acknowledged_at", "acknowledged_by"])
    return participant


@transaction.atomic
def order_acquaintance_record_paper(*, order: Order, dates: dict[int, date], scan, user) -> AcquaintanceSheet:
    """The curator records the acquaintance signed on a paper sheet: the date of each signature (by
    participant id) and the sheet's scan. All or nothing; a person already acquainted is refused."""
    order = Order.objects.select_for_update().get(pk=order.pk)
    if not order.is_signed:
        raise DomainError("Ознакомление отмечается только с подписанным приказом.")
    if not dates:
        raise DomainError("Укажите дату ознакомления хотя бы одного работника.")
    if not scan:
        raise DomainError("Загрузите скан листа ознакомления.", field="scan")
    today = timezone.localdate()
    participants = {
        p.pk: p
        for p in OrderParticipant.objects.select_for_update().select_related("person").filter(order=order)
    }
    problems = []
    for pk, day in sorted(dates.items()):
        participant = participants.get(pk)
        if participant is None:
            raise DomainError("Этот работник не назван в приказе.")
        name = participant.person.short_name
        if participant.acknowledged_at:
            problems.append(f"{name}: ознакомление уже отмечено")
        elif day > today:
            problems.append(f"{name}: дата ознакомления в будущем")
        elif order.date and day < order.date:
            problems.append(f"{name}: дата ознакомления раньше даты приказа ({order.date:%d.%m.%Y})")
    if problems:
        raise DomainError("Ознакомление не отмечено: " + "; ".join(problems) + ".")
    sheet = AcquaintanceSheet(order=order, recorded_by=user)
    sheet.scan.save(f"{uuid4().hex}{Path(scan.name or '').suffix.lower()}", scan, save=False)
    sheet.save()
    for pk, day in dates.items():
        participant = participants[pk]
        participant.acknowledged_at = timezone.make_aware(datetime.combine(day, time(12)))
        participant.acknowledged_by = user
        participant.acknowledged_sheet = sheet
        participant.save(update_fields=["acknowledged_at", "acknowledged_by", "acknowledged_sheet"])
    return sheet


@transaction.atomic
def order_delete_draft(*, order: Order, user) -> None:
    order = _lock_draft(order)
    order.delete()
