"""Monitoring by the Kirkpatrick model (seed 004): questionnaires and survey campaigns (level 1),
pre/post assessment in the difficulty areas (level 2), observation protocols (level 3) and the
organisation's yearly indicators (level 4).

Survey responses are not linked to the person who gave them: the assignment records *that* a person
answered (the curator sees who has answered), the response records *what* was answered, for a
campaign, a program and a role only. Nobody in the portal can join the two.
"""

import secrets

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from apps.banks.models import Area
from apps.core.models import TimeStampedModel
from apps.organizations.models import AcademicYear, Organization
from apps.programs.models import Program
from apps.staff.models import Person


class Audience(models.TextChoices):
    MENTEE = "mentee", "наставляемые"
    MENTOR = "mentor", "наставники"
    BOTH = "both", "наставники и наставляемые"
    STAFF = "staff", "педагоги (потенциальные наставники)"


class Topic(models.TextChoices):
    """What a scale question measures on level 1 (seed 004, «оценка реакции»)."""

    NONE = "", "—"
    CONDITIONS = "conditions", "Сроки и условия обучения"
    ORGANIZATION = "organization", "Организация наставничества"
    AWARENESS = "awareness", "Информированность о содержании работы"
    QUALIFICATION = "qualification", "Квалификация наставника"
    READINESS = "readiness", "Готовность применять полученное на практике"
    OVERALL = "overall", "Общая удовлетворённость"
    # Not level 1: a single-choice question whose answer «да» counts on level 4 (seed 003:
    # «увеличение числа педагогов, планирующих стать наставниками»).
    PLAN_MENTOR = "plan_mentor", "Готовность стать наставником (уровень 4)"


class QuestionnaireTemplate(TimeStampedModel):
    """A questionnaire. Versioned: a template that already has answers is never changed; editing it
    makes the next version of the same ``family`` and the answers keep the version they were given to.
    Ready templates (``organization`` empty) are installed with the portal and copied by a curator."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="questionnaires",
        verbose_name="организация",
    )
    family = models.CharField("семейство версий", max_length=64, default=secrets.token_hex)
    version = models.PositiveIntegerField("версия", default=1)
    is_current = models.BooleanField("текущая версия", default=True)
    code = models.SlugField("код готовой анкеты", max_length=40, blank=True)
    title = models.CharField("название", max_length=300)
    description = models.TextField("пояснение для отвечающих", blank=True, max_length=2000)
    audience = models.CharField("кому", max_length=10, choices=Audience.choices, default=Audience.MENTEE)
    counts_for_level1 = models.BooleanField(
        "учитывать в оценке удовлетворённости (уровень 1)",
        default=True,
        help_text="Шкальные вопросы с темой входят в средний балл удовлетворённости.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "анкета"
        verbose_name_plural = "анкеты"
        ordering = ["title", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["family", "version"], name="questionnaire_unique_version"),
            models.UniqueConstraint(
                fields=["family"], condition=Q(is_current=True), name="questionnaire_one_current_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (версия {self.version})"

    @property
    def is_builtin(self) -> bool:
        return self.organization_id is None


class QuestionSection(models.Model):
    template = models.ForeignKey(QuestionnaireTemplate, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField("раздел", max_length=300)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        SCALE5 = "scale5", "шкала 1–5"
        SCALE10 = "scale10", "шкала 1–10"
        SINGLE = "single", "один вариант"
        MULTIPLE = "multiple", "несколько вариантов"
        TEXT = "text", "свободный ответ"

    SCALES = {Kind.SCALE5: 5, Kind.SCALE10: 10}

    template = models.ForeignKey(QuestionnaireTemplate, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(
        QuestionSection, on_delete=models.CASCADE, null=True, blank=True, related_name="questions"
    )
    position = models.PositiveIntegerField(default=0)
    text = models.CharField("вопрос", max_length=500)
    kind = models.CharField("тип", max_length=10, choices=Kind.choices, default=Kind.SCALE5)
    choices = ArrayField(
        models.CharField(max_length=200), verbose_name="варианты ответа", default=list, blank=True
    )
    required = models.BooleanField("обязательный", default=True)
    topic = models.CharField("что измеряет", max_length=20, choices=Topic.choices, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["single", "multiple"]) | Q(choices=[]),
                name="question_choices_only_for_choice_kinds",
            )
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def scale_max(self) -> int | None:
        return self.SCALES.get(self.kind)

    @property
    def is_scale(self) -> bool:
        return self.kind in self.SCALES

    @property
    def scale_range(self) -> range:
        return range(1, (self.scale_max or 0) + 1)


class Point(models.TextChoices):
    """Points of a program at which a survey is given (computed from the program's dates)."""

    START = "start", "начало программы"
    MONTH = "month", "через месяц после начала"
    MIDDLE = "middle", "середина программы"
    END = "end", "окончание программы"


@pghistory.track()
class Campaign(TimeStampedModel):
    """Анкетирование: one questionnaire version given to the participants of chosen programs."""

    class Status(models.TextChoices):
        RUNNING = "running", "идёт"
        CLOSED = "closed", "завершено"

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="campaigns")
    template = models.ForeignKey(
        QuestionnaireTemplate, on_delete=models.PROTECT, related_name="campaigns", verbose_name="анкета"
    )
    title = models.CharField("название", max_length=300)
    audience = models.CharField("кому", max_length=10, choices=Audience.choices, default=Audience.MENTEE)
    point = models.CharField("когда", max_length=10, choices=Point.choices, default=Point.END)
    days_to_answer = models.PositiveSmallIntegerField(
        "дней на ответ", default=14, validators=[MinValueValidator(1), MaxValueValidator(90)]
    )
    programs = models.ManyToManyField(Program, related_name="campaigns", verbose_name="программы")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "анкетирование"
        verbose_name_plural = "анкетирования"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(days_to_answer__gte=1) & Q(days_to_answer__lte=90), name="campaign_days_range"
            )
        ]

    def __str__(self) -> str:
        return self.title


