"""Mentoring pairs and groups (a pair is a group with one mentee), their members, the participants'
consents to additional duties, and the mentor changes (replacement, release) that orders carry out."""

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q

from apps.banks.models import MenteeEntry, MentorEntry, MentoringForm
from apps.core.models import TimeStampedModel
from apps.core.uploads import SCAN, UploadValidator
from apps.core.workflow import WorkflowMixin
from apps.organizations.models import AcademicYear, Organization
from apps.staff.models import Person

# The forms of mentoring of a pair or group are the ones a mentor prefers in the bank: one list, the
# banks' (the lower app's), in the words of the model Regulation.
Form = MentoringForm


class MentoringType(models.TextChoices):
    """Виды наставничества."""

    VIRTUAL = "virtual", "виртуальное (дистанционное)"
    GROUP = "group", "групповое"
    GOAL = "goal", "краткосрочное (целеполагающее)"
    REVERSE = "reverse", "реверсивное"
    SITUATIONAL = "situational", "ситуационное"
    SPEED = "speed", "скоростное"
    TRADITIONAL = "traditional", "традиционное (один на один)"


class Direction(models.TextChoices):
    """Направление работы пары (группы)."""

    SUBJECT = "subject", "Предметное содержание"
    METHODS = "methods", "Методика преподавания"
    UPBRINGING = "upbringing", "Воспитательная работа"
    LESSONS = "lessons", "Урочная и внеурочная деятельность"
    PSYCHOLOGICAL = "psychological", "Психологическая поддержка"
    PARENTS = "parents", "Работа с родителями"
    ICT = "ict", "Цифровые технологии"
    ADAPTATION = "adaptation", "Адаптация в коллективе"


class Compatibility(models.TextChoices):
    COMPATIBLE = "compatible", "совместимы"
    RESERVATIONS = "reservations", "совместимы с оговорками"
    NOT_RECOMMENDED = "not_recommended", "не рекомендуется"


