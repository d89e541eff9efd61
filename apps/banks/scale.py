"""The scale steps of banks: the mentor and mentee banks of the current year, with strengths and
difficulties; planned before the pairs (which change their statuses) and saved after the users.

Reads ``ctx.staffers``, ``ctx.orgs``, ``ctx.year``, ``ctx.director``, ``ctx.curator``; sets
``ctx.mentors_of`` and ``ctx.mentees_of`` (the entries of each organisation, by its index)."""

from collections import defaultdict
from datetime import timedelta

from apps.core import russian
from apps.core.scale import ScaleContext

from .models import Area, MenteeDifficulty, MenteeEntry, MentorEntry, MentoringForm, MentorStrength


def build_banks(ctx: ScaleContext) -> None:
    """Bank entries of the current year, not saved yet (the users they name come later)."""
    rng, today, year = ctx.rng, ctx.today, ctx.year
    areas = list(Area.values)
    ctx.mentors_of: dict[int, list[MentorEntry]] = defaultdict(list)
    ctx.mentees_of: dict[int, list[MenteeEntry]] = defaultdict(list)
    ctx.strengths, ctx.difficulties = [], []
    for s in ctx.staffers:
        p = s.person
        if s.role == "mentor":
            approved_on = today - timedelta(days=rng.randint(100, 115))
            entry = MentorEntry(
                organization=ctx.orgs[s.org],
                year=year,
                person=p,
                status=MentorEntry.Status.APPROVED,
                source=rng.choice(MentorEntry.Source.values),
                mentoring_experience=f"{russian.by_sex(p, 'Сопровождал', 'Сопровождала')} молодых педагогов, "
                "руководит методобъединением.",
                confirmed_results="Победитель муниципального этапа конкурса профмастерства.",
                motivation="Хочу помочь молодым коллегам быстрее освоиться в профессии.",
                preferred_forms=[MentoringForm.TEACHER_TEACHER],
                max_mentees=2,
                consent_signed_on=approved_on - timedelta(days=rng.randint(1, 5)),
                approved_at=ctx.aware(approved_on),
            )
            entry._org = s.org
            ctx.mentors_of[s.org].append(entry)
            ctx.strengths.extend(
                MentorStrength(entry=entry, area=area, level=rng.choice([2, 3, 3]))
                for area in rng.sample(areas, rng.randint(1, 3))
            )
        elif s.role == "mentee":
            young = (p.pedagogical_experience_years or 0) <= 3 and p.birth_date.year >= today.year - 30
            if not p.education_pedagogical:
                category = MenteeEntry.Category.NON_PEDAGOGICAL
            elif young:
                category = MenteeEntry.Category.YOUNG
            else:
                category = rng.choice([MenteeEntry.Category.NEW_STAFF, MenteeEntry.Category.NEW_TECHNOLOGY])
            entry = MenteeEntry(
                organization=ctx.orgs[s.org],
                year=year,
                person=p,
                category=category,
                request="Нужна помощь в планировании уроков и работе с классом.",
                source=rng.choice(MenteeEntry.Source.values),
                status=MenteeEntry.Status.WAITING,
            )
            entry._org = s.org
            ctx.mentees_of[s.org].append(entry)
            ctx.difficulties.extend(
                MenteeDifficulty(entry=entry, area=area, level=rng.choice([1, 2, 2, 3]))
                for area in rng.sample(areas, rng.randint(1, 3))
            )


def save_banks(ctx: ScaleContext) -> None:
    mentors = [e for entries in ctx.mentors_of.values() for e in entries]
    mentees = [e for entries in ctx.mentees_of.values() for e in entries]
    for e in mentors:
        e.approved_by, e.created_by = ctx.director[e._org].user, ctx.curator[e._org].user
    for e in mentees:
        e.created_by = ctx.curator[e._org].user
    ctx.copy(MentorEntry, mentors, "mentor_entries")
    ctx.copy(MenteeEntry, mentees, "mentee_entries")
    ctx.copy(MentorStrength, ctx.strengths)
    ctx.copy(MenteeDifficulty, ctx.difficulties)
