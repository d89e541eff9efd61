"""Risk flags of an organisation's mentoring (seed 002): low satisfaction, formalism, overload, stalls."""

from dataclasses import dataclass
from datetime import date

from django.db.models import (
    Avg,
    Count,
    F,
    Q,
    QuerySet,
)

from apps.banks.models import MentorEntry
from apps.banks.selectors import mentor_load_annotation
from apps.core import russian
from apps.organizations.models import AcademicYear
from apps.programs.models import Program, RoadmapEvent
from apps.programs.selectors import is_stalled, today, with_progress

from .batch import _fetch_each
from .levels import _level1_answers
from .process import _formal_events
from .scope import report_programs

LOW_SATISFACTION = 3.0  # of 5 (seed risks: low motivation, low quality of mentoring)
MENTOR_LOAD_CEILING = 3  # more than three mentees overloads a mentor whatever their own limit


@dataclass
class Risk:
    kind: str
    title: str
    items: list[str]
    hint: str


def low_satisfaction_by_program(programs, role: str = "mentee") -> QuerySet:
    """Programs whose level-1 average of ``role``'s answers is below ``LOW_SATISFACTION``: rows of
    the program's id and title and ``avg``."""
    return (
        _level1_answers(programs, role)
        .values("response__program", "response__program__title")
        .annotate(avg=Avg("score5"))
        .filter(avg__lt=LOW_SATISFACTION)
        .order_by("response__program__title")
    )


def formal_events_by_program(programs) -> QuerySet:
    """Rows of a program's id and title and ``n``, its events done without evidence (formalism)."""
    return (
        _formal_events(RoadmapEvent.objects.filter(program__in=programs))
        .values("program", "program__title")
        .annotate(n=Count("pk"))
        .order_by("program__title")
    )


def overloaded_mentors(*, organization, year: AcademicYear | None) -> QuerySet[MentorEntry]:
    """Mentors with more mentees than their own limit or than ``MENTOR_LOAD_CEILING``, with ``load``."""
    mentors = MentorEntry.objects.filter(organization=organization)
    if year is not None:
        mentors = mentors.filter(year=year)
    return (
        mentors.annotate(load=mentor_load_annotation())
        .filter(Q(load__gt=F("max_mentees")) | Q(load__gt=MENTOR_LOAD_CEILING))
        .select_related("person")
        .order_by("person__last_name")
    )


def _risk_queries(programs) -> dict[str, QuerySet]:
    return {"low": low_satisfaction_by_program(programs), "formal": formal_events_by_program(programs)}


def _risk_shape(rows: dict, *, organization, year: AcademicYear | None, programs, on: date) -> list[Risk]:
    risks = []

    overloaded = overloaded_mentors(organization=organization, year=year)
    risks.append(
        Risk(
            "overload",
            "Перегрузка наставников",
            [
                f"{m.person.short_name}: {russian.count(m.load, 'наставляемый')} при пределе {m.max_mentees}"
                for m in overloaded
            ],
            f"Наставляемых больше личного предела или больше {MENTOR_LOAD_CEILING}.",
        )
    )

    running = list(
        with_progress(
            programs.exclude(status=Program.Status.FINISHED).select_related("group__mentor__person"), on
        ).order_by("title")
    )
    risks.append(
        Risk(
            "stalled",
            "Программы без активности",
            [
                f"{p.title} ({p.group.mentor.person.short_name})"
                for p in running
                if is_stalled(p, p.last_activity, on)
            ],
            "Нет записей в журнале 30 дней и больше.",
        )
    )
    risks.append(
        Risk(
            "overdue",
            "Просроченные мероприятия",
            [f"{p.title}: {p.events_overdue}" for p in running if p.events_overdue],
            "Мероприятия дорожной карты не выполнены в срок.",
        )
    )
    risks.append(
        Risk(
            "low_satisfaction",
            "Низкая удовлетворённость",
            [f"{r['response__program__title']}: {r['avg']:.1f} из 5" for r in rows["low"]],
            f"Средний балл наставляемых ниже {LOW_SATISFACTION:g} из 5.",
        )
    )
    risks.append(
        Risk(
            "formalism",
            "Формализм",
            [f"{r['program__title']}: {r['n']}" for r in rows["formal"]],
            "Мероприятия отмечены выполненными без подтверждения: нет файла, а описание — пара слов.",
        )
    )
    return risks


def risk_flags(
    *, organization, year: AcademicYear | None, programs=None, on: date | None = None
) -> list[Risk]:
    """The seeds' risks as flags (seeds 002 §VI, 003): overload, no activity, low satisfaction,
    overdue events, formalism. Four queries whatever the size."""
    on = on or today()
    programs = programs if programs is not None else report_programs(organization=organization, year=year)
    rows = _fetch_each(_risk_queries(programs))
    return _risk_shape(rows, organization=organization, year=year, programs=programs, on=on)
