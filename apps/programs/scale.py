"""The scale steps of programs: a program for every group (most approved), with its plans and the
participants' agreement; the roadmap events of each; the activity log.

Reads ``ctx.groups_of``, ``ctx.curator``; sets ``ctx.programs`` (``program._scale`` is its group's
``_scale``, ``program._events`` its roadmap events)."""

from datetime import timedelta

from apps.core import scale_data as words
from apps.core.scale import ScaleContext, allocate

from .dates import add_months
from .models import (
    ActivityFormat,
    ActivityKind,
    ActivityLog,
    Competence,
    CompetencePlanItem,
    DeficitPlanItem,
    Mode,
    Program,
    ProgramAgreement,
    ProgramVersion,
    Responsible,
    RoadmapEvent,
)


def build_programs(ctx: ScaleContext) -> None:
    rng, today = ctx.rng, ctx.today
    programs, versions, agreements, deficits, competences = [], [], [], [], []
    for o, groups in ctx.groups_of.items():
        curator = ctx.curator[o].user
        for group in groups:
            info = group._scale
            start = min(info["order_day"] + timedelta(days=rng.randint(0, 7)), today)
            end = add_months(start, info["months"]) - timedelta(days=1)
            topic = rng.choice(words.PROGRAM_TOPICS)
            approved = rng.random() < 0.95
            program = Program(
                organization_id=group.organization_id,
                group=group,
                title=f"{topic}: персонализированная программа наставничества",
                status=Program.Status.APPROVED if approved else Program.Status.ON_APPROVAL,
                start=start,
                end=end,
                mode=rng.choice(Mode.values),
                mentoring_types=list(group.types),
                problem=f"У наставляемого есть затруднения по теме «{topic.lower()}».",
                goal=group.goal,
                tasks="Выявить затруднения; составить план их устранения; применить новое на уроках.",
                expected_results="Наставляемый самостоятельно планирует и проводит уроки по теме.",
                evaluated_results="Результаты анкетирования, посещения уроков, продукты деятельности.",
                content="Консультации, посещение уроков, совместная подготовка открытого урока.",
                forms_methods="Беседа, наблюдение, анализ урока, мастер-класс.",
                principles="Добровольность, взаимное уважение, открытость.",
                evaluation="Модель Д. Киркпатрика: реакция, научение, поведение, результат.",
                approved_by=curator if approved else None,
                approved_at=ctx.aware(start) if approved else None,
                created_by=curator,
            )
            program._scale = info
            programs.append(program)
    ctx.copy(Program, programs, "programs")
    ctx.programs = programs
    competence_values = list(Competence.values)
    for program in programs:
        info = program._scale
        if program.status == Program.Status.APPROVED:
            versions.append(
                ProgramVersion(
                    program=program,
                    number=1,
                    snapshot=program.snapshot(),
                    note="Программа утверждена куратором",
                    changed_by=program.approved_by,
                )
            )
        for person_id in [program.group.mentor.person_id, *(m.person_id for m in info["mentees"])]:
            agreements.append(ProgramAgreement(program=program, person_id=person_id, revision=1))
        for i, direction in enumerate(rng.sample(words.DEFICIT_DIRECTIONS, rng.randint(2, 3))):
            deficits.append(
                DeficitPlanItem(
                    program=program,
                    position=i,
                    direction=direction,
                    deadline=f"до {add_months(program.start, i + 1):%d.%m.%Y}",
                    events="Консультации наставника, посещение уроков, самоанализ.",
                    goal="Устранить затруднение.",
                )
            )
        for i, competence in enumerate(rng.sample(competence_values, rng.randint(2, 4))):
            competences.append(
                CompetencePlanItem(
                    program=program,
                    position=i,
                    competence=competence,
                    content=words.COMPETENCE_CONTENT[competence],
                    events="Семинар, мастер-класс, самообразование.",
                    deadline=f"до {program.end:%d.%m.%Y}",
                )
            )
    ctx.copy(ProgramVersion, versions)
    ctx.copy(ProgramAgreement, agreements)
    ctx.copy(DeficitPlanItem, deficits)
    ctx.copy(CompetencePlanItem, competences)


def build_events(ctx: ScaleContext) -> None:
    rng, today = ctx.rng, ctx.today
    months = [p._scale["months"] for p in ctx.programs]
    per_program = allocate(
        ctx.n["events"], months, [min(3, ctx.n["events"] // len(ctx.programs))] * len(months)
    )
    events = []
    for program, count in zip(ctx.programs, per_program, strict=True):
        span = (program.end - program.start).days
        mentees = program._scale["mentees"]
        program._events = []
        for k in range(count):
            offset = int(span * (k + rng.random()) / count)
            start = min(program.start + timedelta(days=offset), program.end)
            end = None
            if rng.random() < 0.2:
                end = min(start + timedelta(days=rng.randint(1, 14)), program.end)
            form, title, product = rng.choice(words.EVENT_TITLES)
            responsible = rng.choice(
                [Responsible.MENTOR, Responsible.MENTOR, Responsible.MENTEE, Responsible.CURATOR]
            )
            event = RoadmapEvent(
                program=program,
                title=title,
                form=form,
                start=start,
                end=end,
                responsible=responsible,
                responsible_person_id=rng.choice(mentees).person_id
                if responsible == Responsible.MENTEE
                else None,
                product=product,
                expected_result="Наставляемый применяет освоенные приёмы на уроках.",
            )
            last_day = end or start
            if last_day < today and program.status == Program.Status.APPROVED:
                roll = rng.random()
                if roll < 0.85:
                    event.status = RoadmapEvent.Status.DONE
                    event.done_on = min(last_day + timedelta(days=rng.randint(0, 3)), today)
                    event.done_by = program.group.mentor.person.user
                    event.evidence = "Конспект и самоанализ урока обсуждены с наставником."
                elif roll < 0.93:
                    event.status = RoadmapEvent.Status.CANCELLED
                    event.cancel_reason = "Перенесено по производственной необходимости."
            events.append(event)
            program._events.append(event)
    ctx.copy(RoadmapEvent, events, "events")


def build_activities(ctx: ScaleContext) -> None:
    rng, today = ctx.rng, ctx.today
    past = [max(0, (today - p.start).days) for p in ctx.programs]
    per_program = allocate(ctx.n["activities"], [d + 1 for d in past])
    entries, links = [], []
    for program, count, days in zip(ctx.programs, per_program, past, strict=True):
        members = program._scale["members"]
        done = [e for e in program._events if e.status == RoadmapEvent.Status.DONE]
        user = program.group.mentor.person.user
        for _ in range(count):
            day = program.start + timedelta(days=rng.randint(0, days))
            event = rng.choice(done) if done and rng.random() < 0.3 else None
            if event is not None:
                day = event.done_on
            entry = ActivityLog(
                program=program,
                date=day,
                minutes=rng.choice([30, 40, 45, 60, 60, 90, 120]),
                format=ActivityFormat.ONLINE if rng.random() < 0.2 else ActivityFormat.IN_PERSON,
                kind=rng.choice(ActivityKind.values),
                event=event,
                notes=rng.choice(words.ACTIVITY_NOTES),
                created_by=user,
            )
            entries.append(entry)
            links.append((entry, members))
    ctx.copy(ActivityLog, entries, "activities")
    through = ActivityLog.participants.through
    ctx.copy(
        through,
        (through(activitylog_id=entry.pk, groupmember_id=m.pk) for entry, members in links for m in members),
    )
