"""Training of mentors (stage 4 of the roadmap «Отбор и обучение наставников», seed 001 annex; seed 002
roadmap 2.7, 3.1: courses with an «удостоверение о повышении квалификации») and the psychologist's support
of mentees who have no pair yet (seed 002 §3.5: «психологическую поддержку … посредством проведения
психологических тренингов»)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from apps.core.models import TimeStampedModel
from apps.core.uploads import SCAN, UploadValidator
from apps.organizations.models import Organization
from apps.staff.models import Person

HOURS_MAX = 2000


class TrainingRecord(TimeStampedModel):
    """One course, seminar or school of mentors a person completed, with the document that proves it."""

    class Kind(models.TextChoices):
        COURSE = "course", "курсы повышения квалификации"
        SEMINAR = "seminar", "семинар"
        SCHOOL = "school", "«Школа наставника»"
        INTERNSHIP = "internship", "стажировка"
        WEBINAR = "webinar", "вебинар"
        OTHER = "other", "иное"

    class Document(models.TextChoices):
        CERTIFICATE = "certificate", "удостоверение"
        DIPLOMA = "diploma", "сертификат"
        NOTE = "note", "справка"

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="training_records", verbose_name="организация"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="training_records", verbose_name="педагог"
    )
    kind = models.CharField("вид обучения", max_length=20, choices=Kind.choices)
    title = models.CharField("тема (программа)", max_length=300)
    organiser = models.CharField("организатор", max_length=300)
    start_date = models.DateField("дата начала")
    end_date = models.DateField("дата окончания")
    hours = models.PositiveSmallIntegerField("объём, часов")
    document_kind = models.CharField("документ", max_length=20, choices=Document.choices, blank=True)
    document_number = models.CharField("номер документа", max_length=50, blank=True)
    document_date = models.DateField("дата выдачи документа", null=True, blank=True)
    scan = models.FileField(
        "скан документа", upload_to="training/%Y/", blank=True, validators=[UploadValidator(SCAN)]
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="внёс",
    )

    class Meta:
        verbose_name = "обучение педагога"
        verbose_name_plural = "обучение педагогов"
        ordering = ["-end_date", "-pk"]
        indexes = [models.Index(fields=["person", "end_date"], name="training_person_end_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="training_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(hours__gte=1) & Q(hours__lte=HOURS_MAX), name="training_hours_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.start_date:%d.%m.%Y}–{self.end_date:%d.%m.%Y})"

    def document_text(self) -> str:
        """«удостоверение № 862400012345 от 25.11.2025», or empty."""
        if not (self.document_kind or self.document_number):
            return ""
        parts = [self.get_document_kind_display() or "документ"]
        if self.document_number:
            parts.append(f"№ {self.document_number}")
        if self.document_date:
            parts.append(f"от {self.document_date:%d.%m.%Y}")
        return " ".join(parts)


class SupportRecord(TimeStampedModel):
    """A training, consultation or group session the psychologist gave to a mentee still without a pair."""

    class Kind(models.TextChoices):
        TRAINING = "training", "тренинг"
        CONSULTATION = "consultation", "консультация"
        GROUP = "group", "групповое занятие"

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="support_records", verbose_name="организация"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="support_records", verbose_name="наставляемый"
    )
    kind = models.CharField("форма", max_length=20, choices=Kind.choices)
    date = models.DateField("дата")
    topic = models.CharField("тема", max_length=300)
    hours = models.DecimalField("продолжительность, часов", max_digits=4, decimal_places=1)
    note = models.TextField("итог, рекомендации", blank=True, max_length=2000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="записал",
    )

    class Meta:
        verbose_name = "психологическая поддержка наставляемого"
        verbose_name_plural = "психологическая поддержка наставляемых"
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0) & Q(hours__lte=24), name="support_hours_range"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display().capitalize()} {self.date:%d.%m.%Y}: {self.topic}"