class SurveyAssignment(models.Model):
    """A person has to fill the campaign's questionnaire for one program between two dates."""

    class Role(models.TextChoices):
        MENTEE = "mentee", "наставляемый"
        MENTOR = "mentor", "наставник"
        STAFF = "staff", "педагог"

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="assignments")
    # Empty for a survey of the whole staff (the potential-mentor questionnaire).
    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, null=True, blank=True, related_name="survey_assignments"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="survey_assignments")
    role = models.CharField(max_length=10, choices=Role.choices)
    opens_on = models.DateField("открыта с")
    due_on = models.DateField("ответить до")
    token = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe)
    answered_at = models.DateTimeField("ответ получен", null=True, blank=True)
    reminded_on = models.DateField("последнее напоминание", null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "program", "person"],
                name="assignment_once_per_person",
                nulls_distinct=False,
            ),
            models.CheckConstraint(condition=Q(due_on__gte=F("opens_on")), name="assignment_due_after_open"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign} — {self.person}"


class Response(models.Model):
    """What was answered, with no link to the person (see the module docstring)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="responses")
    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, null=True, blank=True, related_name="survey_responses"
    )
    template = models.ForeignKey(QuestionnaireTemplate, on_delete=models.PROTECT, related_name="responses")
    role = models.CharField(max_length=10, choices=SurveyAssignment.Role.choices)
    # The date only: a time stamp could be matched with the assignment's.
    submitted_on = models.DateField()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"Ответ на «{self.campaign_id}» от {self.submitted_on:%d.%m.%Y}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    value = models.PositiveSmallIntegerField(null=True, blank=True)
    # A scale answer brought to the five-point scale: 1 + (value − 1)·4/(max − 1).
    score5 = models.FloatField(null=True, blank=True)
    options = ArrayField(models.CharField(max_length=200), default=list, blank=True)
    text = models.TextField(blank=True, max_length=4000)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="answer_once_per_question"),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | (Q(value__gte=1) & Q(value__lte=10)),
                name="answer_value_range",
            ),
            models.CheckConstraint(
                condition=Q(score5__isnull=True) | (Q(score5__gte=1) & Q(score5__lte=5)),
                name="answer_score5_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Ответ на вопрос {self.question_id}"


class Stage(models.TextChoices):
    START = "start", "в начале программы"
    END = "end", "в конце программы"


class Assessment(models.Model):
    """Level 2: one assessment of a mentee's knowledge and skills in one difficulty area."""

    class Rater(models.TextChoices):
        SELF = "self", "самооценка наставляемого"
        MENTOR = "mentor", "оценка наставника"
        CURATOR = "curator", "оценка куратора"
        TEST = "test", "тестирование"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="assessments")
    mentee = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="assessments")
    stage = models.CharField("этап", max_length=5, choices=Stage.choices)
    rater = models.CharField("кто оценивает", max_length=10, choices=Rater.choices)
    area = models.CharField("направление", max_length=20, choices=Area.choices)
    score = models.DecimalField("балл", max_digits=6, decimal_places=1)
    max_score = models.DecimalField("наибольший балл", max_digits=6, decimal_places=1, default=5)
    # The score on the five-point scale (a test's points are scaled: 1 + 4·score/max).
    score5 = models.FloatField()
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["program", "mentee", "area", "stage"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "mentee", "stage", "rater", "area"], name="assessment_once"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=F("max_score")), name="assessment_score_range"
            ),
            models.CheckConstraint(
                condition=Q(score5__gte=1) & Q(score5__lte=5), name="assessment_score5_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_area_display()}: {self.score}"


class ObservationCriterion(models.Model):
    """A criterion of the lesson visit form; the default set has no organisation."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="observation_criteria"
    )
    position = models.PositiveIntegerField(default=0)
    title = models.CharField("критерий", max_length=300)
    is_active = models.BooleanField("используется", default=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


@pghistory.track()
class ObservationProtocol(TimeStampedModel):
    """Level 3: a protocol of a lesson visit (невключённое наблюдение) at the start or the end."""

    class ObserverRole(models.TextChoices):
        CURATOR = "curator", "куратор"
        MANAGER = "manager", "непосредственный руководитель"
        COLLEAGUE = "colleague", "коллега (член совета наставников)"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="observations")
    mentee = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="observations")
    stage = models.CharField("этап", max_length=5, choices=Stage.choices)
    observer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    observer_role = models.CharField("наблюдатель", max_length=10, choices=ObserverRole.choices)
    visited_on = models.DateField("дата посещения")
    lesson = models.CharField("класс, предмет, тема урока", max_length=300)
    notes = models.TextField("выводы и рекомендации", blank=True, max_length=8000)

    class Meta:
        ordering = ["-visited_on", "-pk"]

    def __str__(self) -> str:
        return f"Посещение урока {self.visited_on:%d.%m.%Y}"


class ObservationScore(models.Model):
    SCALE = 5
    protocol = models.ForeignKey(ObservationProtocol, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(ObservationCriterion, on_delete=models.PROTECT, related_name="scores")
    score = models.PositiveSmallIntegerField("балл")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["protocol", "criterion"], name="observation_score_once"),
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5), name="observation_score_range"
            ),
        ]

    def __str__(self) -> str:
        return str(self.score)


class Indicator(models.TextChoices):
    """Level 4 indicators the curator enters (the portal cannot know them)."""

    EXAM_PASS = "exam_pass", "Доля обучающихся наставляемых, успешно прошедших ВПР, ОГЭ и ЕГЭ, %"
    MARKS_DYNAMICS = (
        "marks_dynamics",
        "Динамика успеваемости обучающихся наставляемых (качество знаний), п. п.",
    )
    OLYMPIAD = "olympiad", "Обучающиеся наставляемых — участники олимпиад, чел."
    COMPLAINTS = "complaints", "Обращения родителей по вопросам качества преподавания, шт."
    JOINT_PROJECTS = "joint_projects", "Совместные образовательные и культурные проекты, шт."
    INNOVATION = "innovation", "Наставляемые, включённые в инновационную деятельность школы, чел."


# The range each entered value must be in.
INDICATOR_RANGES = {
    Indicator.EXAM_PASS: (0, 100),
    Indicator.MARKS_DYNAMICS: (-100, 100),
    Indicator.OLYMPIAD: (0, 10000),
    Indicator.COMPLAINTS: (0, 10000),
    Indicator.JOINT_PROJECTS: (0, 1000),
    Indicator.INNOVATION: (0, 1000),
}


@pghistory.track()
class OrganizationIndicator(TimeStampedModel):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="indicators")
    year = models.ForeignKey(
        AcademicYear, on_delete=models.PROTECT, related_name="+", verbose_name="учебный год"
    )
    kind = models.CharField("показатель", max_length=20, choices=Indicator.choices)
    value = models.DecimalField("значение", max_digits=8, decimal_places=1)
    source = models.CharField(
        "источник", max_length=300, help_text="Например: протоколы ВПР, журнал обращений, приказ о проекте"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "показатель организации"
        verbose_name_plural = "показатели организации"
        ordering = ["-year__start_year", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year", "kind"], name="indicator_once_per_year"),
            models.CheckConstraint(condition=~Q(source=""), name="indicator_has_source"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"


# Level 4 per mentee, the mentee's and the mentor's activity, adaptation (issue 15; seed 003 part IV,
# seed 002 §VI, seed 001 §3.4) ----------------------------------------------------------------------


class PupilResults(models.Model):
    """Level 4 of one mentee: the outcomes of her pupils at the start or at the end of the program
    (seed 003: «процент обучающихся наставляемого, успешно прошедших ВПР/ОГЭ/ЕГЭ; динамику
    успеваемости; динамику участия в олимпиадах»). The school's figures are aggregated from these."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="pupil_results")
    mentee = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="pupil_results")
    point = models.CharField("когда", max_length=5, choices=Stage.choices)
    passed_share = models.DecimalField(
        "успешно прошли ВПР, ОГЭ, ЕГЭ, %", max_digits=4, decimal_places=1, null=True, blank=True
    )
    quality_share = models.DecimalField(
        "качество знаний (доля «4» и «5»), %", max_digits=4, decimal_places=1, null=True, blank=True
    )
    olympiad_participants = models.PositiveSmallIntegerField("участники олимпиад, чел.", default=0)
    classes = models.CharField("классы, предмет", max_length=200, blank=True)
    source = models.CharField("источник", max_length=300)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "результаты обучающихся наставляемого"
        verbose_name_plural = "результаты обучающихся наставляемых"
        ordering = ["program", "mentee", "-point"]
        constraints = [
            models.UniqueConstraint(fields=["program", "mentee", "point"], name="pupil_results_once"),
            models.CheckConstraint(
                condition=Q(passed_share__isnull=True) | Q(passed_share__gte=0, passed_share__lte=100),
                name="pupil_results_passed_share_range",
            ),
            models.CheckConstraint(
                condition=Q(quality_share__isnull=True) | Q(quality_share__gte=0, quality_share__lte=100),
                name="pupil_results_quality_share_range",
            ),
            models.CheckConstraint(condition=~Q(source=""), name="pupil_results_have_source"),
        ]

    def __str__(self) -> str:
        return f"Результаты обучающихся ({self.get_point_display()})"


