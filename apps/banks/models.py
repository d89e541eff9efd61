"""Banks of mentees and mentors of an organisation, per academic year.

Areas of professional difficulties (for mentees) and of strengths (for mentors) are the same list,
so the matching of pairs can compare them directly.
"""

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from apps.core import russian
from apps.core.models import TimeStampedModel
from apps.core.uploads import SCAN, UploadValidator
from apps.core.workflow import WorkflowMixin
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


# Short names of the areas for tables and badges, where the full names do not fit.
AREA_SHORT_LABELS = {
    Area.SCIENTIFIC: "научно-теоретическая",
    Area.NORMATIVE: "нормативно-правовая",
    Area.SUBJECT: "предметная",
    Area.PSYCHOLOGICAL: "психолого-педагогическая",
    Area.METHODICAL: "методическая",
    Area.ICT: "ИКТ",
    Area.UPBRINGING: "воспитательная",
    Area.HEALTH: "охрана здоровья",
}


class Level(models.IntegerChoices):
    """How strong a difficulty (or a strength) is."""

    LOW = 1, "низкий"
    MEDIUM = 2, "средний"
    HIGH = 3, "высокий"


class AreaMark(models.Model):
    """An entry's mark in one area with its level: a mentee's difficulty or a mentor's strength. The two
    are compared area by area when pairs are matched, so they share the area and how they are shown."""

    area = models.CharField("направление", max_length=20, choices=Area.choices)

    class Meta:
        abstract = True
        ordering = ["area"]

    def __str__(self) -> str:
        return f"{self.get_area_display()}: {self.get_level_display()}"

    @property
    def area_short(self) -> str:
        return AREA_SHORT_LABELS.get(self.area, self.area)


class MentoringForm(models.TextChoices):
    """Forms of mentoring named in the model Regulation (seed 000 §4.1.5, seed 002 §2.3)."""

    TEACHER_TEACHER = "teacher_teacher", "«педагог – педагог»"
    DIRECTOR_TEACHER = "director_teacher", "«руководитель образовательной организации – педагог»"
    EMPLOYER_STUDENT = "employer_student", "«работодатель – студент»"
    UNIVERSITY_YOUNG = "university_young", "«педагог вуза или колледжа – молодой педагог»"
    TEACHER_GROUP = "teacher_group", "«педагог – группа педагогов»"


@pghistory.track()
class MenteeEntry(WorkflowMixin, TimeStampedModel):
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
        REJECTED = "rejected", "заявка отклонена"

    # The mentee's way through the bank: the only status changes a service will make.
    # in_pair → waiting: the pair ended early (mentor released or replaced) and the mentee waits again.
    TRANSITIONS = {
        Status.CANDIDATE: frozenset({Status.WAITING, Status.REJECTED}),
        Status.WAITING: frozenset({Status.IN_PAIR, Status.LEFT}),
        Status.IN_PAIR: frozenset({Status.FINISHED, Status.LEFT, Status.WAITING}),
        Status.FINISHED: frozenset(),
        Status.LEFT: frozenset(),
        Status.REJECTED: frozenset(),
    }

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
    request = models.TextField("запрос наставляемого (своими словами)", blank=True, max_length=2000)
    source = models.CharField("источник", max_length=20, choices=Source.choices, default=Source.CURATOR)
    status = models.CharField("статус", max_length=20, choices=Status.choices, default=Status.WAITING)
    needs_rediagnosis = models.BooleanField("нужна повторная диагностика", default=False)
    review_comment = models.TextField("комментарий куратора", blank=True, max_length=2000)
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
        indexes = [models.Index(fields=["organization", "year", "status"], name="mentee_entry_org_year_idx")]
        constraints = [
            models.UniqueConstraint(fields=["person", "year"], name="mentee_entry_once_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.year.label})"

    # The labels of ``Status`` name the man's form; a woman's entry shows these.
    FEMININE_STATUS = {Status.FINISHED: "завершила программу", Status.LEFT: "выбыла"}

    def status_label(self) -> str:
        """The status agreeing with the person: «выбыл» / «выбыла»."""
        label = self.get_status_display()
        return russian.by_sex(self.person, label, self.FEMININE_STATUS.get(self.status, label))


MENTEE_TRANSITIONS = MenteeEntry.TRANSITIONS


class MenteeDifficulty(AreaMark):
    """A professional difficulty (дефицит) of a mentee in one area, with its level."""

    entry = models.ForeignKey(
        MenteeEntry, on_delete=models.CASCADE, related_name="difficulties", verbose_name="запись банка"
    )
    level = models.PositiveSmallIntegerField("выраженность", choices=Level.choices, default=Level.MEDIUM)
    comment = models.CharField("в чём затруднение", max_length=500, blank=True)

    class Meta(AreaMark.Meta):
        verbose_name = "профессиональное затруднение"
        verbose_name_plural = "профессиональные затруднения"
        constraints = [models.UniqueConstraint(fields=["entry", "area"], name="difficulty_once_per_area")]


@pghistory.track()
class MentorEntry(WorkflowMixin, TimeStampedModel):
    """A person in the mentor bank (банк наставников) of one academic year."""

    class Status(models.TextChoices):
        CANDIDATE = "candidate", "кандидат"
        APPROVED = "approved", "утверждён руководителем"
        ACTIVE = "active", "ведёт наставничество"
        RELEASED = "released", "освобождён"
        REJECTED = "rejected", "кандидатура отклонена"

    # The mentor's way through the bank. active → approved: the mentor's last pair ended and they are
    # free again (the pairs app makes that move); released and rejected are final for the year.
    TRANSITIONS = {
        Status.CANDIDATE: frozenset({Status.APPROVED, Status.REJECTED}),
        Status.APPROVED: frozenset({Status.ACTIVE, Status.RELEASED}),
        Status.ACTIVE: frozenset({Status.APPROVED, Status.RELEASED}),
        Status.RELEASED: frozenset(),
        Status.REJECTED: frozenset(),
    }
    # Approved by the director and not released: the mentors who may be given a pair and who are counted.
    APPROVED_STATUSES = (Status.APPROVED, Status.ACTIVE)

    class Source(models.TextChoices):
        SELF = "self", "анкета «Готов стать наставником»"
        CURATOR = "curator", "предложен куратором"

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
    source = models.CharField("источник", max_length=20, choices=Source.choices, default=Source.CURATOR)
    mentoring_experience = models.TextField(
        "опыт наставничества",
        blank=True,
        help_text="Кого и когда сопровождали, в каких формах; участие в методической работе",
        max_length=4000,
    )
    confirmed_results = models.TextField(
        "подтверждённые результаты",
        blank=True,
        help_text="Награды, категория, результаты обучающихся, конкурсы профессионального мастерства",
        max_length=4000,
    )
    motivation = models.TextField("почему хочу быть наставником", blank=True, max_length=2000)
    preferred_forms = ArrayField(
        models.CharField(max_length=20, choices=MentoringForm.choices),
        verbose_name="предпочтительные формы наставничества",
        default=list,
        blank=True,
    )
    questionnaire = models.JSONField("ответы анкеты потенциального наставника", default=dict, blank=True)
    max_mentees = models.PositiveSmallIntegerField(
        "наибольшее число наставляемых", default=2, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    consent_signed_on = models.DateField("дата письменного согласия быть наставником", null=True, blank=True)
    consent_document = models.FileField(
        "скан согласия", upload_to="mentor_consents/%Y/", blank=True, validators=[UploadValidator(SCAN)]
    )
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
    needs_rediagnosis = models.BooleanField("нужна повторная оценка компетенций", default=False)
    review_comment = models.TextField("комментарий куратора", blank=True, max_length=2000)
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
        indexes = [models.Index(fields=["organization", "year", "status"], name="mentor_entry_org_year_idx")]
        constraints = [
            models.UniqueConstraint(fields=["person", "year"], name="mentor_entry_once_per_year"),
            models.CheckConstraint(
                condition=Q(max_mentees__gte=1) & Q(max_mentees__lte=10),
                name="mentor_entry_max_mentees_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.year.label})"

    # The labels of ``Status`` name the man's form; a woman's entry shows these.
    FEMININE_STATUS = {Status.APPROVED: "утверждена руководителем", Status.RELEASED: "освобождена"}

    def status_label(self) -> str:
        """The status agreeing with the person: «освобождён» / «освобождена»."""
        label = self.get_status_display()
        return russian.by_sex(self.person, label, self.FEMININE_STATUS.get(self.status, label))

    def get_preferred_forms_display(self) -> list[str]:
        return [MentoringForm(f).label for f in self.preferred_forms if f in MentoringForm.values]


MENTOR_TRANSITIONS = MentorEntry.TRANSITIONS


class MentorStrength(AreaMark):
    """A mentor's competence in an area (what they can teach), with its level."""

    entry = models.ForeignKey(
        MentorEntry, on_delete=models.CASCADE, related_name="strengths", verbose_name="запись банка"
    )
    level = models.PositiveSmallIntegerField("уровень", choices=Level.choices, default=Level.HIGH)
    comment = models.CharField("чем может помочь", max_length=500, blank=True)

    class Meta(AreaMark.Meta):
        verbose_name = "сильная сторона наставника"
        verbose_name_plural = "сильные стороны наставника"
        constraints = [models.UniqueConstraint(fields=["entry", "area"], name="strength_once_per_area")]


@pghistory.track()
class Petition(TimeStampedModel):
    """A written application (заявление) that opens the way into a bank: a teacher asks to be given a
    mentor, or offers to join the mentor bank (seed 001 annex, stages 2 and 3). It is the signable paper
    of the request; the curator accepts it (the bank entry is created or linked) or declines it with a
    reason, and the order that follows names it as its basis."""

    class Kind(models.TextChoices):
        MENTEE = "mentee", "о закреплении наставника"
        MENTOR = "mentor", "о включении в базу наставников"

    class Channel(models.TextChoices):
        ACCOUNT = "account", "подано педагогом в личном кабинете"
        PAPER = "paper", "внесено куратором с бумажного заявления"

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "подано"
        ACCEPTED = "accepted", "принято"
        DECLINED = "declined", "отклонено"

    TRANSITIONS = {
        Status.SUBMITTED: frozenset({Status.ACCEPTED, Status.DECLINED}),
        Status.ACCEPTED: frozenset(),
        Status.DECLINED: frozenset(),
    }

    kind = models.CharField("вид заявления", max_length=10, choices=Kind.choices)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="petitions", verbose_name="организация"
    )
    year = models.ForeignKey(
        AcademicYear, on_delete=models.PROTECT, related_name="petitions", verbose_name="учебный год"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="petitions", verbose_name="педагог"
    )
    text = models.TextField("текст заявления", max_length=2000)
    areas = ArrayField(
        models.CharField(max_length=20, choices=Area.choices),
        verbose_name="направления",
        default=list,
        blank=True,
    )
    category = models.CharField(
        "категория наставляемого", max_length=20, choices=MenteeEntry.Category.choices, blank=True
    )
    mentoring_form = models.CharField(
        "желаемая форма наставничества", max_length=20, choices=MentoringForm.choices, blank=True
    )
    max_mentees = models.PositiveSmallIntegerField(
        "наибольшее число наставляемых",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    filed_on = models.DateField("дата заявления")
    channel = models.CharField("как подано", max_length=10, choices=Channel.choices)
    scan = models.FileField(
        "скан бумажного заявления", upload_to="petitions/%Y/", blank=True, validators=[UploadValidator(SCAN)]
    )
    status = models.CharField("статус", max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    decline_reason = models.TextField("причина отказа", blank=True, max_length=2000)
    mentee_entry = models.ForeignKey(
        MenteeEntry,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="petitions",
        verbose_name="запись банка наставляемых",
    )
    mentor_entry = models.ForeignKey(
        MentorEntry,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="petitions",
        verbose_name="запись банка наставников",
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="внёс",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="рассмотрел",
    )
    decided_at = models.DateTimeField("дата решения", null=True, blank=True)

    class Meta:
        verbose_name = "заявление"
        verbose_name_plural = "заявления"
        ordering = ["-filed_on", "-pk"]
        indexes = [models.Index(fields=["organization", "status"], name="petition_org_status_idx")]
        constraints = [
            # One open application of a kind per person and year: a second one waits for the decision.
            models.UniqueConstraint(
                fields=["person", "year", "kind"],
                condition=Q(status="submitted"),
                name="petition_one_open_per_kind",
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""), name="petition_declined_has_reason"
            ),
            models.CheckConstraint(
                condition=~Q(status="accepted")
                | (
                    Q(kind="mentee", mentee_entry__isnull=False)
                    | Q(kind="mentor", mentor_entry__isnull=False)
                ),
                name="petition_accepted_has_entry",
            ),
            models.CheckConstraint(
                condition=Q(kind="mentee", mentor_entry__isnull=True)
                | Q(kind="mentor", mentee_entry__isnull=True),
                name="petition_entry_of_its_kind",
            ),
            models.CheckConstraint(
                condition=Q(max_mentees__isnull=True) | (Q(max_mentees__gte=1) & Q(max_mentees__lte=10)),
                name="petition_max_mentees_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Заявление {self.get_kind_display()}: {self.person} от {self.filed_on:%d.%m.%Y}"

    @property
    def entry(self):
        return self.mentee_entry if self.kind == self.Kind.MENTEE else self.mentor_entry

    def get_areas_display(self) -> list[str]:
        return [Area(a).label for a in self.areas if a in Area.values]
