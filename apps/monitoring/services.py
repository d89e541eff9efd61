"""Writes of monitoring: questionnaires (versioned), campaigns, answers, assessments, protocols,
indicators, reminders. Keyword-only, one transaction each, DomainError with a Russian message."""

import logging
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

import rules
from django.db import IntegrityError, transaction
from django.utils import timezone

from apps.core.dates import add_months
from apps.core.exceptions import DomainError
from apps.pairs.models import GroupMember
from apps.programs.models import Program

from .models import (
    INDICATOR_RANGES,
    Answer,
    Assessment,
    Audience,
    Campaign,
    Indicator,
    ObservationCriterion,
    ObservationProtocol,
    ObservationScore,
    OrganizationIndicator,
    Point,
    Question,
    QuestionnaireTemplate,
    QuestionSection,
    Response,
    Stage,
    SurveyAssignment,
    Topic,
)

logger = logging.getLogger(__name__)


def today() -> date:
    return timezone.localdate()


# Questionnaires -----------------------------------------------------------------------------------


def _copy_content(source: QuestionnaireTemplate, target: QuestionnaireTemplate) -> None:
    sections = {}
    for section in source.sections.all():
        sections[section.pk] = QuestionSection.objects.create(
            template=target, position=section.position, title=section.title
        )
    Question.objects.bulk_create(
        Question(
            template=target,
            section=sections.get(q.section_id),
            position=q.position,
            text=q.text,
            kind=q.kind,
            choices=q.choices,
            required=q.required,
            topic=q.topic,
        )
        for q in source.questions.all()
    )


@transaction.atomic
def questionnaire_create(
    *, organization, user, title: str, audience: str, description: str = ""
) -> QuestionnaireTemplate:
    if not title.strip():
        raise DomainError("Укажите название анкеты.", field="title")
    return QuestionnaireTemplate.objects.create(
        organization=organization,
        title=title.strip(),
        audience=audience,
        description=description,
        created_by=user,
    )


@transaction.atomic
def questionnaire_copy(*, template: QuestionnaireTemplate, organization, user) -> QuestionnaireTemplate:
    """A ready (or another) questionnaire copied into the organisation as a new family."""
    copy = QuestionnaireTemplate.objects.create(
        organization=organization,
        title=template.title,
        description=template.description,
        audience=template.audience,
        counts_for_level1=template.counts_for_level1,
        code="",
        created_by=user,
    )
    _copy_content(template, copy)
    return copy


@transaction.atomic
def questionnaire_editable(*, template: QuestionnaireTemplate, user) -> QuestionnaireTemplate:
    """The version to edit: the template itself while nobody answered it, else its next version
    (the answers keep the version they were given to; running campaigns keep theirs too)."""
    template = QuestionnaireTemplate.objects.select_for_update().get(pk=template.pk)
    if template.is_builtin:
        raise DomainError("Готовую анкету нельзя изменить: скопируйте её в свою организацию.")
    if not template.is_current:
        raise DomainError("Это прежняя версия анкеты: изменяйте текущую.")
    if not (template.responses.exists() or template.campaigns.exists()):
        return template
    template.is_current = False
    template.save(update_fields=["is_current", "updated_at"])
    new = QuestionnaireTemplate.objects.create(
        organization=template.organization,
        family=template.family,
        version=template.version + 1,
        title=template.title,
        description=template.description,
        audience=template.audience,
        counts_for_level1=template.counts_for_level1,
        created_by=user,
    )
    _copy_content(template, new)
    return new


def _clean_choices(kind: str, choices: list[str]) -> list[str]:
    choices = [c.strip() for c in choices if c.strip()]
    if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        if len(choices) < 2:
            raise DomainError(
                "Укажите не меньше двух вариантов ответа (по одному в строке).", field="choices"
            )
        if len(set(choices)) != len(choices):
            raise DomainError("Варианты ответа повторяются.", field="choices")
        return choices
    return []


