"""Personalized mentoring programs (персонализированные программы наставничества): their sections
(seed 004), the two plans, the roadmap, the activity log, changes and end by orders, the program bank.

States that depend on the date (an overdue event, a program without activity for 30 days) are
computed in selectors, never stored.
"""

import secrets

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q

from apps.core.models import TimeStampedModel
from apps.core.uploads import DOCUMENTS, UploadValidator
from apps.core.workflow import WorkflowMixin
from apps.organizations.models import Organization
from apps.pairs.models import GroupMember, MentoringGroup, MentoringType
from apps.staff.models import Person


class Mode(models.TextChoices):
    IN_PERSON = "in_person", "очно"
    ONLINE = "online", "дистанционно"
    MIXED = "mixed", "смешанно (очно и дистанционно)"


# The text sections of a program in the order of seed 004; (field, Russian heading). The printed
# program follows it: the sections before «Оценка эффективности», then the plans, then the evaluation
# (documents.py); the term and the participants are printed after the tasks, as the seed does.
SECTIONS = [
    ("intro", "Общие положения"),
    ("problem", "Описание проблемы (актуальность)"),
    ("goal", "Цель"),
    ("tasks", "Задачи"),
    ("participants_note", "Участники программы"),
    ("evaluated_results", "Оцениваемые результаты"),
    ("application_area", "Область применения в рамках образовательной программы"),
    ("content", "Содержание деятельности"),
    ("expected_results", "Ожидаемые результаты для всех участников программы"),
    ("forms_methods", "Формы и методы работы"),
    ("resources", "Необходимые ресурсы"),
    ("conditions", "Условия для внедрения практики"),
    ("uniqueness", "Уникальность практики"),
    ("principles", "Принципы наставничества"),
    ("evaluation", "Оценка эффективности программы"),
]
SECTION_FIELDS = [name for name, _ in SECTIONS]
# What a version snapshot and a bank entry keep besides the text sections.
SNAPSHOT_FIELDS = ["title", "start", "end", "mode", "mentoring_types", *SECTION_FIELDS]