class ProfessionalActivity(models.Model):
    """One fact of the social and professional activity of a mentee (seed 003) or of the mentor's own
    results (seed 003: «улучшение образовательных результатов и у наставляемого, и у наставника»)."""

    class Whose(models.TextChoices):
        MENTEE = "mentee", "наставляемый"
        MENTOR = "mentor", "наставник"

    class Kind(models.TextChoices):
        CONTEST = "contest", "профессиональный конкурс"
        ASSOCIATION = "association", "выступление на методическом объединении"
        OPEN_LESSON = "open_lesson", "открытый урок (занятие)"
        PUBLICATION = "publication", "публикация"
        CONFERENCE = "conference", "конференция, семинар"
        CATEGORY = "category", "квалификационная категория"
        AWARD = "award", "награда, грамота"

    class Level(models.TextChoices):
        SCHOOL = "school", "школьный"
        MUNICIPAL = "municipal", "муниципальный"
        REGIONAL = "regional", "региональный"
        FEDERAL = "federal", "всероссийский"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="professional_activities")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="professional_activities")
    whose = models.CharField("чьё", max_length=6, choices=Whose.choices)
    kind = models.CharField("вид", max_length=12, choices=Kind.choices)
    level = models.CharField("уровень", max_length=10, choices=Level.choices)
    title = models.CharField("название, тема", max_length=300)
    happened_on = models.DateField("дата")
    result = models.CharField("результат", max_length=200, blank=True, help_text="Например: призёр, лауреат")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "профессиональная активность"
        verbose_name_plural = "профессиональная активность"
        ordering = ["-happened_on", "-pk"]
        constraints = [models.CheckConstraint(condition=~Q(title=""), name="professional_activity_has_title")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"


class AdaptationAssessment(models.Model):
    """The quality and pace of adaptation of a young, new or less experienced teacher (seeds 002 §VI,
    003): the level of adaptation on a five-point scale, assessed at the start, the middle and the end
    of the program by the mentor, the psychologist or the curator. The pace is the change per month."""

    class Point(models.TextChoices):
        START = "start", "в начале программы"
        MIDDLE = "middle", "в середине программы"
        END = "end", "в конце программы"

    class Rater(models.TextChoices):
        MENTOR = "mentor", "наставник"
        PSYCHOLOGIST = "psychologist", "педагог-психолог"
        CURATOR = "curator", "куратор"

    SCALE = {
        1: "не адаптирован",
        2: "низкий",
        3: "средний",
        4: "достаточный",
        5: "высокий",
    }
    ADAPTED_FROM = 4

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="adaptation_assessments")
    mentee = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="adaptation_assessments")
    point = models.CharField("когда", max_length=6, choices=Point.choices)
    rater = models.CharField("кто оценивает", max_length=12, choices=Rater.choices)
    level = models.PositiveSmallIntegerField(
        "уровень адаптации", validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    assessed_on = models.DateField("дата оценки")
    note = models.CharField("на чём основана оценка", max_length=500, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "оценка адаптации"
        verbose_name_plural = "оценки адаптации"
        ordering = ["program", "mentee", "assessed_on"]
        constraints = [
            models.UniqueConstraint(fields=["program", "mentee", "point", "rater"], name="adaptation_once"),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=5), name="adaptation_level_range"),
        ]

    def __str__(self) -> str:
        return f"Адаптация: {self.level} ({self.get_point_display()})"