@transaction.atomic
def section_add(*, template: QuestionnaireTemplate, user, title: str) -> QuestionnaireTemplate:
    template = questionnaire_editable(template=template, user=user)
    if not title.strip():
        raise DomainError("Укажите название раздела.", field="title")
    position = template.sections.count()
    QuestionSection.objects.create(template=template, title=title.strip(), position=position)
    return template


@transaction.atomic
def question_add(
    *,
    template: QuestionnaireTemplate,
    user,
    text: str,
    kind: str,
    choices: list[str] | None = None,
    required: bool = True,
    topic: str = "",
    section_title: str = "",
) -> QuestionnaireTemplate:
    template = questionnaire_editable(template=template, user=user)
    if not text.strip():
        raise DomainError("Введите текст вопроса.", field="text")
    if topic == Topic.PLAN_MENTOR:
        if kind != Question.Kind.SINGLE or "да" not in [c.strip().lower() for c in choices or []]:
            raise DomainError(
                "Готовность стать наставником — вопрос с одним вариантом и ответом «да».", field="topic"
            )
    elif topic and kind not in Question.SCALES:
        raise DomainError(
            "Тему оценки удовлетворённости можно задать только шкальному вопросу.", field="topic"
        )
    section = template.sections.filter(title=section_title).first() if section_title else None
    Question.objects.create(
        template=template,
        section=section,
        position=template.questions.count(),
        text=text.strip(),
        kind=kind,
        choices=_clean_choices(kind, choices or []),
        required=required,
        topic=topic,
    )
    return template


@transaction.atomic
def question_delete(*, question: Question, user) -> QuestionnaireTemplate:
    """Deletes the question from the editable version (a new version if the old one has answers)."""
    template = questionnaire_editable(template=question.template, user=user)
    if template.pk != question.template_id:
        # The question was copied into the new version: delete the copy at the same place.
        template.questions.filter(position=question.position, text=question.text).delete()
    else:
        question.delete()
    return template


# Campaigns ----------------------------------------------------------------------------------------