# «events» is the roadmap: the history rows get another accessor.
@pghistory.track(obj_field=pghistory.ObjForeignKey(related_name="history_events"))
class Program(WorkflowMixin, TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "проект"
        ON_APPROVAL = "on_approval", "на согласовании"
        APPROVED = "approved", "утверждена"
        FINISHED = "finished", "завершена"

    # The only allowed moves; one service per move (services.py).
    TRANSITIONS = {
        Status.DRAFT: {Status.ON_APPROVAL},
        Status.ON_APPROVAL: {Status.APPROVED, Status.DRAFT},
        Status.APPROVED: {Status.FINISHED},
        Status.FINISHED: set(),
    }
    EDITABLE_STATUSES = (Status.DRAFT, Status.ON_APPROVAL)

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="programs", verbose_name="организация"
    )
    group = models.OneToOneField(
        MentoringGroup, on_delete=models.PROTECT, related_name="program", verbose_name="пара (группа)"
    )
    title = models.CharField("название", max_length=300)
    status = models.CharField("статус", max_length=20, choices=Status.choices, default=Status.DRAFT)
    start = models.DateField("начало реализации")
    end = models.DateField("окончание реализации")
    mode = models.CharField("режим работы", max_length=20, choices=Mode.choices, default=Mode.MIXED)
    mentoring_types = ArrayField(
        models.CharField(max_length=20, choices=MentoringType.choices),
        verbose_name="виды наставничества",
        default=list,
        blank=True,
    )
    intro = models.TextField("общие положения", blank=True, max_length=8000)
    problem = models.TextField("описание проблемы (актуальность)", blank=True, max_length=8000)
    goal = models.TextField("цель", blank=True, max_length=2000)
    tasks = models.TextField("задачи", blank=True, max_length=4000)
    participants_note = models.TextField(
        "участники (пояснение)",
        blank=True,
        help_text="Состав пары (группы) подставляется сам.",
        max_length=4000,
    )
    expected_results = models.TextField("ожидаемые результаты", blank=True, max_length=4000)
    evaluated_results = models.TextField("оцениваемые результаты", blank=True, max_length=4000)
    application_area = models.TextField("область применения", blank=True, max_length=4000)
    content = models.TextField("содержание деятельности", blank=True, max_length=8000)
    forms_methods = models.TextField("формы и методы работы", blank=True, max_length=4000)
    resources = models.TextField("необходимые ресурсы", blank=True, max_length=4000)
    conditions = models.TextField("условия для внедрения практики", blank=True, max_length=4000)
    uniqueness = models.TextField("уникальность практики", blank=True, max_length=4000)
    principles = models.TextField("принципы наставничества", blank=True, max_length=4000)
    evaluation = models.TextField("оценка эффективности программы", blank=True, max_length=4000)
    # Optimistic locking: every save of the sections increments it; a form carries the value it read.
    version = models.PositiveIntegerField("версия", default=1)
    # The edition (редакция) the participants agree with. An edit opens a new one only when somebody
    # has agreed with the current one (services.programs.open_revision): a session of edits before
    # anyone agreed stays one edition, however many plan rows it adds.
    revision = models.PositiveIntegerField("редакция", default=1)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField("утверждена", null=True, blank=True)
    # «РАССМОТРЕНО на педагогическом совете, протокол № … от …» on the title page.
    council_protocol_number = models.CharField(
        "номер протокола педагогического совета", max_length=20, blank=True
    )
    council_protocol_date = models.DateField("дата протокола педагогического совета", null=True, blank=True)
    finished_on = models.DateField("завершена", null=True, blank=True)
    source_template = models.ForeignKey(
        "ProgramTemplate",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programs",
        verbose_name="создана по программе из банка",
    )
    is_good_practice = models.BooleanField("лучшая практика", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "персонализированная программа наставничества"
        verbose_name_plural = "персонализированные программы наставничества"
        ordering = ["-start", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="program_end_after_start"),
            models.CheckConstraint(
                condition=Q(finished_on__isnull=True) | Q(status="finished"),
                name="program_finished_on_only_when_finished",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATUSES

    @property
    def is_finished(self) -> bool:
        return self.status == self.Status.FINISHED

    def get_mentoring_types_display(self) -> str:
        labels = dict(MentoringType.choices)
        return "; ".join(labels.get(t, t) for t in self.mentoring_types)

    def sections(self) -> list[tuple[str, str, str]]:
        return [(name, title, getattr(self, name)) for name, title in SECTIONS]

    def snapshot(self) -> dict:
        data = {}
        for name in SNAPSHOT_FIELDS:
            value = getattr(self, name)
            data[name] = value.isoformat() if hasattr(value, "isoformat") else value
        return data


class ProgramVersion(models.Model):
    """Every change after approval (and the approval itself) as a JSON snapshot with who and when."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("номер версии")
    snapshot = models.JSONField("содержание")
    note = models.CharField("что изменилось", max_length=300, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField("когда", auto_now_add=True)

    class Meta:
        verbose_name = "версия программы"
        verbose_name_plural = "версии программы"
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["program", "number"], name="program_version_unique_number")
        ]

    def __str__(self) -> str:
        return f"Версия {self.number}"


class ProgramAgreement(models.Model):
    """A participant confirms agreement with one edition (редакция) of the program text (co-writing)."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="agreements")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    revision = models.PositiveIntegerField("редакция")
    confirmed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["program", "person", "revision"], name="program_agreement_once_per_revision"
            )
        ]

    def __str__(self) -> str:
        return f"Согласие {self.person_id} с редакцией {self.revision}"


