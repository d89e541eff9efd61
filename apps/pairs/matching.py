"""Matching suggestions: mentors ranked for a mentee (or several), each score explained in Russian.

The score (at most 100) is a sum of components, each shown with its points so the curator sees why:

* coverage (0–50): every difficulty of the mentee weighs its level (1–3); a mentor's strength in the
  same area covers it by strength level / 3. Points = 50 × covered weight / total weight.
* same subject (15) or, failing that, same position (10);
* experience gap in pedagogical years (mentor minus mentee): ≥ 10 → 15, ≥ 5 → 10, ≥ 1 → 5, else 0;
  a less experienced mentor is proposed only for reverse mentoring (5 points, named so);
* free places against the limit: 10 × free / max_mentees (full mentors are not proposed);
* the psychologist's marks on earlier pairs of the same mentor and mentee: compatible +10,
  with reservations 0, not recommended −20.

The curator decides; nothing here writes.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from apps.banks.models import Area, Level, MenteeEntry, MentorEntry
from apps.core import russian
from apps.staff.selectors import valid_consent_exists

from .models import Compatibility, GroupMember
from .selectors import mentor_load_count

COVERAGE_POINTS = 50
SUBJECT_POINTS = 15
POSITION_POINTS = 10
LOAD_POINTS = 10
MARK_POINTS = {
    Compatibility.COMPATIBLE: 10,
    Compatibility.RESERVATIONS: 0,
    Compatibility.NOT_RECOMMENDED: -20,
}


@dataclass
class Reason:
    label: str
    points: int


@dataclass
class Suggestion:
    mentor: MentorEntry
    load: int
    reasons: list[Reason] = field(default_factory=list)

    @property
    def score(self) -> int:
        return sum(r.points for r in self.reasons)

    @property
    def free(self) -> int:
        return self.mentor.max_mentees - self.load


def candidate_mentors(*, organization, year):
    """Approved or active mentors with the written consent and a valid personal-data consent, with
    their load, strengths, subjects and position loaded in a fixed number of queries."""
    # The one load count of the portal: by person, distance groups of other organisations included.
    load = mentor_load_count()
    return (
        MentorEntry.objects.filter(
            organization=organization,
            year=year,
            status__in=MentorEntry.APPROVED_STATUSES,
            consent_signed_on__isnull=False,
        )
        .filter(Q(person__in=_consented_people()))
        .select_related("person__position")
        .prefetch_related("strengths", "person__subjects")
        .annotate(load=load)
        .order_by("person__last_name", "person__first_name")
    )


def _consented_people():
    from apps.staff.models import Person

    return Person.objects.filter(valid_consent_exists()).values("pk")


def _marks(mentor_ids, mentee_ids) -> dict[tuple[int, int], str]:
    """The latest psychologist's mark per (mentor entry, mentee entry) pair."""
    rows = (
        GroupMember.objects.filter(group__mentor_id__in=mentor_ids, mentee_id__in=mentee_ids)
        .exclude(group__compatibility="")
        .order_by("group__compatibility_at")
        .values_list("group__mentor_id", "mentee_id", "group__compatibility")
    )
    return {(m, e): c for m, e, c in rows}


def years_word(n: int) -> str:
    """1 год, 2 года, 5 лет, 11 лет, 21 год."""
    if n % 10 == 1 and n % 100 != 11:
        return "год"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return "года"
    return "лет"


def _level_label(level: int) -> str:
    return Level(level).label