def point_date(program: Program, point: str) -> date:
    """The day of the program a survey point falls on, from the program's dates."""
    if point == Point.START:
        return program.start
    if point == Point.MONTH:
        return min(add_months(program.start, 1), program.end)
    if point == Point.MIDDLE:
        return program.start + timedelta(days=(program.end - program.start).days // 2)
    if point == Point.END:
        return program.end
    raise DomainError("Неизвестная точка программы.", field="point")


def _recipients(program: Program, audience: str, on: date) -> list[tuple]:
    """The mentor and the mentees who were in the group on the survey's day (a finished program's
    members have ended, but they still answer its final survey; one who left before does not)."""
    people = []
    if audience in (Audience.MENTOR, Audience.BOTH):
        people.append((program.group.mentor.person, SurveyAssignment.Role.MENTOR))
    if audience in (Audience.MENTEE, Audience.BOTH):
        for member in program.group.members.all():
            left_before = member.status == GroupMember.Status.ENDED and (
                (member.left_on is None and not program.is_finished)
                or (member.left_on and member.left_on < on)
            )
            if not left_before:
                people.append((member.mentee_person, SurveyAssignment.Role.MENTEE))
    return people


@transaction.atomic
def campaign_create(
    *,
    organization,
    user,
    template: QuestionnaireTemplate,
    title: str,
    audience: str,
    point: str,
    days_to_answer: int,
    programs: list[Program],
) -> Campaign:
    """Surveys for the participants of the programs at the chosen point of each program."""
    if template.organization_id not in (None, organization.pk):
        raise DomainError("Анкета другой организации недоступна.", field="template")
    if not template.questions.exists():
        raise DomainError("В анкете нет ни одного вопроса.", field="template")
    if audience == Audience.STAFF:
        return _staff_campaign(
            organization=organization,
            user=user,
            template=template,
            title=title,
            days_to_answer=days_to_answer,
        )
    if not programs:
        raise DomainError("Выберите хотя бы одну программу.", field="programs")
    if not 1 <= days_to_answer <= 90:
        raise DomainError("Срок ответа — от 1 до 90 дней.", field="days_to_answer")
    foreign = [p for p in programs if p.organization_id != organization.pk]
    if foreign:
        raise DomainError("Можно выбрать только программы своей организации.", field="programs")
    campaign = Campaign.objects.create(
        organization=organization,
        template=template,
        title=title.strip() or template.title,
        audience=audience,
        point=point,
        days_to_answer=days_to_answer,
        created_by=user,
    )
    campaign.programs.set(programs)
    rows = []
    for program in (
        Program.objects.filter(pk__in=[p.pk for p in programs])
        .select_related("group__mentor__person")
        .prefetch_related("group__members__mentee_person")
    ):
        opens = point_date(program, point)
        for person, role in _recipients(program, audience, opens):
            rows.append(
                SurveyAssignment(
                    campaign=campaign,
                    program=program,
                    person=person,
                    role=role,
                    opens_on=opens,
                    due_on=opens + timedelta(days=days_to_answer),
                )
            )
    if not rows:
        raise DomainError(
            "В выбранных программах нет участников, которым адресована анкета.", field="programs"
        )
    SurveyAssignment.objects.bulk_create(rows)
    return campaign


def _staff_campaign(*, organization, user, template, title: str, days_to_answer: int) -> Campaign:
    """A survey of every teacher still working here (e.g. the potential-mentor questionnaire),
    open from today, not tied to a program."""
    from apps.staff.models import Person

    if not 1 <= days_to_answer <= 90:
        raise DomainError("Срок ответа — от 1 до 90 дней.", field="days_to_answer")
    people = list(Person.objects.filter(organization=organization, left_on__isnull=True, is_external=False))
    if not people:
        raise DomainError("В реестре организации нет педагогов.", field="audience")
    campaign = Campaign.objects.create(
        organization=organization,
        template=template,
        title=title.strip() or template.title,
        audience=Audience.STAFF,
        point=Point.START,
        days_to_answer=days_to_answer,
        created_by=user,
    )
    opens = today()
    SurveyAssignment.objects.bulk_create(
        SurveyAssignment(
            campaign=campaign,
            program=None,
            person=p,
            role=SurveyAssignment.Role.STAFF,
            opens_on=opens,
            due_on=opens + timedelta(days=days_to_answer),
        )
        for p in people
    )
    return campaign


@transaction.atomic
def campaign_close(*, campaign: Campaign, user) -> Campaign:
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status == Campaign.Status.CLOSED:
        raise DomainError("Анкетирование уже завершено.")
    campaign.status = Campaign.Status.CLOSED
    campaign.save(update_fields=["status", "updated_at"])
    return campaign


def assignment_state(assignment: SurveyAssignment, on: date | None = None) -> str:
    """«answered», «closed», «not_open» or «open»: the one place that decides if a survey is open."""
    on = on or today()
    if assignment.answered_at:
        return "answered"
    if assignment.campaign.status == Campaign.Status.CLOSED or on > assignment.due_on:
        return "closed"
    if on < assignment.opens_on:
        return "not_open"
    return "open"


def clean_answer(question: Question, raw) -> dict | None:
    """One answer checked against its question; None when left empty. Raises DomainError at the field."""
    field = f"q{question.pk}"
    if question.kind == Question.Kind.MULTIPLE:
        values = [v for v in (raw or []) if v]
        if not values:
            return None
        if any(v not in question.choices for v in values):
            raise DomainError("Выберите варианты из списка.", field=field)
        return {"options": values}
    raw = raw if not isinstance(raw, list) else (raw[0] if raw else "")
    raw = (raw or "").strip() if isinstance(raw, str) else raw
    if raw in ("", None):
        return None
    if question.is_scale:
        try:
            value = int(raw)
        except (TypeError, ValueError):
            raise DomainError("Выберите балл на шкале.", field=field) from None
        top = question.scale_max
        if not 1 <= value <= top:
            raise DomainError(f"Балл должен быть от 1 до {top}.", field=field)
        return {"value": value, "score5": 1 + (value - 1) * 4 / (top - 1)}
    if question.kind == Question.Kind.SINGLE:
        if raw not in question.choices:
            raise DomainError("Выберите вариант из списка.", field=field)
        return {"options": [raw]}
    return {"text": str(raw)[:5000]}


@transaction.atomic
def survey_submit(
    *, assignment: SurveyAssignment, user, data: dict, on: date | None = None, paper: bool = False
) -> Response:
    """Record the answers once, before the survey closes. The response keeps no link to the person.

    ``paper``: the curator types in the paper form the addressee filled (the printable form)."""
    assignment = (
        SurveyAssignment.objects.select_for_update()
        .select_related("campaign__template", "person")
        .get(pk=assignment.pk)
    )
    if paper:
        # rules.has_perm, not user.has_perm: Django grants a superuser every permission.
        if not rules.has_perm("monitoring.enter_paper_survey", user, assignment.campaign.organization):
            raise DomainError("Бумажные анкеты вносит куратор.")
    elif assignment.person.user_id != user.pk:
        raise DomainError("Эта анкета адресована другому участнику.")
    state = assignment_state(assignment, on)
    if state == "answered":
        raise DomainError("Вы уже ответили на эту анкету: ответить дважды нельзя.")
    if state == "closed":
        raise DomainError("Анкетирование закрыто: срок ответа истёк.")
    if state == "not_open":
        raise DomainError(f"Анкета откроется {assignment.opens_on:%d.%m.%Y}.")
    template = assignment.campaign.template
    cleaned = []
    for question in template.questions.all():
        answer = clean_answer(question, data.get(f"q{question.pk}"))
        if answer is None:
            if question.required:
                raise DomainError("Это обязательный вопрос.", field=f"q{question.pk}")
            continue
        cleaned.append((question, answer))
    response = Response.objects.create(
        campaign=assignment.campaign,
        program_id=assignment.program_id,
        template=template,
        role=assignment.role,
        submitted_on=on or today(),
    )
    Answer.objects.bulk_create(Answer(response=response, question=q, **a) for q, a in cleaned)
    assignment.answered_at = timezone.now()
    assignment.save(update_fields=["answered_at"])
    return response


def assignments_mark_reminded(*, assignment_ids, on: date) -> int:
    """Note the day the respondents were reminded (shown on the campaign page). The reminders
    themselves are notifications of the «survey due» kind (``apps.notifications.services``), sent
    by ``send_notifications`` on the channel each user chose for that kind."""
    return SurveyAssignment.objects.filter(pk__in=list(assignment_ids)).update(reminded_on=on)


# Level 2 ------------------------------------------------------------------------------------------


def _decimal(raw, field: str) -> Decimal:
    try:
        return Decimal(str(raw).replace(",", "."))
    except (InvalidOperation, ValueError):
        raise DomainError("Введите число.", field=field) from None


@transaction.atomic
def assessment_record(
    *, program: Program, mentee, stage: str, rater: str, scores: dict, user, max_score=5
) -> list[Assessment]:
    """Scores of one mentee by one rater at one stage, per area: ``{area: score}``. A scale score is
    1–5; a test score is points from 0 to ``max_score``. Recording again replaces the earlier score."""
    if stage not in Stage.values:
        raise DomainError("Выберите этап.", field="stage")
    if rater not in Assessment.Rater.values:
        raise DomainError("Выберите, кто оценивает.", field="rater")
    if not program.group.members.filter(mentee_person=mentee).exists():
        raise DomainError("Этот педагог не участвует в программе.", field="mentee")
    max_score = _decimal(max_score, "max_score")
    if rater == Assessment.Rater.TEST:
        if not 1 <= max_score <= 1000:
            raise DomainError("Наибольший балл теста — от 1 до 1000.", field="max_score")
    else:
        max_score = Decimal(5)
    saved = []
    for area, raw in scores.items():
        if raw in (None, ""):
            continue
        score = _decimal(raw, f"area_{area}")
        low = 0 if rater == Assessment.Rater.TEST else 1
        if not low <= score <= max_score:
            raise DomainError(f"Балл должен быть от {low} до {max_score.normalize()}.", field=f"area_{area}")
        score5 = 1 + 4 * float(score) / float(max_score) if rater == Assessment.Rater.TEST else float(score)
        obj, _ = Assessment.objects.update_or_create(
            program=program,
            mentee=mentee,
            stage=stage,
            rater=rater,
            area=area,
            defaults={"score": score, "max_score": max_score, "score5": score5, "entered_by": user},
        )
        saved.append(obj)
    if not saved:
        raise DomainError("Поставьте оценку хотя бы по одному направлению.")
    return saved


# Level 3 ------------------------------------------------------------------------------------------


def criteria_for(organization) -> list[ObservationCriterion]:
    """The organisation's own criteria when it has set them, else the default set."""
    own = list(ObservationCriterion.objects.filter(organization=organization, is_active=True))
    return own or list(ObservationCriterion.objects.filter(organization__isnull=True, is_active=True))


@transaction.atomic
def protocol_create(
    *,
    program: Program,
    mentee,
    stage: str,
    observer,
    observer_role: str,
    visited_on: date,
    lesson: str,
    notes: str = "",
    scores: dict[int, int],
) -> ObservationProtocol:
    if not program.group.members.filter(mentee_person=mentee).exists():
        raise DomainError("Этот педагог не участвует в программе.", field="mentee")
    if visited_on > today():
        raise DomainError("Дата посещения не может быть в будущем.", field="visited_on")
    criteria = {c.pk: c for c in criteria_for(program.organization)}
    if not scores:
        raise DomainError("Оцените урок хотя бы по одному критерию.")
    for pk, score in scores.items():
        if pk not in criteria:
            raise DomainError("Неизвестный критерий.")
        if not 1 <= int(score) <= ObservationScore.SCALE:
            raise DomainError("Балл должен быть от 1 до 5.", field=f"c{pk}")
    protocol = ObservationProtocol.objects.create(
        program=program,
        mentee=mentee,
        stage=stage,
        observer=observer,
        observer_role=observer_role,
        visited_on=visited_on,
        lesson=lesson,
        notes=notes,
    )
    ObservationScore.objects.bulk_create(
        ObservationScore(protocol=protocol, criterion=criteria[pk], score=int(s)) for pk, s in scores.items()
    )
    return protocol


@transaction.atomic
def criterion_add(*, organization, title: str, user) -> ObservationCriterion:
    """The first own criterion copies the default set, so the organisation edits its own list."""
    if not title.strip():
        raise DomainError("Введите критерий.", field="title")
    own = ObservationCriterion.objects.filter(organization=organization)
    if not own.exists():
        for c in ObservationCriterion.objects.filter(organization__isnull=True):
            ObservationCriterion.objects.create(organization=organization, title=c.title, position=c.position)
    return ObservationCriterion.objects.create(
        organization=organization, title=title.strip(), position=own.count()
    )


# Level 4 ------------------------------------------------------------------------------------------


@transaction.atomic
def indicator_set(*, organization, year, kind: str, value, source: str, user) -> OrganizationIndicator:
    if year is None:
        raise DomainError("Укажите учебный год.", field="year")
    if kind not in Indicator.values:
        raise DomainError("Выберите показатель.", field="kind")
    value = _decimal(value, "value")
    low, high = INDICATOR_RANGES[kind]
    if not low <= value <= high:
        raise DomainError(f"Значение должно быть от {low} до {high}.", field="value")
    if not (source or "").strip():
        raise DomainError("Укажите источник сведений.", field="source")
    try:
        obj, _ = OrganizationIndicator.objects.update_or_create(
            organization=organization,
            year=year,
            kind=kind,
            defaults={"value": value, "source": source.strip(), "entered_by": user},
        )
    except IntegrityError as error:  # pragma: no cover - guarded above
        raise DomainError("Показатель не сохранён.") from error
    return obj


RECOMMENDATION_MAX = 1000


def _recommendation_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise DomainError("Напишите текст рекомендации.", field="text")
    if len(text) > RECOMMENDATION_MAX:
        raise DomainError(f"Рекомендация длиннее {RECOMMENDATION_MAX} знаков.", field="text")
    return text


@transaction.atomic
def recommendations_generate(*, organization, year, user, on: date | None = None) -> int:
    """Propose the rules' recommendations of the year (apps/monitoring/advice.py). A proposal made before
    is not repeated, whether the curator kept, edited or dismissed it; an untouched proposal whose rule
    no longer holds is withdrawn. Returns the number of new ones."""
    from . import advice
    from .models import Recommendation

    if year is None:
        raise DomainError("Укажите учебный год.", field="year")
    proposals = advice.proposals(organization=organization, year=year, on=on)
    existing = {
        (r.program_id, r.rule, r.key): r
        for r in Recommendation.objects.select_for_update().filter(
            organization=organization, year=year, source=Recommendation.Source.RULE
        )
    }
    wanted = {(p.pk if p else None, rule, key): (p, text) for p, rule, key, text in proposals}
    stale = [r.pk for k, r in existing.items() if k not in wanted and not r.edited and not r.dismissed]
    Recommendation.objects.filter(pk__in=stale).delete()
    new = [
        Recommendation(
            organization=organization,
            year=year,
            program=program,
            source=Recommendation.Source.RULE,
            rule=rule,
            key=key,
            text=text,
            author=user,
        )
        for (_pk, rule, key), (program, text) in wanted.items()
        if (_pk, rule, key) not in existing
    ]
    Recommendation.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def recommendation_add(*, organization, year, program=None, text: str, user):
    """The curator's own recommendation, for the organisation or one of its programs of the year."""
    from .models import Recommendation

    if year is None:
        raise DomainError("Укажите учебный год.", field="year")
    if program is not None and (
        program.organization_id != organization.pk or program.group.year_id != year.pk
    ):
        raise DomainError("Выберите программу этой организации и этого учебного года.", field="program")
    return Recommendation.objects.create(
        organization=organization,
        year=year,
        program=program,
        source=Recommendation.Source.MANUAL,
        text=_recommendation_text(text),
        author=user,
    )


@transaction.atomic
def recommendation_edit(*, recommendation, text: str, user):
    text = _recommendation_text(text)
    if text != recommendation.text:
        recommendation.text, recommendation.edited, recommendation.author = text, True, user
        recommendation.save(update_fields=["text", "edited", "author", "updated_at"])
    return recommendation


@transaction.atomic
def recommendation_dismiss(*, recommendation, user, restore: bool = False):
    """Dismissed: not printed in the report; a rule's proposal is not made again (restore brings it back)."""
    recommendation.dismissed, recommendation.author = not restore, user
    recommendation.save(update_fields=["dismissed", "author", "updated_at"])
    return recommendation


def erase_person_data(*, person) -> dict[str, int]:
    """Destruction after a withdrawal (152-ФЗ art. 21 p. 5): the assessments and the observation
    protocols of the person (with their change history) and the survey assignments (the links to the
    person; the answers themselves carry no link and stay as anonymous statistics)."""
    from django.apps import apps

    protocols = ObservationProtocol.objects.filter(mentee=person)
    protocol_ids = list(protocols.values_list("pk", flat=True))
    counts = {
        "assessments": Assessment.objects.filter(mentee=person).delete()[0],
        "observations": len(protocol_ids),
    }
    ObservationScore.objects.filter(protocol_id__in=protocol_ids).delete()
    protocols.delete()
    apps.get_model("monitoring", "ObservationProtocolEvent").objects.filter(
        pgh_obj_id__in=protocol_ids
    ).delete()
    counts["survey_assignments"] = SurveyAssignment.objects.filter(person=person).delete()[0]
    return counts
