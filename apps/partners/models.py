"""Cooperation agreements with partner organisations (seed 002 §1.3, §4.1: ЦНППМ, colleges, universities,
employers) of a school or of a municipality, and the people of a school's registry who work at the
partner under an agreement: a curator or a mentor from a partner organisation."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from apps.core.models import RU_COLLATION, TimeStampedModel
from apps.core.uploads import SCAN, UploadValidator
from apps.organizations.models import Municipality, Organization
from apps.staff.models import Person


class PartnerKind(models.TextChoices):
    CNPPM = "cnppm", "ЦНППМ"
    COLLEGE = "college", "колледж"
    UNIVERSITY = "university", "вуз"
    EMPLOYER = "employer", "работодатель"
    OTHER = "other", "иная организация"


class CooperationAgreement(TimeStampedModel):
    """Соглашение о сотрудничестве of a school (``organization``) or of a municipality's education
    authority (``municipality``) with a partner organisation. Whether it is in force depends on the date:
    computed (``status_on``), never stored."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cooperation_agreements",
        verbose_name="образовательная организация",
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cooperation_agreements",
        verbose_name="муниципалитет",
    )
    partner_name = models.CharField("организация-партнёр", max_length=500, db_collation=RU_COLLATION)
    partner_kind = models.CharField("вид партнёра", max_length=20, choices=PartnerKind.choices)
    partner_inn = models.CharField("ИНН партнёра", max_length=12, blank=True)
    number = models.CharField("номер соглашения", max_length=50)
    signed_on = models.DateField("дата заключения")
    ends_on = models.DateField("действует до", null=True, blank=True, help_text="Пусто — бессрочно.")
    subject = models.TextField("предмет соглашения", max_length=2000)
    scan = models.FileField(
        "скан соглашения", upload_to="agreements/%Y/", blank=True, validators=[UploadValidator(SCAN)]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Status(models.TextChoices):
        ACTIVE = "active", "действует"
        EXPIRED = "expired", "истёк срок"

    class Meta:
        verbose_name = "соглашение о сотрудничестве"
        verbose_name_plural = "соглашения о сотрудничестве"
        ordering = ["-signed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organization__isnull=False, municipality__isnull=True)
                | Q(organization__isnull=True, municipality__isnull=False),
                name="agreement_of_a_school_or_of_a_municipality",
                violation_error_message=(
                    "Соглашение заключает либо образовательная организация, либо муниципалитет."
                ),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("signed_on")),
                name="agreement_ends_after_it_is_signed",
                violation_error_message="Срок действия не может закончиться раньше даты заключения.",
            ),
        ]

    def __str__(self) -> str:
        return f"Соглашение № {self.number} от {self.signed_on:%d.%m.%Y} с {self.partner_name}"

    def status_on(self, on: date | None = None) -> str:
        on = on or timezone.localdate()
        return self.Status.EXPIRED if self.ends_on is not None and self.ends_on < on else self.Status.ACTIVE

    @property
    def status(self) -> str:
        return self.status_on()

    def get_status_display(self) -> str:
        return self.Status(self.status).label


class PartnerPerson(TimeStampedModel):
    """A person of the school's registry who works at the partner organisation under the agreement: the
    curator or a mentor from a partner (seed 002 §1.3). A mentor from a partner is chosen in the mentor
    bank and in pairs like any other mentor; this row says where they come from."""

    class Role(models.TextChoices):
        MENTOR = "mentor", "наставник от организации-партнёра"
        CURATOR = "curator", "куратор от организации-партнёра"

    agreement = models.ForeignKey(
        CooperationAgreement, on_delete=models.CASCADE, related_name="people", verbose_name="соглашение"
    )
    # One partner per person: a person works at one partner organisation.
    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, related_name="partner_link", verbose_name="педагог"
    )
    role = models.CharField("роль", max_length=20, choices=Role.choices, default=Role.MENTOR)
    position_at_partner = models.CharField("должность в организации-партнёре", max_length=200, blank=True)

    class Meta:
        verbose_name = "работник организации-партнёра"
        verbose_name_plural = "работники организаций-партнёров"
        ordering = ["person__last_name", "person__first_name"]

    def __str__(self) -> str:
        return f"{self.person} — {self.agreement.partner_name}"