class Recommendation(TimeStampedModel):
    """An addressed recommendation (адресная рекомендация, seed 002 §VI) of the annual monitoring: for the
    organisation (no program) or for one pair or group (its program). A rule of apps/monitoring/advice.py
    proposes it from the figures, or the curator writes her own; she may edit the text or dismiss it.
    The text names nobody: the report prints the pair's mentor from the program, declined."""

    class Source(models.TextChoices):
        RULE = "rule", "по данным мониторинга"
        MANUAL = "manual", "куратора"

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="recommendations")
    year = models.ForeignKey(
        AcademicYear, on_delete=models.PROTECT, related_name="+", verbose_name="учебный год"
    )
    program = models.ForeignKey(
        Program,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name="программа (пара, группа)",
    )
    source = models.CharField("источник", max_length=10, choices=Source.choices, default=Source.MANUAL)
    # The rule's name and what it is about (an area of difficulties), for a generated recommendation.
    rule = models.CharField("правило", max_length=40, blank=True)
    key = models.CharField("предмет правила", max_length=40, blank=True)
    text = models.TextField("рекомендация", max_length=1000)
    edited = models.BooleanField("изменена куратором", default=False)
    dismissed = models.BooleanField("отклонена", default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "адресная рекомендация"
        verbose_name_plural = "адресные рекомендации"
        ordering = ["program_id", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year", "program", "rule", "key"],
                condition=~Q(rule=""),
                nulls_distinct=False,
                name="recommendation_once_per_rule",
            ),
            models.CheckConstraint(condition=~Q(text=""), name="recommendation_has_text"),
            models.CheckConstraint(
                condition=Q(source="manual", rule="") | Q(source="rule") & ~Q(rule=""),
                name="recommendation_rule_matches_source",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class TerritoryFigures(models.Model):
    """The figures of a whole municipality or region for an academic year, kept in the database (issue
    18): the level-4 figures (``outcome_figures``, under "outcomes") and what the apps above add through
    ``hooks.territory_figures`` (the territory page's breakdown). They read every answer, teacher, pair
    member and bank entry of the territory (seconds at ten times the region), so the pages read this
    row instead, and ``manage.py refresh_territory_figures`` (cron) computes them again.
    ``computed_at`` is the moment of the data, stated on the page (apps/core/freshness.py). A
    municipality's figures are those of its own organisations, whoever reads them."""

    year = models.ForeignKey(
        AcademicYear, on_delete=models.CASCADE, related_name="+", verbose_name="учебный год"
    )
    municipality = models.ForeignKey(
        "organizations.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="муниципалитет",
    )
    region = models.ForeignKey(
        "organizations.Region",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="регион",
    )
    figures = models.JSONField("показатели")
    computed_at = models.DateTimeField("данные на")

    class Meta:
        verbose_name = "показатели территории"
        verbose_name_plural = "показатели территорий"
        constraints = [
            models.CheckConstraint(
                condition=Q(municipality__isnull=False, region__isnull=True)
                | Q(municipality__isnull=True, region__isnull=False),
                name="territory_figures_one_territory",
            ),
            models.UniqueConstraint(
                fields=["year", "municipality"],
                condition=Q(municipality__isnull=False),
                name="territory_figures_once_per_municipality",
            ),
            models.UniqueConstraint(
                fields=["year", "region"],
                condition=Q(region__isnull=False),
                name="territory_figures_once_per_region",
            ),
        ]

    def __str__(self) -> str:
        return f"Показатели {self.municipality_id or self.region_id} за {self.year_id}"


class StatFormFigures(models.Model):
    """A municipality's consolidated statistical form for an academic year, kept in the database (issue
    18): each organisation's value of each row, the totals and the rows each organisation has no data for
    (``statform.kept_form``). The form reads some sixty queries over every organisation it covers (a
    region's took 13 s of CPU at ten times the region), so the consolidated form's pages read these rows:
    a municipality's organisations page by page, a region's municipalities side by side. ``manage.py
    refresh_territory_figures`` (cron) computes them again; ``computed_at`` is the moment of the data,
    stated on the page. A municipality's figures are those of its own organisations, whoever reads them."""

    year = models.ForeignKey(
        AcademicYear, on_delete=models.CASCADE, related_name="+", verbose_name="учебный год"
    )
    municipality = models.ForeignKey(
        "organizations.Municipality", on_delete=models.CASCADE, related_name="+", verbose_name="муниципалитет"
    )
    figures = models.JSONField("показатели")
    computed_at = models.DateTimeField("данные на")

    class Meta:
        verbose_name = "сводная статистическая форма муниципалитета"
        verbose_name_plural = "сводные статистические формы муниципалитетов"
        constraints = [
            models.UniqueConstraint(
                fields=["year", "municipality"], name="statform_figures_once_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return f"Сводная форма {self.municipality_id} за {self.year_id}"