class DeficitPlanItem(models.Model):
    """План устранения профессиональных дефицитов: one row."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="deficit_items")
    position = models.PositiveIntegerField(default=0)
    direction = models.TextField("направление работы", max_length=1000)
    deadline = models.CharField("сроки достижения", max_length=200)
    events = models.TextField("мероприятия", max_length=4000)
    goal = models.TextField("цель", blank=True, max_length=2000)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "строка плана устранения дефицитов"

    def __str__(self) -> str:
        return self.direction[:60]


class Competence(models.TextChoices):
    SUBJECT_METHODICAL = "subject_methodical", "Предметно-методическая"
    PSYCHOLOGICAL = "psychological", "Психолого-педагогическая"
    COMMUNICATIVE = "communicative", "Коммуникативная"
    ACMEOLOGICAL = "acmeological", "Акмеологическая"


class CompetencePlanItem(models.Model):
    """План работы над повышением системы профессиональных компетенций: one row."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="competence_items")
    position = models.PositiveIntegerField(default=0)
    competence = models.CharField("компетенция", max_length=30, choices=Competence.choices)
    content = models.TextField("содержание", max_length=4000)
    events = models.TextField("мероприятия", max_length=4000)
    deadline = models.CharField("сроки", max_length=200)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "строка плана развития компетенций"

    def __str__(self) -> str:
        return self.get_competence_display()