def score(
    mentor: MentorEntry, mentees: list[MenteeEntry], *, load: int, reverse: bool, marks
) -> Suggestion | None:
    """One mentor against one or several mentees; None when the mentor cannot take them."""
    if any(
        m.person_id == mentor.person_id or (m.person.user_id and m.person.user_id == mentor.person.user_id)
        for m in mentees
    ):
        return None
    if mentor.max_mentees - load < len(mentees):
        return None
    s = Suggestion(mentor=mentor, load=load)
    strengths = {st.area: st.level for st in mentor.strengths.all()}
    areas = dict(Area.choices)

    total = covered = 0.0
    parts = []
    for mentee in mentees:
        for d in mentee.difficulties.all():
            total += d.level
            level = strengths.get(d.area, 0)
            covered += d.level * level / 3
            if level:
                parts.append(
                    f"{areas.get(d.area, d.area)} (затруднение: {_level_label(d.level)}, "
                    f"наставник: {_level_label(level)})"
                )
    points = round(COVERAGE_POINTS * covered / total) if total else 0
    if parts:
        s.reasons.append(Reason("Сильные стороны закрывают затруднения: " + "; ".join(parts), points))
    else:
        s.reasons.append(Reason("Сильные стороны не совпадают с затруднениями наставляемого", 0))

    mentor_subjects = {sub.pk: sub.name for sub in mentor.person.subjects.all()}
    common = sorted(
        {name for m in mentees for sub in m.person.subjects.all() if (name := mentor_subjects.get(sub.pk))}
    )
    same_position = mentor.person.position_id and all(
        m.person.position_id == mentor.person.position_id for m in mentees
    )
    if common:
        s.reasons.append(Reason("Общий предмет: " + ", ".join(common), SUBJECT_POINTS))
    elif same_position:
        s.reasons.append(Reason(f"Та же должность: {mentor.person.position.name.lower()}", POSITION_POINTS))

    gaps = [
        (mentor.person.pedagogical_experience_years or 0) - (m.person.pedagogical_experience_years or 0)
        for m in mentees
        if mentor.person.pedagogical_experience_years is not None
        and m.person.pedagogical_experience_years is not None
    ]
    if not gaps:
        s.reasons.append(Reason("Педагогический стаж не указан", 0))
    else:
        gap = min(gaps)
        points = 15 if gap >= 10 else 10 if gap >= 5 else 5 if gap >= 1 else 0
        if points:
            s.reasons.append(
                Reason(f"Наставник опытнее на {gap} {years_word(gap)} педагогического стажа", points)
            )
        elif reverse:
            s.reasons.append(Reason("Реверсивное наставничество: наставник не опытнее по стажу", 5))
        else:
            return None

    free = mentor.max_mentees - load
    s.reasons.append(
        Reason(
            f"Нагрузка: {load} из {mentor.max_mentees}, свободно мест: {free}",
            round(LOAD_POINTS * free / mentor.max_mentees),
        )
    )
    for mentee in mentees:
        mark = marks.get((mentor.pk, mentee.pk))
        if mark:
            s.reasons.append(
                Reason(
                    "Педагог-психолог о паре с "
                    f"{russian.short_name_in(mentee.person, 'instrumental')}: {Compatibility(mark).label}",
                    MARK_POINTS[mark],
                )
            )
    return s


def suggest_mentors(
    *, organization, year, mentees: list[MenteeEntry], reverse: bool = False, limit: int = 10
) -> list[Suggestion]:
    """Mentors ranked for ``mentees`` (loaded with difficulties and person subjects), best first."""
    mentors = list(candidate_mentors(organization=organization, year=year))
    marks = _marks([m.pk for m in mentors], [m.pk for m in mentees])
    suggestions = [
        s
        for mentor in mentors
        if (s := score(mentor, mentees, load=mentor.load, reverse=reverse, marks=marks)) is not None
    ]
    suggestions.sort(key=lambda s: (-s.score, s.mentor.person.last_name))
    return suggestions[:limit]


def load_mentees(pks) -> list[MenteeEntry]:
    return list(
        MenteeEntry.objects.filter(pk__in=pks)
        .select_related("person__position")
        .prefetch_related("difficulties", "person__subjects")
        .order_by("person__last_name")
    )


@dataclass
class Proposal:
    mentee: MenteeEntry
    suggestion: Suggestion | None


def propose_cohort(*, organization, year, mentees: list[MenteeEntry]) -> list[Proposal]:
    """A whole year's pairing at once: mentees with the heaviest difficulties choose first, each
    gets the best mentor that still has a free place (places taken here count). Greedy, not optimal:
    the curator adjusts it."""
    mentors = list(candidate_mentors(organization=organization, year=year))
    marks = _marks([m.pk for m in mentors], [m.pk for m in mentees])
    taken: dict[int, int] = {m.pk: m.load for m in mentors}
    order = sorted(mentees, key=lambda m: (-sum(d.level for d in m.difficulties.all()), m.person.last_name))
    proposals = {}
    for mentee in order:
        best = None
        for mentor in mentors:
            s = score(mentor, [mentee], load=taken[mentor.pk], reverse=False, marks=marks)
            if s and (best is None or s.score > best.score):
                best = s
        if best:
            taken[best.mentor.pk] += 1
        proposals[mentee.pk] = Proposal(mentee=mentee, suggestion=best)
    return [proposals[m.pk] for m in mentees]


AREA_TO_DIRECTION = {
    "scientific": "subject",
    "normative": "adaptation",
    "subject": "subject",
    "psychological": "psychological",
    "methodical": "methods",
    "ict": "ict",
    "upbringing": "upbringing",
    "health": "psychological",
}


def main_direction(mentee: MenteeEntry) -> str:
    """The direction of work suggested by the mentee's heaviest difficulty."""
    difficulties = sorted(mentee.difficulties.all(), key=lambda d: -d.level)
    return AREA_TO_DIRECTION.get(difficulties[0].area, "methods") if difficulties else "methods"
