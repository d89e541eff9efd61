"""Addressed recommendations (адресные рекомендации, seed 002 §VI: «По итогам проведения мониторинга
разрабатываются адресные рекомендации для участников отношений в сфере образования») proposed from the
figures of the year by explicit rules; the curator reviews them (services.recommendation_*).

Each rule is a named function with its threshold: it reads the facts of one program (a pair or group)
or of the organisation and returns the texts it proposes as ``(key, text)``; the key tells apart two
proposals of one rule (the area of difficulties). The texts name nobody: the report prints the pair.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Avg, Count, F

from apps.banks.models import Area
from apps.core import russian
from apps.programs.models import Program, RoadmapEvent
from apps.programs.selectors import STALL_DAYS, is_stalled, today, with_progress

from .models import Assessment
from .selectors.levels import _level1_answers
from .selectors.process import _formal_events
from .selectors.risks import LOW_SATISFACTION, MENTOR_LOAD_CEILING
from .statform import _overloaded_mentors

# A gain of the level-2 score (five-point scale) below this in an area: the plan did not reach it.
LOW_GAIN = 0.5


@dataclass
class ProgramFacts:
    program: Program
    satisfaction: float | None = None  # the mentees' level-1 mean, of 5
    formal_events: int = 0
    stalled: bool = False
    gains: dict[str, float] = field(default_factory=dict)  # area → change of the level-2 mean


@dataclass
class SchoolFacts:
    programs: int = 0
    responses: int = 0
    overloaded: int = 0


Proposal = tuple[str, str]


def low_satisfaction(facts: ProgramFacts) -> list[Proposal]:
    """Level 1 below ``LOW_SATISFACTION`` of 5 (risks 4–5 of seed 002 §VI: quality of mentoring,
    motivation of the mentees)."""
    if facts.satisfaction is None or facts.satisfaction >= LOW_SATISFACTION:
        return []
    score = f"{facts.satisfaction:.1f}".replace(".", ",")
    return [
        (
            "",
            f"Провести встречу куратора с парой (группой): удовлетворённость наставляемых {score} из 5 — "
            f"ниже {LOW_SATISFACTION:g}. Обсудить причины, названные в анкетах, скорректировать программу, "
            f"при необходимости рассмотреть замену наставника.",
        )
    ]


def formal_events(facts: ProgramFacts) -> list[Proposal]:
    """Events marked done without a product or a description (risk 4: «формализм в выполнении функций
    наставника»)."""
    if facts.formal_events < 1:
        return []
    n = russian.count(facts.formal_events, "мероприятие")
    return [
        (
            "",
            f"Подтвердить выполнение мероприятий дорожной карты ({n} без подтверждения): приложить продукт "
            f"или описать результат, чтобы работа пары не была формальной.",
        )
    ]


def stalled(facts: ProgramFacts) -> list[Proposal]:
    """A running program with no logged activity for ``STALL_DAYS`` days."""
    if not facts.stalled:
        return []
    return [
        (
            "",
            f"Проверить работу пары (группы): в журнале нет записей {russian.count(STALL_DAYS, 'день')} и "
            f"больше. Согласовать с наставником и наставляемым ближайшие встречи или скорректировать план.",
        )
    ]


def low_knowledge_gain(facts: ProgramFacts) -> list[Proposal]:
    """Level 2: an area where the final score exceeds the initial one by less than ``LOW_GAIN``."""
    proposals = []
    for area, gain in sorted(facts.gains.items()):
        if gain < LOW_GAIN:
            label = dict(Area.choices).get(area, area)
            change = f"{gain:+.1f}".replace(".", ",").replace("-", "−")
            proposals.append(
                (
                    area,
                    f"Скорректировать план устранения профессиональных дефицитов по направлению "
                    f"«{label}»: оценка знаний и умений изменилась на {change} балла (меньше "
                    f"{str(LOW_GAIN).replace('.', ',')}).",
                )
            )
    return proposals


def no_satisfaction_survey(facts: SchoolFacts) -> list[Proposal]:
    """Programs ran but no mentee answered a level-1 questionnaire."""
    if facts.programs == 0 or facts.responses > 0:
        return []
    return [
        (
            "",
            "Провести анкетирование удовлетворённости наставляемых (уровень 1) по всем программам "
            "учебного года: без него не оценить качество наставнической деятельности.",
        )
    ]


def overloaded_mentors(facts: SchoolFacts) -> list[Proposal]:
    """Risk 2 «Высокая нагрузка на наставников и наставляемых»: mentors above their limit or
    ``MENTOR_LOAD_CEILING``."""
    if facts.overloaded < 1:
        return []
    return [
        (
            "",
            f"Перераспределить наставляемых: наставников с нагрузкой больше допустимой — {facts.overloaded} "
            f"(наставляемых больше личного предела или больше {MENTOR_LOAD_CEILING}).",
        )
    ]


PROGRAM_RULES: dict[str, Callable[[ProgramFacts], list[Proposal]]] = {
    "low_satisfaction": low_satisfaction,
    "formal_events": formal_events,
    "stalled": stalled,
    "low_knowledge_gain": low_knowledge_gain,
}
SCHOOL_RULES: dict[str, Callable[[SchoolFacts], list[Proposal]]] = {
    "no_satisfaction_survey": no_satisfaction_survey,
    "overloaded_mentors": overloaded_mentors,
}


def facts(*, organization, year, on: date | None = None) -> tuple[SchoolFacts, list[ProgramFacts]]:
    """The facts the rules read, in a fixed number of queries."""
    on = on or today()
    programs = list(
        with_progress(Program.objects.filter(organization=organization, group__year=year), on).order_by(
            "title"
        )
    )
    by_pk = {p.pk: ProgramFacts(program=p) for p in programs}
    for row in (
        _level1_answers(Program.objects.filter(pk__in=by_pk))
        .values(pk=F("response__program_id"))
        .annotate(avg=Avg("score5"))
        .order_by()
    ):
        by_pk[row["pk"]].satisfaction = row["avg"]
    for row in (
        _formal_events(RoadmapEvent.objects.filter(program__in=by_pk))
        .values(pk=F("program_id"))
        .annotate(n=Count("pk"))
        .order_by()
    ):
        by_pk[row["pk"]].formal_events = row["n"]
    for p in programs:
        by_pk[p.pk].stalled = is_stalled(p, p.last_activity, on)
    stages: dict = {}
    for row in (
        Assessment.objects.filter(program__in=by_pk)
        .values("program_id", "area", "stage")
        .annotate(avg=Avg("score5"))
        .order_by()
    ):
        stages.setdefault((row["program_id"], row["area"]), {})[row["stage"]] = row["avg"]
    for (pk, area), s in stages.items():
        if "start" in s and "end" in s:
            by_pk[pk].gains[area] = round(s["end"] - s["start"], 2)
    responses = _level1_answers(Program.objects.filter(pk__in=by_pk)).aggregate(
        n=Count("response", distinct=True)
    )["n"]
    overloaded = _overloaded_mentors([organization], year).get(organization.pk)
    school = SchoolFacts(
        programs=len(programs), responses=responses, overloaded=overloaded.number if overloaded else 0
    )
    return school, list(by_pk.values())


def proposals(*, organization, year, on: date | None = None) -> list[tuple[Program | None, str, str, str]]:
    """Every proposal of the rules: (program or None for the organisation, rule, key, text)."""
    school, programs = facts(organization=organization, year=year, on=on)
    result = [(None, name, key, text) for name, rule in SCHOOL_RULES.items() for key, text in rule(school)]
    for pf in programs:
        result += [
            (pf.program, name, key, text) for name, rule in PROGRAM_RULES.items() for key, text in rule(pf)
        ]
    return result