class ModelPlanItem(models.Model):
    """План развития модели (seed 004: направления работы, тематика мероприятий, формы работы)."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="model_items")
    position = models.PositiveIntegerField(default=0)
    direction = models.TextField("направление работы", max_length=1000)
    topics = models.TextField("тематика мероприятий", max_length=2000)
    forms = models.TextField("формы работы", max_length=2000)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "строка плана развития модели"

    def __str__(self) -> str:
        return self.direction[:60]


class EventForm(models.TextChoices):
    CONSULTATION = "consultation", "консультация"
    LESSON_VISIT = "lesson_visit", "посещение урока"
    MUTUAL_VISITS = "mutual_visits", "взаимопосещение уроков"
    SEMINAR = "seminar", "семинар"
    WORKSHOP = "workshop", "мастер-класс (мастерская)"
    COURSE = "course", "курсы повышения квалификации"
    CONTEST = "contest", "конкурс"
    OPEN_LESSON = "open_lesson", "открытый урок"
    ROUND_TABLE = "round_table", "круглый стол"
    TRAINING = "training", "тренинг"
    DIAGNOSTICS = "diagnostics", "диагностика (анкетирование, тестирование)"
    OTHER = "other", "другое"


class Responsible(models.TextChoices):
    MENTOR = "mentor", "наставник"
    MENTEE = "mentee", "наставляемый"
    CURATOR = "curator", "куратор"
    PSYCHOLOGIST = "psychologist", "педагог-психолог"
    OTHER = "other", "другой"


class Product(models.TextChoices):
    NONE = "", "—"
    LESSON_PLAN = "lesson_plan", "конспект (технологическая карта) урока"
    METHODICAL = "methodical", "методическая разработка"
    OPEN_LESSON = "open_lesson", "открытый урок"
    IOM = "iom", "индивидуальный образовательный маршрут"
    PRESENTATION = "presentation", "выступление (презентация)"
    SELF_ANALYSIS = "self_analysis", "самоанализ урока"
    CERTIFICATE = "certificate", "удостоверение (сертификат)"
    OTHER = "other", "другое"


class RoadmapEvent(TimeStampedModel):
    """An event of the program's roadmap. Overdue is not a status: see selectors.overdue_q()."""

    class Status(models.TextChoices):
        PLANNED = "planned", "запланировано"
        DONE = "done", "выполнено"
        CANCELLED = "cancelled", "отменено"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="events")
    title = models.CharField("мероприятие", max_length=300)
    form = models.CharField("форма", max_length=20, choices=EventForm.choices)
    start = models.DateField("дата (начало периода)")
    end = models.DateField("окончание периода", null=True, blank=True)
    responsible = models.CharField("ответственный", max_length=20, choices=Responsible.choices)
    responsible_person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ответственный наставляемый",
    )
    responsible_other = models.CharField("ответственный (другой)", max_length=200, blank=True)
    product = models.CharField("продукт", max_length=20, choices=Product.choices, blank=True)
    expected_result = models.TextField("ожидаемый результат", blank=True, max_length=2000)
    status = models.CharField("статус", max_length=10, choices=Status.choices, default=Status.PLANNED)
    cancel_reason = models.TextField("причина отмены", blank=True, max_length=1000)
    evidence = models.TextField("подтверждение выполнения", blank=True, max_length=2000)
    # Personal text of the mentee: seen by the mentee, the mentor and the curator only.
    reflection = models.TextField("рефлексия наставляемого", blank=True, max_length=4000)
    done_on = models.DateField("выполнено", null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "мероприятие дорожной карты"
        verbose_name_plural = "дорожная карта"
        ordering = ["start", "pk"]
        indexes = [models.Index(fields=["program", "start"], name="event_program_start_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")), name="event_end_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancel_reason=""), name="event_cancel_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def last_day(self):
        return self.end or self.start


class ActivityKind(models.TextChoices):
    MEETING = "meeting", "встреча"
    LESSON_VISIT = "lesson_visit", "посещение урока"
    CONSULTATION = "consultation", "консультация"
    JOINT_LESSON = "joint_lesson", "совместный урок"
    METHODICAL_REVIEW = "methodical_review", "разбор методической разработки"
    LESSON_ANALYSIS = "lesson_analysis", "анализ урока"
    OTHER = "other", "другое"


class ActivityFormat(models.TextChoices):
    IN_PERSON = "in_person", "очно"
    ONLINE = "online", "онлайн"


# Every version of an entry and a removed entry stay in the history (corrections.py, issue 14).
@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
    obj_field=pghistory.ObjForeignKey(related_name="history_events"),
)
class ActivityLog(TimeStampedModel):
    """A line of the mentor's log of work done."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="activities")
    date = models.DateField("дата")
    minutes = models.PositiveIntegerField("продолжительность, мин")
    format = models.CharField(
        "формат", max_length=10, choices=ActivityFormat.choices, default=ActivityFormat.IN_PERSON
    )
    kind = models.CharField("вид работы", max_length=20, choices=ActivityKind.choices)
    event = models.ForeignKey(
        RoadmapEvent,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name="мероприятие дорожной карты",
    )
    participants = models.ManyToManyField(GroupMember, blank=True, verbose_name="участники")
    notes = models.TextField("что сделано", blank=True, max_length=4000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "запись журнала"
        verbose_name_plural = "журнал проведённой работы"
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["program", "date"], name="activity_program_date_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gte=5) & Q(minutes__lte=600), name="activity_minutes_range"
            )
        ]


def _evidence_path(instance, filename):
    # Random names: the original name is kept in the row, never in the path.
    return f"programs/{instance.program_id}/{secrets.token_hex(16)}"


class EvidenceFile(models.Model):
    """A file attached to an event or a log entry; stored under MEDIA_ROOT (not static) and served
    only through the permission-checked view ``programs:file-download``."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="files")
    event = models.ForeignKey(
        RoadmapEvent, on_delete=models.CASCADE, null=True, blank=True, related_name="files"
    )
    activity = models.ForeignKey(
        ActivityLog, on_delete=models.CASCADE, null=True, blank=True, related_name="files"
    )
    file = models.FileField(upload_to=_evidence_path, validators=[UploadValidator(DOCUMENTS)])
    name = models.CharField("имя файла", max_length=255)
    size = models.PositiveIntegerField("размер, байт")
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(event__isnull=False) | Q(activity__isnull=False), name="evidence_file_attached"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ProgramComment(models.Model):
    """A comment on the program. A private one (the mentee's personal text) is seen by the mentee,
    the mentor and the curator only."""

    class Kind(models.TextChoices):
        PUBLIC = "public", "комментарий"
        PRIVATE = "private", "личный (видят наставник, наставляемый, куратор)"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("вид", max_length=10, choices=Kind.choices, default=Kind.PUBLIC)
    text = models.TextField("текст", max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.text[:60]


class ProgramChange(TimeStampedModel):
    """A proposed extension or change of content, plan or form (seed 001 §7.2): applied only after
    every participant agreed in the portal and the PROGRAM_CHANGE order is signed."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "ожидает согласия участников"
        ON_ORDER = "on_order", "проект приказа"
        APPLIED = "applied", "внесено приказом"
        WITHDRAWN = "withdrawn", "отозвано"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="changes")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    new_end = models.DateField("новая дата окончания", null=True, blank=True)
    new_mode = models.CharField("новый режим работы", max_length=20, choices=Mode.choices, blank=True)
    sections = models.JSONField("изменённые разделы", default=dict, blank=True)
    # {"deficit": [rows], "competence": [rows]}: the whole new plan, replacing the old one on signing.
    plans = models.JSONField("изменённые планы", default=dict, blank=True)
    reason = models.TextField("что и почему меняется", max_length=4000)
    order = models.ForeignKey(
        "orders.Order", on_delete=models.SET_NULL, null=True, blank=True, related_name="program_changes"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]


class ChangeConsent(models.Model):
    change = models.ForeignKey(ProgramChange, on_delete=models.CASCADE, related_name="consents")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["change", "person"], name="change_consent_once")]

    def __str__(self) -> str:
        return f"Согласие {self.person_id}"


class EndReason(models.TextChoices):
    """Seed 001 §7.1: the three ways a program ends."""

    PLAN_DONE = "plan_done", "завершение плана мероприятий программы в полном объёме"
    PARTICIPANT_INITIATIVE = (
        "participant",
        "по инициативе наставника и (или) наставляемого (по уважительным обстоятельствам)",
    )
    CURATOR_INITIATIVE = (
        "curator",
        "по инициативе куратора (недолжное исполнение программы, форс-мажор)",
    )


class ProgramEnd(TimeStampedModel):
    """The end of a program with its final checklist; it happens when the PROGRAM_END order is signed."""

    program = models.OneToOneField(Program, on_delete=models.CASCADE, related_name="ending")
    reason = models.CharField("основание", max_length=20, choices=EndReason.choices)
    explanation = models.TextField("обстоятельства", blank=True, max_length=4000)
    open_events_note = models.TextField("обоснование незакрытых мероприятий", blank=True, max_length=2000)
    survey_asked = models.BooleanField("итоговое анкетирование проведено", default=False)
    survey_note = models.TextField("комментарий об анкетировании", blank=True, max_length=2000)
    order = models.ForeignKey(
        "orders.Order", on_delete=models.SET_NULL, null=True, blank=True, related_name="program_ends"
    )
    applied = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )


class ProgramTemplate(TimeStampedModel):
    """A program of the bank (банк программ): a copy without names or personal text."""

    class Visibility(models.TextChoices):
        ORGANIZATION = "organization", "организация"
        REGION = "region", "регион"

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="program_templates", verbose_name="организация"
    )
    title = models.CharField("название", max_length=300)
    visibility = models.CharField(
        "видимость", max_length=20, choices=Visibility.choices, default=Visibility.ORGANIZATION
    )
    months = models.PositiveSmallIntegerField("продолжительность, мес.")
    # Shown on the organisation's public page «Наставничество» (seed 001 §8.1: best cases of programs);
    # the curator decides, a bank program is copied without names (services.program_publish).
    on_public_page = models.BooleanField("на публичной странице", default=False)
    sections = models.JSONField("разделы", default=dict)
    deficit_plan = models.JSONField(default=list)
    competence_plan = models.JSONField(default=list)
    model_plan = models.JSONField(default=list)
    # Events with offsets in days from the start: the dates shift to a new program's start.
    events = models.JSONField(default=list)
    source_program = models.ForeignKey(
        Program, on_delete=models.SET_NULL, null=True, blank=True, related_name="templates"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "программа банка"
        verbose_name_plural = "банк программ"
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title


class CalendarToken(models.Model):
    """The secret part of a person's .ics feed URL; a new one invalidates the old link."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Календарь {self.user_id}"
