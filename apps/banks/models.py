"""Banks of mentees and mentors of an organisation, per academic year.

Areas of professional difficulties (for mentees) and of strengths (for mentors) are the same list,
so the matching of pairs can compare them directly.
"""

import pghistory
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from apps.core.models import TimeStampedModel
from apps.organizations.models import AcademicYear, Organization
from apps.staff.models import Person


class Area(models.TextChoices):
    """Areas of professional difficulties and competences named in the seeds."""

    SCIENTIFIC = "scientific", "Научно-теоретическая"
    NORMATIVE = "normative", "Нормативно-правовая"
    SUBJECT = "subject", "Предметно-профессиональная"
    PSYCHOLOGICAL = "psychological", "Психолого-педагогическая (работа с обучающимися и родителями)"
    METHODICAL = "methodical", "Методическая (содержание, методы, технологии)"
    ICT = "ict", "ИКТ и цифровизация"
    UPBRINGING = "upbringing", "Внеурочная деятельность и воспитательная работа"
    HEALTH = "health", "Охрана здоровья обучающихся"


class Level(models.IntegerChoices):
    """How strong a difficulty (or a strength) is."""

    LOW = 1, "низкий"
    MEDIUM = 2, "средний"
    HIGH = 3, "высокий"


@pghistory.track()
class MenteeEntry(TimeStampedModel):
    """A person in the mentee bank (банк наставляемых) of one academic year."""

    class Category(models.TextChoices):
        YOUNG = "young", "Молодой специалист, впервые пришедший в профессию"
        NEW_TECHNOLOGY = "new_technology", "Опытный педагог, осваивающий новую технологию или навык"
        NEW_STAFF = "new_staff", "Педагог, впервые пришедший в коллектив"
        NON_PEDAGOGICAL = "non_pedagogical", "Педагог без педагогического образования"

    class Source(models.TextChoices):
        SELF = "self", "самодиагностика (анкета «Хочу наставника»)"
        CURATOR = "curator", "решение куратора"
        ATTESTATION = "attestation", "результаты аттестации"

    class Status(models.TextChoices):
        CANDIDATE = "candidate", "заявка на рассмотрении"
        WAITING = "waiting", "ожидает наставника"
        IN_PAIR = "in_pair", "в паре (группе)"
        FINISHED = "finished", "завершил программу"
        LEFT = "left", "выбыл"

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="mentee_entries", verbose_name="организация"
    )
    year = models.ForeignKey(
        AcademicYear, on_delete=models.PROTECT, related_name="mentee_entries", verbose_name="учебный год"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="mentee_entries", verbose_name="педагог"
    )
    category = models.CharField("категория наставляемого", max_length=20, choices=Category.choices)
    request = models.TextField("запрос наставляемого (своими словами)", blank=True)
    source = models.CharField("источник", max_length=20, choices=Source.choices, default=Source.CURATOR)
    status = models.CharField("статус", max_length=20, choices=Status.choices, default=Status.WAITING)
    needs_rediagnosis = models.BooleanField("нужна повторная диагностика", default=False)
    carried_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="перенесено из записи",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="внёс",
    )

    class Meta:
        verbose_name = "запись банка наставляемых"
        verbose_name_plural = "банк наставляемых"
        ordering = ["person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["person", "year"], name="mentee_entry_once_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.year.label})"


class MenteeDifficulty(models.Model):
    """A professional difficulty (дефицит) of a mentee in one area, with its level."""

    entry = models.ForeignKey(
        MenteeEntry, on_delete=models.CASCADE, related_name="difficulties", verbose_name="запись банка"
    )
    area = models.CharField("направление", max_length=20, choices=Area.choices)
    level = models.PositiveSmallIntegerField("выраженность", choices=Level.choices, default=Level.MEDIUM)
    comment = models.CharField("в чём затруднение", max_length=500, blank=True)

    class Meta:
        verbose_name = "профессиональное затруднение"
        verbose_name_plural = "профессиональные затруднения"
        ordering = ["area"]
        constraints = [models.UniqueConstraint(fields=["entry", "area"], name="difficulty_once_per_area")]

    def __str__(self) -> str:
        return f"{self.get_area_display()}: {self.get_level_display()}"


@pghistory.track()
class MentorEntry(TimeStampedModel):
    """A person in the mentor bank (банк наставников) of one academic year."""

    class Status(models.TextChoices):
        CANDIDATE = "candidate", "кандидат"
        APPROVED = "approved", "утверждён руководителем"
        ACTIVE = "active", "ведёт наставничество"
        RELEASED = "released", "освобождён"

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="mentor_entries", verbose_name="организация"
    )
    year = models.ForeignKey(
        AcademicYear, on_delete=models.PROTECT, related_name="mentor_entries", verbose_name="учебный год"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="mentor_entries", verbose_name="педагог"
    )
    status = models.CharField("статус", max_length=20, choices=Status.choices, default=Status.CANDIDATE)
    confirmed_results = models.TextField(
        "подтверждённые результаты",
        blank=True,
        help_text="Награды, категория, результаты обучающихся, конкурсы профессионального мастерства",
    )
    motivation = models.TextField("почему хочу быть наставником", blank=True)
    questionnaire = models.JSONField("ответы анкеты потенциального наставника", default=dict, blank=True)
    max_mentees = models.PositiveSmallIntegerField(
        "наибольшее число наставляемых", default=2, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    consent_signed_on = models.DateField("дата письменного согласия быть наставником", null=True, blank=True)
    consent_document = models.FileField("скан согласия", upload_to="mentor_consents/%Y/", blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="утвердил",
    )
    approved_at = models.DateTimeField("дата утверждения", null=True, blank=True)
    released_on = models.DateField("дата освобождения", null=True, blank=True)
    visible_in_region = models.BooleanField(
        "виден другим организациям региона",
        default=False,
        help_text="Только при отдельном согласии на распространение персональных данных (152-ФЗ ст. 10.1)",
    )
    carried_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="перенесено из записи",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="внёс",
    )

    class Meta:
        verbose_name = "запись банка наставников"
        verbose_name_plural = "банк наставников"
        ordering = ["person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["person", "year"], name="mentor_entry_once_per_year"),
            models.CheckConstraint(
                condition=Q(max_mentees__gte=1) & Q(max_mentees__lte=10),
                name="mentor_entry_max_mentees_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.year.label})"


class MentorStrength(models.Model):
    """A mentor's competence in an area (what they can teach), with its level."""

    entry = models.ForeignKey(
        MentorEntry, on_delete=models.CASCADE, related_name="strengths", verbose_name="запись банка"
    )
    area = models.CharField("направление", max_length=20, choices=Area.choices)
    level = models.PositiveSmallIntegerField("уровень", choices=Level.choices, default=Level.HIGH)
    comment = models.CharField("чем может помочь", max_length=500, blank=True)

    class Meta:
        verbose_name = "сильная сторона наставника"
        verbose_name_plural = "сильные стороны наставника"
        ordering = ["area"]
        constraints = [models.UniqueConstraint(fields=["entry", "area"], name="strength_once_per_area")]

    def __str__(self) -> str:
        return f"{self.get_area_display()}: {self.get_level_display()}"
