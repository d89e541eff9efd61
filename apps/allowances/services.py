"""Writes of the allowance basis: prepare and refresh (curator), approve (director, with the password as
for an order), close (accountant or director), correct a closed month (curator)."""

from dataclasses import asdict

from django.contrib.auth.hashers import check_password
from django.db import IntegrityError, transaction
from django.utils import timezone

from apps.core.exceptions import DomainError
from apps.core.names import initials_surname
from apps.organizations.models import Organization

from .calculation import compute_lines
from .models import AllowanceBasis, AllowanceLine
from .periods import month_bounds, month_label


def signature_of(user) -> str:
    """«Н. В. Кузнецова» under a signature."""
    return initials_surname(user.last_name, user.first_name, user.patronymic) or user.get_username()


def _check_month(year: int, month: int) -> None:
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise DomainError("Выберите месяц из списка.", field="month")
    if month_bounds(year, month)[0] > timezone.localdate():
        raise DomainError("Основание готовится за наступивший или прошедший месяц.", field="month")


def _write_lines(basis: AllowanceBasis) -> int:
    basis.lines.all().delete()
    lines = compute_lines(organization=basis.organization, year=basis.year, month=basis.month)
    AllowanceLine.objects.bulk_create(
        AllowanceLine(basis=basis, position=position, **asdict(line))
        for position, line in enumerate(lines, start=1)
    )
    return len(lines)


@transaction.atomic
def basis_prepare(*, organization: Organization, year: int, month: int, user) -> AllowanceBasis:
    """The curator prepares the month's basis: its lines computed from the pairs now."""
    _check_month(year, month)
    if AllowanceBasis.objects.filter(
        organization=organization, year=year, month=month, corrects__isnull=True
    ).exists():
        raise DomainError(
            f"Основание за {month_label(year, month)} уже подготовлено: откройте его в списке.", field="month"
        )
    try:
        with transaction.atomic():
            basis = AllowanceBasis.objects.create(
                organization=organization,
                year=year,
                month=month,
                prepared_by=user,
                prepared_at=timezone.now(),
                preparer_name=signature_of(user),
            )
    except IntegrityError as error:  # the same month prepared at the same moment by another curator
        raise DomainError(
            f"Основание за {month_label(year, month)} уже подготовлено.", field="month"
        ) from error
    _write_lines(basis)
    return basis


@transaction.atomic
def basis_refresh(*, basis: AllowanceBasis, user) -> AllowanceBasis:
    """Recompute the lines of a draft (a pair started or ended, an order signed since)."""
    basis = AllowanceBasis.objects.select_for_update().get(pk=basis.pk)
    if not basis.is_draft:
        raise DomainError("Пересчитать можно только проект основания: утверждённое основание не меняется.")
    _write_lines(basis)
    basis.prepared_by, basis.prepared_at, basis.preparer_name = user, timezone.now(), signature_of(user)
    basis.save(update_fields=["prepared_by", "prepared_at", "preparer_name", "updated_at"])
    return basis


@transaction.atomic
def basis_approve(*, basis: AllowanceBasis, director, password: str | None = None) -> AllowanceBasis:
    """The director approves the draft: its lines are frozen from now on."""
    if password is not None and not check_password(password, director.password):
        raise DomainError("Неверный пароль: основание не утверждено.", field="password")
    basis = AllowanceBasis.objects.select_for_update().select_related("organization").get(pk=basis.pk)
    basis.require_move(AllowanceBasis.Status.APPROVED, "Утвердить можно только проект основания.")
    if basis.corrects_id is None and not basis.lines.exists():
        raise DomainError("В основании нет ни одной строки: утверждать нечего.")
    basis.status = AllowanceBasis.Status.APPROVED
    basis.approved_by, basis.approved_at = director, timezone.now()
    basis.approver_position = basis.organization.director_position or "Директор"
    basis.approver_name = signature_of(director)
    basis.save(
        update_fields=[
            "status",
            "approved_by",
            "approved_at",
            "approver_position",
            "approver_name",
            "updated_at",
        ]
    )
    return basis


@transaction.atomic
def basis_close(*, basis: AllowanceBasis, user) -> AllowanceBasis:
    """The month is paid from this basis: it never changes again (a correction is a new document)."""
    basis = AllowanceBasis.objects.select_for_update().get(pk=basis.pk)
    basis.require_move(AllowanceBasis.Status.CLOSED, "Закрыть можно только утверждённое основание.")
    basis.status, basis.closed_by, basis.closed_at = AllowanceBasis.Status.CLOSED, user, timezone.now()
    basis.save(update_fields=["status", "closed_by", "closed_at", "updated_at"])
    return basis


@transaction.atomic
def basis_correct(*, basis: AllowanceBasis, user, reason: str) -> AllowanceBasis:
    """A correction of a closed month: a new draft of the same month naming the corrected document, with
    its lines computed afresh; it is approved and closed like any basis."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise DomainError("Укажите причину исправления.", field="reason")
    basis = AllowanceBasis.objects.select_for_update().get(pk=basis.pk)
    if not basis.is_closed:
        raise DomainError("Исправляется только закрытое основание; проект можно пересчитать.")
    if AllowanceBasis.objects.filter(corrects=basis).exists():
        raise DomainError("Это основание уже исправлено: исправляйте последнее исправление.")
    correction = AllowanceBasis.objects.create(
        organization_id=basis.organization_id,
        year=basis.year,
        month=basis.month,
        corrects=basis,
        reason=reason,
        prepared_by=user,
        prepared_at=timezone.now(),
        preparer_name=signature_of(user),
    )
    _write_lines(correction)
    return correction
