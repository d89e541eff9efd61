"""What monitoring reads from: the programs of a report, questionnaires, campaigns, a user's surveys."""

from datetime import date, timedelta

from django.db.models import (
    Count,
    Min,
    Q,
    QuerySet,
)
from django.shortcuts import get_object_or_404

from apps.accounts.selectors import organizations_of
from apps.organizations.models import AcademicYear
from apps.programs.models import Program
from apps.programs.selectors import today, with_progress

from ..models import (
    Campaign,
    QuestionnaireTemplate,
    SurveyAssignment,
)


def years() -> list[AcademicYear]:
    return list(AcademicYear.objects.order_by("-start_year"))


def report_programs(*, organization, year: AcademicYear | None = None, program_ids=None) -> QuerySet[Program]:
    """The programs a report or a dashboard covers: the organisation's, of a year, maybe a subset."""
    qs = Program.objects.filter(organization=organization)
    if year is not None:
        qs = qs.filter(group__year=year)
    if program_ids:
        qs = qs.filter(pk__in=program_ids)
    return qs


def program_for(*, user, pk: int) -> Program:
    """A program of the user's scope (else 404), with what the program-level predicates read."""
    from apps.programs.selectors import programs_in_scope

    return get_object_or_404(
        with_progress(
            programs_in_scope(user).select_related("group__mentor__person", "organization", "group__year")
        ).prefetch_related("group__members__mentee_person"),
        pk=pk,
    )


def templates_for(*, organization) -> QuerySet[QuestionnaireTemplate]:
    """Current versions: the ready ones and the organisation's own."""
    return (
        QuestionnaireTemplate.objects.filter(Q(organization=organization) | Q(organization__isnull=True))
        .filter(is_current=True)
        .annotate(n_questions=Count("questions", distinct=True))
        .order_by("organization_id", "title")
    )


def template_for(*, user, pk: int) -> QuestionnaireTemplate:
    return get_object_or_404(
        QuestionnaireTemplate.objects.filter(
            Q(organization__in=organizations_of(user)) | Q(organization__isnull=True)
        ).select_related("organization"),
        pk=pk,
    )


def template_content(template: QuestionnaireTemplate) -> list[dict]:
    """Sections with their questions (questions without a section first), two queries."""
    sections = list(template.sections.all())
    questions = list(template.questions.all())
    blocks = [{"section": None, "questions": [q for q in questions if q.section_id is None]}]
    for s in sections:
        blocks.append({"section": s, "questions": [q for q in questions if q.section_id == s.pk]})
    return [b for b in blocks if b["questions"] or b["section"]]


def campaigns_for(*, organization) -> QuerySet[Campaign]:
    return (
        Campaign.objects.filter(organization=organization)
        .select_related("template")
        .annotate(
            n_assigned=Count("assignments", distinct=True),
            n_answered=Count("assignments", filter=Q(assignments__answered_at__isnull=False), distinct=True),
        )
        .order_by("-created_at", "-pk")
    )


def campaign_for(*, user, pk: int) -> Campaign:
    return get_object_or_404(
        Campaign.objects.filter(organization__in=organizations_of(user)).select_related(
            "template", "organization"
        ),
        pk=pk,
    )


def campaign_assignments(campaign: Campaign) -> QuerySet[SurveyAssignment]:
    """Who has answered (names: for the curator's page only)."""
    return campaign.assignments.select_related("person", "program").order_by(
        "program__title", "role", "person__last_name", "person__first_name"
    )


def assignments_to_fill(*, user, on: date | None = None) -> QuerySet[SurveyAssignment]:
    """Surveys the user must fill now (open, not answered), soonest due first."""
    on = on or today()
    if not getattr(user, "is_authenticated", False):
        return SurveyAssignment.objects.none()
    return SurveyAssignment.objects.filter(
        person__user=user,
        answered_at__isnull=True,
        campaign__status=Campaign.Status.RUNNING,
        opens_on__lte=on,
        due_on__gte=on,
    ).order_by("due_on", "pk")


def my_assignments(*, user, on: date | None = None) -> list[SurveyAssignment]:
    """Surveys the user must fill now (open, not answered), soonest due first."""
    return list(assignments_to_fill(user=user, on=on).select_related("campaign", "program")[:10])


# The curator's inbox: a running campaign whose answers are late or due within this many days.
SURVEYS_DUE_DAYS = 3


def campaigns_due(*, organization, on: date | None = None) -> QuerySet[Campaign]:
    """Running campaigns of the organisation with unanswered surveys past their deadline or due within
    ``SURVEYS_DUE_DAYS``: the curator reminds the participants or enters the paper answers. Annotated
    with ``unanswered`` (those surveys) and ``due`` (the earliest of their deadlines)."""
    on = on or today()
    waiting = Q(
        assignments__answered_at__isnull=True,
        assignments__opens_on__lte=on,
        assignments__due_on__lte=on + timedelta(days=SURVEYS_DUE_DAYS),
    )
    return (
        Campaign.objects.filter(organization=organization, status=Campaign.Status.RUNNING)
        .annotate(
            unanswered=Count("assignments", filter=waiting), due=Min("assignments__due_on", filter=waiting)
        )
        .filter(unanswered__gt=0)
    )


def assignment_for(*, user, token: str) -> SurveyAssignment:
    """Only the addressee reaches a survey; for anybody else it does not exist."""
    return get_object_or_404(
        SurveyAssignment.objects.select_related("campaign__template", "program", "person"),
        token=token,
        person__user=user,
    )


def mentor_programs(*, user) -> list[Program]:
    """The programs the user mentors, for the links to their four-level cards (one query)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Program.objects.filter(group__mentor__person__user=user).only("pk", "title").order_by("-start")[:5]
    )
