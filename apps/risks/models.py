"""The register of risks of an organisation (реестр рисков): each risk of the seeds, detected from the
portal's data or entered by the curator, with its owner, measure, due date and status."""

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q

from apps.core.models import TimeStampedModel
from apps.core.workflow import WorkflowMixin
from apps.organizations.models import AcademicYear, Organization

from .catalogue import RiskKind


@pghistory.track()
class RiskEntry(WorkflowMixin, TimeStampedModel):
    """A risk in the register of one organisation and academic year. Overdue is not a status: an entry
    not closed by its due date is overdue (selectors.overdue_q)."""

    class Source(models.TextChoices):
        DETECTED = "detected", "выявлен по данным портала"
        CURATOR = "curator", "внесён куратором"

    class Status(models.TextChoices):
        OPEN = "open", "выявлен"
        IN_WORK = "in_work", "меры принимаются"
        CLOSED = "closed", "снят"

    # The only allowed moves; one service per move (services.py). A closed risk stays closed: if it
    # comes back, it is a new entry of the register.
    TRANSITIONS = {
        Status.OPEN: {Status.IN_WORK},
        Status.IN_WORK: {Status.CLOSED},
        Status.CLOSED: set(),
    }
    NOT_CLOSED = (Status.OPEN, Status.IN_WORK)

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="risk_entries", verbose_name="организация"
    )
    year = models.ForeignKey(
        AcademicYear, on_delete=models.PROTECT, related_name="risk_entries", verbose_name="учебный год"
    )
    kind = models.CharField("риск", max_length=20, choices=RiskKind.choices)
    source = models.CharField("источник", max_length=10, choices=Source.choices, default=Source.CURATOR)
    description = models.TextField("в чём проявляется", max_length=4000)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ответственный",
    )
    measure = models.TextField("меры минимизации", max_length=4000)
    due_on = models.DateField("срок")
    status = models.CharField("статус", max_length=10, choices=Status.choices, default=Status.OPEN)
    result = models.TextField("результат принятых мер", blank=True, max_length=4000)
    closed_on = models.DateField("снят", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "риск в реестре"
        verbose_name_plural = "реестр рисков"
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["organization", "year"], name="risk_org_year_idx")]
        constraints = [
            # A detected risk goes into the register once while it is not closed: two clicks on
            # «Внести в реестр» at the same moment make one entry.
            models.UniqueConstraint(
                fields=["organization", "year", "kind"],
                condition=Q(source="detected", status__in=["open", "in_work"]),
                name="risk_detected_once_while_open",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | (~Q(result="") & Q(closed_on__isnull=False)),
                name="risk_closed_has_result",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(status="closed"),
                name="risk_closed_on_only_when_closed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.organization})"

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED
