"""The rules that detect each of the six risks (seed 002 §VI, seed 003 IV) from the portal's data of one
organisation and academic year. A rule returns a :class:`Finding`: the evidence with names (people,
pairs, programs) for the school's managers, and the same figures without names, which is what the
register keeps. Each rule reads a fixed number of queries whatever the size of the school.

Risks 2 (the mentors' side) and 4 reuse the queries of the monitoring dashboard
(``apps.monitoring.selectors.risks``), so the two pages never disagree."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import TruncMonth
from django.utils.formats import date_format

from apps.banks.models import MenteeEntry, MentorEntry
from apps.core import russian
from apps.monitoring.models import Topic
from apps.monitoring.selectors.levels import level1
from apps.monitoring.selectors.risks import (
    LOW_SATISFACTION,
    formal_events_by_program,
    low_satisfaction_by_program,
    overloaded_mentors,
)
from apps.monitoring.selectors.scope import report_programs
from apps.organizations.models import AcademicYear, Organization
from apps.pairs.models import GroupMember, MentorChange
from apps.programs.models import ActivityLog, Program, Responsible, RoadmapEvent
from apps.programs.selectors import STALL_DAYS, is_stalled, overdue_q, today, with_progress
from apps.staff.models import Person
from apps.territory.models import Roadmap
from apps.territory.models import RoadmapEvent as ImplementationEvent

from .catalogue import MEASURES, RiskKind, measures_text

# Risk 1. Fewer than one teacher in five in either bank: a pair needs two people, so the school then has
# less than one pair for every ten teachers — mentoring is something for a few, not the staff's way to grow
# (seed 003 expects «увеличение числа педагогов, планирующих стать наставниками и наставляемыми»).
BANK_SHARE_FLOOR = 20  # per cent
# Below this size of the staff a share says nothing (two teachers of five are 40 %, one of four 25 %).
BANK_SHARE_MIN_STAFF = 5

# Risk 2, the mentees' side. A mentee works in one pair or group at a time: a second active one doubles
# the events on top of the teaching load. And the seeds plan the pair's work monthly (seed 004
# «Ежемесячно»); more than one event a week in a month is a load the teaching timetable does not hold.
MENTEE_GROUPS_CEILING = 1
MENTEE_EVENTS_PER_MONTH = 4

# Risk 6. The municipal coordinator agrees the school's roadmap (seed 002 §IV); two weeks without an
# answer is no longer the mail being slow.
AGREEMENT_WAIT_DAYS = 14


@dataclass
class Scope:
    organization: Organization
    year: AcademicYear
    on: date
    programs: object  # the programs of the year (QuerySet[Program])

    @property
    def running(self):
        return self.programs.filter(status=Program.Status.APPROVED)


@dataclass
class Finding:
    """What a rule found: ``lines`` name people and programs, ``facts`` are figures without names."""

    kind: str
    lines: list[str] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return bool(self.lines)

    @property
    def title(self) -> str:
        return RiskKind(self.kind).label

    @property
    def measures(self) -> tuple[str, ...]:
        return MEASURES[self.kind]

    @property
    def measures_text(self) -> str:
        return measures_text(self.kind)

    @property
    def summary(self) -> str:
        """The figures as one text for the register (no names: the register outlives the people)."""
        text = "; ".join(self.facts)
        return text[:1].upper() + text[1:] + "." if text else ""

    def add(self, lines: list[str], fact: str) -> None:
        if lines:
            self.lines += lines
            self.facts.append(fact)

    def add_fact(self, fact: str) -> None:
        """A finding that is its own evidence (a figure, a state of the roadmap)."""
        self.add([fact[:1].upper() + fact[1:]], fact)


def _day(value: date) -> str:
    return f"{date_format(value, 'j E Y')} г."


def _month(value: date) -> str:
    return f"{date_format(value, 'F Y').lower()} г."


def _title(program_title: str) -> str:
    return russian.quoted(program_title)


def _changes(scope: Scope, ground: str):
    return (
        MentorChange.objects.filter(
            organization=scope.organization,
            ground=ground,
            document_date__gte=scope.year.starts_on,
            document_date__lte=scope.year.ends_on,
        )
        .select_related("mentor__person", "member__mentee_person")
        .order_by("document_date", "pk")
    )


def _add_low_satisfaction(finding: Finding, scope: Scope, *, role: str, whose: str) -> None:
    """Programs whose ``role`` rated the mentoring below ``LOW_SATISFACTION`` (level 1, seed 004)."""
    low = list(low_satisfaction_by_program(scope.programs, role=role))
    finding.add(
        [
            f"{_title(r['response__program__title'])}: удовлетворённость {whose} {r['avg']:.1f} из 5"
            for r in low
        ],
        f"программы с удовлетворённостью {whose} ниже {LOW_SATISFACTION:g} из 5: {len(low)}",
    )


# 1. Teachers who do not see mentoring as professional growth ------------------------------------


def detect_perception(scope: Scope) -> Finding:
    finding = Finding(RiskKind.PERCEPTION)
    org, year, on = scope.organization, scope.year, scope.on
    in_bank = Exists(
        MentorEntry.objects.filter(person=OuterRef("pk"), year=year).exclude(
            status=MentorEntry.Status.REJECTED
        )
    ) | Exists(
        MenteeEntry.objects.filter(person=OuterRef("pk"), year=year).exclude(
            status=MenteeEntry.Status.REJECTED
        )
    )
    figures = (
        Person.objects.filter(organization=org)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=on))
        .alias(in_bank=in_bank)
        .aggregate(staff=Count("pk"), in_banks=Count("pk", filter=Q(in_bank=True)))
    )
    staff, in_banks = figures["staff"], figures["in_banks"]
    if staff >= BANK_SHARE_MIN_STAFF and in_banks * 100 < staff * BANK_SHARE_FLOOR:
        share = round(in_banks * 100 / staff)
        text = (
            f"в банках наставников и наставляемых {in_banks} из {staff} "
            f"{russian.plural_form(staff, 'педагога', 'педагогов', 'педагогов')} реестра ({share} %), "
            f"меньше {BANK_SHARE_FLOOR} %"
        )
        finding.add_fact(text)

    left = list(
        MenteeEntry.objects.filter(organization=org, year=year, status=MenteeEntry.Status.LEFT)
        .select_related("person")
        .order_by("person__last_name", "person__first_name")
    )
    finding.add(
        [
            f"{russian.short_name_in(e.person)} {russian.by_sex(e.person, 'выбыл', 'выбыла')} "
            "из банка наставляемых"
            for e in left
        ],
        f"выбыли из банка наставляемых: {len(left)}",
    )

    readiness = next(
        (t for t in level1(scope.programs)["by_topic"] if t["topic"] == Topic.READINESS.label), None
    )
    if readiness and readiness["average"] is not None and readiness["average"] < LOW_SATISFACTION:
        text = (
            f"готовность применять полученное на практике — {readiness['average']:.1f} из 5 "
            f"по ответам наставляемых (ниже {LOW_SATISFACTION:g})"
        )
        finding.add_fact(text)
    return finding


# 2. A high load on mentors and mentees ---------------------------------------------------------


def detect_load(scope: Scope) -> Finding:
    finding = Finding(RiskKind.LOAD)
    overloaded = list(overloaded_mentors(organization=scope.organization, year=scope.year))
    finding.add(
        [
            f"{m.person.short_name}: {russian.count(m.load, 'наставляемый')} при пределе {m.max_mentees}"
            for m in overloaded
        ],
        f"наставники с нагрузкой сверх предела: {len(overloaded)}",
    )

    active = GroupMember.objects.filter(
        group__organization=scope.organization, group__year=scope.year, status=GroupMember.Status.ACTIVE
    )
    doubled = list(
        active.values("mentee_person")
        .annotate(n=Count("group", distinct=True))
        .filter(n__gt=MENTEE_GROUPS_CEILING)
        .order_by("mentee_person")
    )
    dense = list(_dense_months(scope))
    people = Person.objects.in_bulk(
        [row["mentee_person"] for row in doubled]
        + [row["program__group__members__mentee_person"] for row in dense]
    )
    finding.add(
        [
            f"{russian.short_name_in(people[row['mentee_person']])}: одновременно "
            f"{russian.count(row['n'], 'программа')}"
            for row in sorted(doubled, key=lambda r: people[r["mentee_person"]].last_name)
        ],
        f"наставляемые в нескольких программах одновременно: {len(doubled)}",
    )

    finding.add(
        [
            f"{russian.short_name_in(people[row['program__group__members__mentee_person']])}: "
            f"{russian.count(row['n'], 'мероприятие')} за {_month(row['month'])}"
            for row in dense
        ],
        f"месяцы, когда у наставляемого больше {MENTEE_EVENTS_PER_MONTH} мероприятий: {len(dense)}",
    )
    return finding


def _dense_months(scope: Scope):
    """(mentee, month, n) where a mentee has more than ``MENTEE_EVENTS_PER_MONTH`` events of the running
    programs in one month, counted over all the mentee's pairs and groups."""
    return (
        RoadmapEvent.objects.filter(
            program__in=scope.running, program__group__members__status=GroupMember.Status.ACTIVE
        )
        .exclude(status=RoadmapEvent.Status.CANCELLED)
        .annotate(month=TruncMonth("start"))
        .values("program__group__members__mentee_person", "month")
        .annotate(n=Count("pk", distinct=True))
        .filter(n__gt=MENTEE_EVENTS_PER_MONTH)
        .order_by("month", "program__group__members__mentee_person")
    )


# 3. Low motivation of mentors ------------------------------------------------------------------


def detect_mentor_motivation(scope: Scope) -> Finding:
    finding = Finding(RiskKind.MENTOR_MOTIVATION)
    cutoff = scope.on - timedelta(days=STALL_DAYS)
    mentor_user = OuterRef("group__mentor__person__user")
    silent = list(
        scope.running.filter(start__lte=cutoff)
        .alias(
            by_mentor=Exists(ActivityLog.objects.filter(program=OuterRef("pk"), created_by=mentor_user)),
            any_log=Exists(ActivityLog.objects.filter(program=OuterRef("pk"))),
        )
        # A mentor without an account cannot write: then any line of the log counts as theirs.
        .filter(
            Q(group__mentor__person__user__isnull=False, by_mentor=False)
            | Q(group__mentor__person__user__isnull=True, any_log=False)
        )
        .select_related("group__mentor__person")
        .order_by("start", "pk")
    )
    finding.add(
        [
            f"{_title(p.title)} ({p.group.mentor.person.short_name}): с начала {_day(p.start)} "
            "в журнале нет ни одной записи наставника"
            for p in silent
        ],
        f"программы, в журнале которых нет записей наставника за {russian.count(STALL_DAYS, 'день')} "
        f"и больше: {len(silent)}",
    )

    _add_low_satisfaction(finding, scope, role="mentor", whose="наставника")

    applications = list(_changes(scope, MentorChange.Ground.MENTOR_APPLICATION))
    finding.add(
        [
            f"{c.mentor.person.short_name}: заявление о сложении обязанностей наставника "
            f"от {_day(c.document_date)}"
            for c in applications
        ],
        f"заявления наставников о сложении обязанностей: {len(applications)}",
    )
    return finding


# 4. Low quality and formalism --------------------------------------------------------------------


def detect_formalism(scope: Scope) -> Finding:
    finding = Finding(RiskKind.FORMALISM)
    formal = list(formal_events_by_program(scope.programs))
    finding.add(
        [
            f"{_title(r['program__title'])}: отмечено выполненными без подтверждения — "
            f"{russian.count(r['n'], 'мероприятие')}"
            for r in formal
        ],
        "мероприятия, отмеченные выполненными без подтверждения: " + str(sum(r["n"] for r in formal)),
    )

    running = with_progress(scope.running.select_related("group__mentor__person"), scope.on).order_by(
        "start", "pk"
    )
    stalled = [p for p in running if is_stalled(p, p.last_activity, scope.on)]
    finding.add(
        [
            f"{_title(p.title)} ({p.group.mentor.person.short_name}): нет записей в журнале "
            f"{russian.count(STALL_DAYS, 'день')} и больше"
            for p in stalled
        ],
        f"программы без записей в журнале {russian.count(STALL_DAYS, 'день')} и больше: {len(stalled)}",
    )
    return finding


# 5. Low motivation of mentees ---------------------------------------------------------------------


def detect_mentee_motivation(scope: Scope) -> Finding:
    finding = Finding(RiskKind.MENTEE_MOTIVATION)
    _add_low_satisfaction(finding, scope, role="mentee", whose="наставляемых")

    missed = list(
        RoadmapEvent.objects.filter(program__in=scope.running, responsible=Responsible.MENTEE)
        .filter(overdue_q(scope.on))
        .values("program", "program__title")
        .annotate(n=Count("pk"))
        .order_by("program__title")
    )
    finding.add(
        [
            f"{_title(r['program__title'])}: наставляемый не выполнил в срок "
            f"{russian.count(r['n'], 'мероприятие')}"
            for r in missed
        ],
        "мероприятия наставляемых, не выполненные в срок: " + str(sum(r["n"] for r in missed)),
    )

    petitions = list(_changes(scope, MentorChange.Ground.MENTEE_PETITION))
    finding.add(
        [
            f"{russian.short_name_in(c.member.mentee_person if c.member else c.mentor.person)}: "
            f"ходатайство о замене наставника от {_day(c.document_date)}"
            for c in petitions
        ],
        f"ходатайства наставляемых о замене наставника: {len(petitions)}",
    )
    return finding


# 6. Weak interaction of the two contours (school — municipality — region) ------------------------


def detect_contours(scope: Scope) -> Finding:
    finding = Finding(RiskKind.CONTOURS)
    roadmap = (
        Roadmap.objects.filter(organization=scope.organization, year=scope.year)
        .annotate(
            unanswered=Count("remarks", filter=Q(remarks__answer=""), distinct=True),
            overdue=Count(
                "events",
                filter=Q(events__status=ImplementationEvent.Status.PLANNED, events__deadline__lt=scope.on),
                distinct=True,
            ),
        )
        .first()
    )
    if roadmap is None:
        text = f"дорожная карта внедрения на {scope.year.label} учебный год не составлена"
        finding.add_fact(text)
        return finding
    if roadmap.status == Roadmap.Status.DRAFT:
        text = "дорожная карта не утверждена руководителем и не направлена на согласование"
        finding.add_fact(text)
    elif roadmap.status == Roadmap.Status.APPROVED and roadmap.approved_at:
        since = roadmap.approved_at.date()
        if (scope.on - since).days >= AGREEMENT_WAIT_DAYS:
            text = f"дорожная карта ждёт согласования муниципальным координатором с {_day(since)}"
            finding.add_fact(text)
    elif roadmap.status == Roadmap.Status.RETURNED and roadmap.unanswered:
        text = f"дорожная карта возвращена с замечаниями, замечаний без ответа: {roadmap.unanswered}"
        finding.add_fact(text)
    if roadmap.overdue:
        text = f"мероприятий дорожной карты внедрения, не выполненных в срок: {roadmap.overdue}"
        finding.add_fact(text)
    return finding


RULES: dict[str, Callable[[Scope], Finding]] = {
    RiskKind.PERCEPTION: detect_perception,
    RiskKind.LOAD: detect_load,
    RiskKind.MENTOR_MOTIVATION: detect_mentor_motivation,
    RiskKind.FORMALISM: detect_formalism,
    RiskKind.MENTEE_MOTIVATION: detect_mentee_motivation,
    RiskKind.CONTOURS: detect_contours,
}


def scope_of(*, organization: Organization, year: AcademicYear, on: date | None = None) -> Scope:
    return Scope(
        organization=organization,
        year=year,
        on=on or today(),
        programs=report_programs(organization=organization, year=year),
    )


def detect(kind: str, *, organization: Organization, year: AcademicYear, on: date | None = None) -> Finding:
    return RULES[kind](scope_of(organization=organization, year=year, on=on))


def detect_all(*, organization: Organization, year: AcademicYear, on: date | None = None) -> list[Finding]:
    """Every risk, in the seeds' order, found or not."""
    scope = scope_of(organization=organization, year=year, on=on)
    return [rule(scope) for rule in RULES.values()]
