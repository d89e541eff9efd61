"""The municipality's own documents: its Regulation on the mentoring system (generated from the model
text of seed 000, edited by the municipal coordinator, versioned) and the order of the education
authority that approves an edition. Imported by ``models.py`` (the models belong to the territory app).

The authority's orders are not the schools' ``orders.Order`` (an organisation's order, numbered in the
organisation's register, signed in the portal by its director): the head of the authority is not a user
of the portal, so the coordinator drafts the order here, prints it for signature and registers the
signed order with its date; the portal gives the number of the authority's register of mentoring
orders, without gaps within a calendar year.
"""

import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Q

from apps.core.models import TimeStampedModel
from apps.organizations.models import Municipality


class MunicipalOrder(TimeStampedModel):
    """A draft or registered order of the municipal education authority «Об утверждении Положения…»."""

    class Status(models.TextChoices):
        DRAFT = "draft", "проект"
        SIGNED = "signed", "подписан"

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="mentoring_orders", verbose_name="муниципалитет"
    )
    status = models.CharField("статус", max_length=20, choices=Status.choices, default=Status.DRAFT)
    title = models.CharField("заголовок", max_length=500)
    preamble = models.TextField("преамбула (основания)", max_length=4000)
    items = models.JSONField("пункты «ПРИКАЗЫВАЮ»")
    number = models.PositiveIntegerField("номер", null=True, blank=True)
    year = models.PositiveSmallIntegerField("год регистрации", null=True, blank=True)
    date = models.DateField("дата", null=True, blank=True)
    place = models.CharField("место издания", max_length=120, blank=True)
    authority_name = models.CharField("орган управления образованием", max_length=300)
    signer_position = models.CharField("должность подписавшего", max_length=200, blank=True)
    signer_name = models.CharField("подпись (И. О. Фамилия)", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="подготовил"
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="зарегистрировал",
    )
    registered_at = models.DateTimeField("зарегистрирован", null=True, blank=True)

    class Meta:
        verbose_name = "приказ органа управления образованием"
        verbose_name_plural = "приказы органа управления образованием"
        ordering = ["-year", "-number", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year", "number"], name="municipal_order_unique_number_in_year"
            ),
            models.CheckConstraint(
                condition=Q(status="draft", number__isnull=True)
                | Q(status="signed", number__gte=1, year__isnull=False, date__isnull=False),
                name="municipal_order_number_only_when_signed",
            ),
        ]
        triggers = [
            pgtrigger.Protect(
                name="protect_signed_municipal_order",
                operation=pgtrigger.Update | pgtrigger.Delete,
                condition=pgtrigger.Q(old__status="signed"),
            ),
        ]

    def __str__(self) -> str:
        if self.number:
            return f"Приказ от {self.date:%d.%m.%Y} № {self.number}"
        return "Проект приказа"

    @property
    def is_signed(self) -> bool:
        return self.status == self.Status.SIGNED


class MunicipalRegulation(TimeStampedModel):
    """An edition of the municipality's Regulation: a draft edited section by section (each save is a
    new version), approved by a registered order of the authority; approved, it is frozen (a trigger
    refuses any change) and a new edition starts as a draft from it."""

    class Status(models.TextChoices):
        DRAFT = "draft", "проект"
        APPROVED = "approved", "утверждено"

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="regulations", verbose_name="муниципалитет"
    )
    status = models.CharField("статус", max_length=20, choices=Status.choices, default=Status.DRAFT)
    order = models.OneToOneField(
        MunicipalOrder,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="regulation",
        verbose_name="приказ об утверждении",
    )
    approved_version = models.PositiveIntegerField("утверждённая версия", null=True, blank=True)
    approved_at = models.DateTimeField("утверждено", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "муниципальное Положение о системе наставничества"
        verbose_name_plural = "муниципальные Положения о системе наставничества"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality"],
                condition=Q(status="draft"),
                name="municipal_regulation_one_draft",
            ),
            models.CheckConstraint(
                condition=Q(status="draft")
                | Q(order__isnull=False, approved_version__isnull=False, approved_at__isnull=False),
                name="municipal_regulation_approved_has_order",
            ),
        ]
        triggers = [
            pgtrigger.Protect(
                name="protect_approved_municipal_regulation",
                operation=pgtrigger.Update | pgtrigger.Delete,
                condition=pgtrigger.Q(old__status="approved"),
            ),
        ]

    def __str__(self) -> str:
        return f"Положение о системе наставничества: {self.municipality} ({self.get_status_display()})"

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED


class MunicipalRegulationVersion(models.Model):
    """One saved state of the whole text (sections as in ``RegulationVersion``); never changed, and
    none added once the edition is approved (triggers)."""

    regulation = models.ForeignKey(MunicipalRegulation, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField("номер версии")
    sections = models.JSONField("разделы")
    note = models.CharField("что изменилось", max_length=300, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField("когда", auto_now_add=True)

    class Meta:
        verbose_name = "версия текста муниципального Положения"
        verbose_name_plural = "версии текста муниципального Положения"
        ordering = ["regulation", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["regulation", "number"], name="municipal_regulation_version_unique_number"
            )
        ]
        triggers = [
            pgtrigger.Protect(
                name="protect_municipal_regulation_versions", operation=pgtrigger.Update | pgtrigger.Delete
            ),
            pgtrigger.Trigger(
                name="no_version_of_approved_municipal_regulation",
                when=pgtrigger.Before,
                operation=pgtrigger.Insert,
                func=(
                    "IF EXISTS (SELECT 1 FROM territory_municipalregulation r WHERE r.id = NEW.regulation_id "
                    "AND r.status = 'approved') THEN "
                    "RAISE EXCEPTION 'pgtrigger: the regulation is approved and cannot be changed' "
                    "USING ERRCODE = 'integrity_constraint_violation'; END IF; RETURN NEW;"
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"Версия {self.number}"
