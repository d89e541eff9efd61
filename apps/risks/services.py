"""Writes of the risk register: an entry entered by the curator or taken from a detected risk, its edits
and its way open → in work → closed (with the result of the measures)."""

from datetime import date, timedelta

import pghistory
from django.db import IntegrityError, transaction

from apps.accounts.models import Membership
from apps.core.exceptions import DomainError
from apps.organizations.models import AcademicYear, Organization
from apps.programs.selectors import today

from .catalogue import RiskKind
from .detection import detect
from .models import RiskEntry

# A detected risk taken into the register gets a month for its measures: the seeds plan the pairs' work
# monthly, so by the next month's figures the curator sees whether the measures worked.
DEFAULT_DUE_DAYS = 30

EDITABLE_FIELDS = ("kind", "description", "measure", "owner", "due_on")


def _check(*, organization: Organization, kind: str, owner, due_on: date | None, on: date) -> None:
    if kind not in RiskKind.values:
        raise DomainError("Выберите риск из списка.", field="kind")
    if (
        owner is not None
        and not Membership.objects.filter(organization=organization, user=owner, is_active=True).exists()
    ):
        raise DomainError("Ответственным может быть только работник организации.", field="owner")
    if due_on is None:
        raise DomainError("Укажите срок.", field="due_on")
    if due_on < on:
        raise DomainError("Срок не может быть раньше сегодняшнего дня.", field="due_on")


@transaction.atomic
def entry_create(
    *,
    organization: Organization,
    year: AcademicYear,
    kind: str,
    description: str,
    measure: str,
    owner,
    due_on: date,
    user,
    on: date | None = None,
) -> RiskEntry:
    """A risk the curator enters into the register herself."""
    on = on or today()
    _check(organization=organization, kind=kind, owner=owner, due_on=due_on, on=on)
    if not description.strip():
        raise DomainError("Опишите, в чём проявляется риск.", field="description")
    if not measure.strip():
        raise DomainError("Укажите меры минимизации риска.", field="measure")
    with pghistory.context(risks_action="entry_create"):
        return RiskEntry.objects.create(
            organization=organization,
            year=year,
            kind=kind,
            source=RiskEntry.Source.CURATOR,
            description=description.strip(),
            measure=measure.strip(),
            owner=owner,
            due_on=due_on,
            created_by=user,
        )


@transaction.atomic
def entry_register_detected(
    *, organization: Organization, year: AcademicYear, kind: str, user, on: date | None = None
) -> RiskEntry:
    """The one click of «Внести в реестр»: the detected risk with its figures, the seeds' measures, the
    curator as the owner and a month's time — all editable afterwards."""
    on = on or today()
    if kind not in RiskKind.values:
        raise DomainError("Такого риска нет.")
    if RiskEntry.objects.filter(
        organization=organization, year=year, kind=kind, status__in=RiskEntry.NOT_CLOSED
    ).exists():
        raise DomainError("Этот риск уже есть в реестре, и он не снят.")
    finding = detect(kind, organization=organization, year=year, on=on)
    if not finding.found:
        raise DomainError("По данным портала этот риск сейчас не выявляется.")
    try:
        with transaction.atomic(), pghistory.context(risks_action="entry_register_detected"):
            return RiskEntry.objects.create(
                organization=organization,
                year=year,
                kind=kind,
                source=RiskEntry.Source.DETECTED,
                description=finding.summary,
                measure=finding.measures_text,
                owner=user,
                due_on=on + timedelta(days=DEFAULT_DUE_DAYS),
                created_by=user,
            )
    except IntegrityError as error:  # the same click from another tab at the same moment
        raise DomainError("Этот риск уже есть в реестре, и он не снят.") from error


@transaction.atomic
def entry_update(*, entry: RiskEntry, data: dict, user, on: date | None = None) -> RiskEntry:
    """Edit what the entry says: the risk, its description, the measures, the owner and the due date."""
    on = on or today()
    entry = RiskEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.is_closed:
        raise DomainError("Снятый риск не изменяется.")
    values = {name: data.get(name, getattr(entry, name)) for name in EDITABLE_FIELDS}
    due_on = values["due_on"]
    # An entry already overdue keeps its date; only a new date must not lie in the past.
    _check(
        organization=entry.organization,
        kind=values["kind"],
        owner=values["owner"],
        due_on=due_on,
        on=on if due_on != entry.due_on else entry.due_on,
    )
    for name in ("description", "measure"):
        values[name] = (values[name] or "").strip()
        if not values[name]:
            label = RiskEntry._meta.get_field(name).verbose_name
            raise DomainError(f"Поле «{label}» не может быть пустым.", field=name)
    if values["kind"] != entry.kind and entry.source == RiskEntry.Source.DETECTED:
        raise DomainError("У риска, выявленного по данным портала, вид не меняется.", field="kind")
    changed = [name for name in EDITABLE_FIELDS if getattr(entry, name) != values[name]]
    if changed:
        for name in changed:
            setattr(entry, name, values[name])
        with pghistory.context(risks_action="entry_update"):
            entry.save(update_fields=[*changed, "updated_at"])
    return entry


@transaction.atomic
def entry_start(*, entry: RiskEntry, user) -> RiskEntry:
    """The owner has started the measures: open → in work."""
    entry = RiskEntry.objects.select_for_update().get(pk=entry.pk)
    entry.require_move(RiskEntry.Status.IN_WORK, "Взять в работу можно только выявленный риск.")
    entry.status = RiskEntry.Status.IN_WORK
    with pghistory.context(risks_action="entry_start"):
        entry.save(update_fields=["status", "updated_at"])
    return entry


@transaction.atomic
def entry_close(*, entry: RiskEntry, result: str, user, on: date | None = None) -> RiskEntry:
    """The measures are taken: in work → closed, with what they gave."""
    on = on or today()
    entry = RiskEntry.objects.select_for_update().get(pk=entry.pk)
    entry.require_move(RiskEntry.Status.CLOSED, "Снять можно только риск, по которому принимаются меры.")
    result = (result or "").strip()
    if not result:
        raise DomainError("Опишите результат принятых мер: без него риск не снимается.", field="result")
    entry.status, entry.result, entry.closed_on = RiskEntry.Status.CLOSED, result, on
    with pghistory.context(risks_action="entry_close"):
        entry.save(update_fields=["status", "result", "closed_on", "updated_at"])
    return entry
