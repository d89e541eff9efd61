"""The monthly basis for the mentor's allowance (ТК РФ ст. 351.8): «Основание для начисления доплаты за
наставничество» of an organisation for a month, and its lines, one per mentor and pair (group).

The curator prepares it (the lines are computed from the pairs, their orders and logs), the director
approves it (the lines are frozen), the accountant closes it once the month is paid. A closed document
never changes: database triggers refuse any change of it and of its lines, and an approved document's
lines; a correction is a new document of the same month naming the one it corrects.
"""

from decimal import Decimal

import pghistory
import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import F, Q

from apps.core.models import TimeStampedModel
from apps.core.workflow import WorkflowMixin
from apps.organizations.models import Organization

from .periods import month_label


class BasisStatus(models.TextChoices):
    DRAFT = "draft", "Проект"
    APPROVED = "approved", "Утверждено"
    CLOSED = "closed", "Закрыто"


BASIS_TRANSITIONS: dict[str, set[str]] = {
    BasisStatus.DRAFT: {BasisStatus.APPROVED},
    BasisStatus.APPROVED: {BasisStatus.CLOSED},
    BasisStatus.CLOSED: set(),
}


def _protect_lines(name: str) -> pgtrigger.Trigger:
    """No INSERT, UPDATE or DELETE of a line once its document is approved or closed."""
    return pgtrigger.Trigger(
        name=name,
        when=pgtrigger.Before,
        operation=pgtrigger.Insert | pgtrigger.Update | pgtrigger.Delete,
        func=(
            "IF EXISTS (SELECT 1 FROM allowances_allowancebasis b WHERE b.status IN ('approved', 'closed') "
            "AND b.id IN (OLD.basis_id, NEW.basis_id)) THEN "
            "RAISE EXCEPTION 'pgtrigger: the allowance basis is approved and its lines cannot be changed' "
            "USING ERRCODE = 'integrity_constraint_violation'; END IF; "
            "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW;"
        ),
    )


@pghistory.track()
class AllowanceBasis(WorkflowMixin, TimeStampedModel):
    """One organisation's basis for one month (or a correction of one)."""

    Status = BasisStatus
    TRANSITIONS = BASIS_TRANSITIONS

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="allowance_bases", verbose_name="организация"
    )
    year = models.PositiveSmallIntegerField("год")
    month = models.PositiveSmallIntegerField("месяц")
    status = models.CharField("статус", max_length=20, choices=Status.choices, default=Status.DRAFT)
    corrects = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="correction",
        verbose_name="исправляемое основание",
    )
    reason = models.TextField("причина исправления", blank=True, max_length=1000)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="подготовил",
    )
    prepared_at = models.DateTimeField("подготовлено")
    preparer_name = models.CharField("подпись куратора", max_length=300, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="утвердил",
    )
    approved_at = models.DateTimeField("утверждено", null=True, blank=True)
    approver_position = models.CharField("должность утвердившего", max_length=300, blank=True)
    approver_name = models.CharField("подпись утвердившего", max_length=300, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="закрыл",
    )
    closed_at = models.DateTimeField("закрыто", null=True, blank=True)

    class Meta:
        verbose_name = "основание для начисления доплаты за наставничество"
        verbose_name_plural = "основания для начисления доплаты за наставничество"
        ordering = ["-year", "-month", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year", "month"],
                condition=Q(corrects__isnull=True),
                name="allowance_basis_one_per_month",
            ),
            models.CheckConstraint(condition=Q(month__gte=1, month__lte=12), name="allowance_basis_month"),
            models.CheckConstraint(
                condition=Q(corrects__isnull=True) | ~Q(corrects=F("pk")), name="allowance_basis_not_self"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(approved_by__isnull=False, approved_at__isnull=False),
                name="allowance_basis_approved_has_approver",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_by__isnull=False, closed_at__isnull=False),
                name="allowance_basis_closed_has_closer",
            ),
        ]
        triggers = [
            # Closed: nothing changes. Approved: only the move to closed (with who and when).
            pgtrigger.Protect(
                name="protect_closed_allowance_basis",
                operation=pgtrigger.Update | pgtrigger.Delete,
                condition=pgtrigger.Q(old__status="closed"),
            ),
            pgtrigger.Protect(
                name="protect_approved_allowance_basis_delete",
                operation=pgtrigger.Delete,
                condition=pgtrigger.Q(old__status="approved"),
            ),
        ]

    def __str__(self) -> str:
        label = f"Основание за {month_label(self.year, self.month)}"
        return f"{label} (исправление)" if self.corrects_id else label

    @property
    def month_title(self) -> str:
        """«Ноябрь 2026 г.»"""
        return month_label(self.year, self.month).capitalize()

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED


class AllowanceLine(models.Model):
    """A mentor's line for one pair (group): what the order and the agreement fixed, the days the pair
    was active in the month and the sum for them. Every value is copied when computed, so an approved
    document reads the same whatever happens to the pair later."""

    basis = models.ForeignKey(
        AllowanceBasis, on_delete=models.CASCADE, related_name="lines", verbose_name="основание"
    )
    position = models.PositiveSmallIntegerField("номер строки")
    group = models.ForeignKey(
        "pairs.MentoringGroup", on_delete=models.PROTECT, related_name="+", verbose_name="пара (группа)"
    )
    mentor_name = models.CharField("наставник", max_length=300)
    # The key 1С:ЗУП finds the employee by (the registry's «табельный номер»); "" when not given.
    personnel_number = models.CharField("табельный номер", max_length=20, blank=True)
    mentor_position = models.CharField("должность наставника", max_length=300, blank=True)
    mentees = models.CharField("наставляемые", max_length=2000, blank=True)
    is_group = models.BooleanField("группа", default=False)
    order_number = models.PositiveIntegerField("номер приказа", null=True, blank=True)
    order_date = models.DateField("дата приказа", null=True, blank=True)
    agreement = models.CharField("дополнительное соглашение", max_length=300, blank=True)
    allowance_amount = models.PositiveIntegerField("доплата, руб. в месяц", null=True, blank=True)
    allowance_percent = models.PositiveSmallIntegerField("доплата, % оклада", null=True, blank=True)
    active_from = models.DateField("начало в месяце")
    active_to = models.DateField("окончание в месяце")
    active_days = models.PositiveSmallIntegerField("дней работы в месяце")
    month_days = models.PositiveSmallIntegerField("дней в месяце")
    amount_due = models.DecimalField(
        "сумма за месяц, руб.", max_digits=12, decimal_places=2, null=True, blank=True
    )
    minutes_logged = models.PositiveIntegerField("учтено в журнале, мин", default=0)

    class Meta:
        verbose_name = "строка основания"
        verbose_name_plural = "строки основания"
        ordering = ["basis", "position"]
        constraints = [
            models.UniqueConstraint(fields=["basis", "position"], name="allowance_line_unique_position"),
            models.UniqueConstraint(fields=["basis", "group"], name="allowance_line_one_per_group"),
            models.CheckConstraint(
                condition=Q(active_days__gte=1) & Q(active_days__lte=F("month_days")),
                name="allowance_line_days_in_month",
            ),
            models.CheckConstraint(
                condition=Q(allowance_amount__isnull=True) | Q(allowance_percent__isnull=True),
                name="allowance_line_sum_or_percent",
            ),
        ]
        triggers = [_protect_lines("protect_approved_allowance_lines")]

    def __str__(self) -> str:
        return f"{self.position}. {self.mentor_name}"

    @property
    def share(self) -> str:
        """«21/30»: the days of the month the pair was active."""
        return f"{self.active_days}/{self.month_days}"

    @property
    def hours_logged(self):
        return (Decimal(self.minutes_logged) / 60).quantize(Decimal("0.1"))