@pghistory.track()
class MentoringGroup(WorkflowMixin, TimeStampedModel):
    """Наставническая пара или группа: one mentor and one (pair) or several (group) mentees."""

    class Status(models.TextChoices):
        DRAFT = "draft", "проект"
        AWAITING_ORDER = "awaiting_order", "ожидает приказа"
        ACTIVE = "active", "действует"
        ENDED = "ended", "завершена"

    # The only allowed moves; one service per move (services.py).
    TRANSITIONS = {
        Status.DRAFT: {Status.AWAITING_ORDER},
        Status.AWAITING_ORDER: {Status.ACTIVE, Status.DRAFT},
        Status.ACTIVE: {Status.ENDED},
        Status.ENDED: set(),
    }

    DEFAULT_PAYMENT = (
        "доплата за выполнение дополнительной работы в размере, установленном положением об оплате труда "
        "и коллективным договором организации"
    )

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="mentoring_groups", verbose_name="организация"
    )
    year = models.ForeignKey(
        AcademicYear, on_delete=models.PROTECT, related_name="mentoring_groups", verbose_name="учебный год"
    )
    mentor = models.ForeignKey(
        MentorEntry, on_delete=models.PROTECT, related_name="groups", verbose_name="наставник"
    )
    form = models.CharField("форма наставничества", max_length=20, choices=Form.choices)
    types = ArrayField(
        models.CharField(max_length=20, choices=MentoringType.choices),
        verbose_name="виды наставничества",
        default=list,
    )
    direction = models.CharField("направление работы", max_length=20, choices=Direction.choices)
    goal = models.TextField("цель и задачи", blank=True, max_length=2000)
    planned_start = models.DateField("плановое начало")
    planned_end = models.DateField("плановое окончание")
    payment_terms = models.CharField(
        "условия оплаты дополнительной работы", max_length=500, default=DEFAULT_PAYMENT
    )
    # The mentor's monthly allowance for this pair or group (ТК РФ ст. 351.8): a sum or a percentage
    # of the salary, never both; none set → the organisation's default from its Regulation.
    allowance_amount = models.PositiveIntegerField("доплата, руб. в месяц", null=True, blank=True)
    allowance_percent = models.PositiveSmallIntegerField(
        "доплата, % должностного оклада", null=True, blank=True
    )
    # The psychologist's view of compatibility: no health information here (152-ФЗ art. 10).
    compatibility = models.CharField(
        "совместимость (оценка педагога-психолога)", max_length=20, choices=Compatibility.choices, blank=True
    )
    compatibility_note = models.TextField(
        "заключение педагога-психолога",
        blank=True,
        help_text="Только о совместимости стилей общения и работы. Сведения о здоровье не вносятся.",
        max_length=2000,
    )
    compatibility_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="педагог-психолог",
    )
    compatibility_at = models.DateTimeField("дата заключения", null=True, blank=True)
    status = models.CharField("статус", max_length=20, choices=Status.choices, default=Status.DRAFT)
    assigned_order = models.ForeignKey(
        "orders.Order",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_groups",
        verbose_name="приказ о закреплении",
    )
    ended_order = models.ForeignKey(
        "orders.Order",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ended_groups",
        verbose_name="приказ о завершении",
    )
    started_on = models.DateField("фактическое начало", null=True, blank=True)
    ended_on = models.DateField("фактическое окончание", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="сформировал",
    )

    class Meta:
        verbose_name = "наставническая пара (группа)"
        verbose_name_plural = "наставнические пары и группы"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end__gt=F("planned_start")), name="group_planned_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(status="ended"), name="group_ended_on_only_when_ended"
            ),
            models.CheckConstraint(
                condition=Q(allowance_amount__isnull=True) | Q(allowance_percent__isnull=True),
                name="group_allowance_sum_or_percent",
            ),
            models.CheckConstraint(
                condition=Q(allowance_amount__isnull=True) | Q(allowance_amount__gte=1),
                name="group_allowance_amount_positive",
            ),
            models.CheckConstraint(
                condition=Q(allowance_percent__isnull=True)
                | Q(allowance_percent__gte=1, allowance_percent__lte=100),
                name="group_allowance_percent_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind_label} № {self.pk}"

    @property
    def is_group_form(self) -> bool:
        return self.form == Form.TEACHER_GROUP

    @property
    def kind_label(self) -> str:
        return "Группа" if self.is_group_form else "Пара"

    @property
    def is_distance(self) -> bool:
        """A distance pair: the mentor is from another organisation of the region (issue 9 §3); the
        pair, its order and its program belong to the mentee's organisation."""
        return self.mentor.organization_id != self.organization_id

    def get_types_display(self) -> str:
        labels = dict(MentoringType.choices)
        return ", ".join(labels.get(t, t) for t in self.types)


@pghistory.track()
class GroupMember(TimeStampedModel):
    """A mentee in a pair or group. Mentor and mentee persons and the direction are copied here so
    the database itself can refuse self-mentoring and a second active pair in one direction."""

    class Status(models.TextChoices):
        PLANNED = "planned", "планируется"
        ACTIVE = "active", "участвует"
        ENDED = "ended", "выбыл (завершил)"

    group = models.ForeignKey(
        MentoringGroup, on_delete=models.CASCADE, related_name="members", verbose_name="пара (группа)"
    )
    mentee = models.ForeignKey(
        MenteeEntry, on_delete=models.PROTECT, related_name="memberships", verbose_name="наставляемый"
    )
    mentee_person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", editable=False)
    mentor_person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", editable=False)
    direction = models.CharField(max_length=20, choices=Direction.choices, editable=False)
    status = models.CharField("статус", max_length=20, choices=Status.choices, default=Status.PLANNED)
    joined_on = models.DateField("дата включения", null=True, blank=True)
    left_on = models.DateField("дата выбытия", null=True, blank=True)

    class Meta:
        verbose_name = "участник пары (группы)"
        verbose_name_plural = "участники пар и групп"
        ordering = ["mentee_person__last_name", "mentee_person__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["group", "mentee"], name="member_once_per_group"),
            models.UniqueConstraint(
                fields=["mentee", "direction"],
                condition=Q(status="active"),
                name="member_one_active_pair_per_direction",
            ),
            models.CheckConstraint(
                condition=~Q(mentee_person=F("mentor_person")), name="member_not_own_mentor"
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(left_on__gte=F("joined_on")),
                name="member_left_after_joined",
            ),
        ]

    def __str__(self) -> str:
        return str(self.mentee_person)


class DutyConsent(TimeStampedModel):
    """Согласие на возложение дополнительных обязанностей (ТК РФ ст. 351.8) of one participant of a
    pair or group: confirmed by the person in the portal, or a signed scan uploaded by the curator."""

    class Form(models.TextChoices):
        PORTAL = "portal", "подтверждено в портале лично"
        SCAN = "scan", "на бумаге (скан загружен)"

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="duty_consents", verbose_name="участник"
    )
    group = models.ForeignKey(
        MentoringGroup, on_delete=models.CASCADE, related_name="duty_consents", verbose_name="пара (группа)"
    )
    form = models.CharField("форма", max_length=10, choices=Form.choices)
    signed_on = models.DateField("дата согласия")
    scan = models.FileField(
        "скан согласия", upload_to="duty_consents/%Y/", blank=True, validators=[UploadValidator(SCAN)]
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="внёс",
    )

    class Meta:
        verbose_name = "согласие на дополнительные обязанности"
        verbose_name_plural = "согласия на дополнительные обязанности"
        ordering = ["group", "person__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["person", "group"], name="duty_consent_once_per_group"),
            models.CheckConstraint(
                condition=Q(form="portal") | ~Q(scan=""), name="duty_consent_scan_has_file"
            ),
        ]

    def __str__(self) -> str:
        return f"Согласие {self.person} от {self.signed_on:%d.%m.%Y}"


class DutyConsentScan(TimeStampedModel):
    """A scan of a duty consent that a newer one replaced: kept, so every paper the consent rested on
    can still be opened (who recorded it, when it was signed, who replaced it)."""

    consent = models.ForeignKey(
        DutyConsent, on_delete=models.CASCADE, related_name="past_scans", verbose_name="согласие"
    )
    scan = models.FileField(
        "скан согласия", upload_to="duty_consents/%Y/", validators=[UploadValidator(SCAN)]
    )
    signed_on = models.DateField("дата согласия")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="внёс",
    )
    recorded_at = models.DateTimeField("внесён")
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="заменил",
    )

    class Meta:
        verbose_name = "прежний скан согласия на дополнительные обязанности"
        verbose_name_plural = "прежние сканы согласий на дополнительные обязанности"
        ordering = ["consent", "-created_at"]

    def __str__(self) -> str:
        return f"Прежний скан согласия от {self.signed_on:%d.%m.%Y}"


class MentorChange(TimeStampedModel):
    """What a REPLACE_MENTOR or RELEASE_MENTOR order will do when signed."""

    class Kind(models.TextChoices):
        REPLACE = "replace", "замена наставника"
        RELEASE = "release", "освобождение наставника"

    class Ground(models.TextChoices):
        MENTEE_PETITION = "mentee_petition", "ходатайство наставляемого о замене наставника"
        MENTOR_APPLICATION = "mentor_application", "заявление наставника о сложении обязанностей"
        EARLY_TERMINATION = "early_termination", "досрочное прекращение (уведомление за 3 рабочих дня)"

    kind = models.CharField("вид", max_length=10, choices=Kind.choices)
    ground = models.CharField("основание", max_length=30, choices=Ground.choices)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    mentor = models.ForeignKey(MentorEntry, on_delete=models.PROTECT, related_name="changes")
    member = models.ForeignKey(
        GroupMember, on_delete=models.PROTECT, null=True, blank=True, related_name="replacements"
    )
    new_group = models.ForeignKey(
        MentoringGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    document_date = models.DateField("дата ходатайства (заявления, уведомления)")
    effective_on = models.DateField("дата прекращения обязанностей")
    reason = models.TextField("причина", blank=True, max_length=1000)
    order = models.ForeignKey(
        "orders.Order", on_delete=models.SET_NULL, null=True, blank=True, related_name="mentor_changes"
    )
    applied = models.BooleanField("исполнено", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "замена или освобождение наставника"
        verbose_name_plural = "замены и освобождения наставников"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="release") | Q(member__isnull=False, new_group__isnull=False),
                name="mentor_change_replace_has_member_and_new_group",
            ),
            models.CheckConstraint(
                condition=Q(effective_on__gte=F("document_date")),
                name="mentor_change_effective_after_document",
            ),
        ]
