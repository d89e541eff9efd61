"""Demo monitoring of the demo school (after the programs step). Idempotent.

An entry survey that ran (the mentee answered from a phone, a paper form typed in by the curator,
the mentor's own survey), a survey open now (on the mentee's and mentor's dashboards), pre/post
assessment in the difficulty areas, two lesson observation protocols, level 4 per mentee (the pupils'
results at the start and the end, activity, adaptation, the mentor's own results) and the school's
level-4 indicators for two academic years, so the dashboard shows all four levels with charts and risk
flags."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from apps.banks.models import MenteeDifficulty
from apps.organizations.models import AcademicYear
from apps.programs.models import Program

from . import outcome_services, services
from .models import Campaign, Indicator, QuestionnaireTemplate

ENTRY_TITLE = "Входное анкетирование удовлетворённости наставляемых"

# What the demo participants answer: per topic a score, and their words.
MENTEE_SCORES = {
    "conditions": 4,
    "organization": 5,
    "awareness": 4,
    "qualification": 5,
    "readiness": 4,
    "overall": 9,
}
PAPER_SCORES = {
    "conditions": 3,
    "organization": 4,
    "awareness": 3,
    "qualification": 5,
    "readiness": 4,
    "overall": 8,
}
MENTEE_TEXTS = [
    "Наставник всегда находит время, разбираем мои уроки сразу после звонка.",
    "Не хватает времени на взаимопосещение уроков из-за расписания.",
    "Больше совместных уроков и примеров технологических карт.",
]


def _answers(template: QuestionnaireTemplate, scores: dict, texts: list[str]) -> dict:
    data, text_iter = {}, iter(texts)
    for q in template.questions.all():
        if q.is_scale:
            value = scores.get(q.topic, 4)
            data[f"q{q.pk}"] = str(min(value if q.scale_max == 10 or value <= 5 else 5, q.scale_max))
        elif q.kind == "single":
            data[f"q{q.pk}"] = q.choices[0]
        elif q.kind == "multiple":
            data[f"q{q.pk}"] = q.choices[:2]
        else:
            data[f"q{q.pk}"] = next(text_iter, "")
    return data


def _assessments(program: Program, user, start_scores: dict, end_scores: dict | None, rater: str) -> None:
    for member in program.group.members.all():
        areas = list(MenteeDifficulty.objects.filter(entry=member.mentee).values_list("area", flat=True))
        if not areas:
            continue
        services.assessment_record(
            program=program,
            mentee=member.mentee_person,
            stage="start",
            rater=rater,
            scores={a: start_scores.get(a, 2) for a in areas},
            user=user,
        )
        if end_scores is not None:
            services.assessment_record(
                program=program,
                mentee=member.mentee_person,
                stage="end",
                rater=rater,
                scores={a: end_scores.get(a, 4) for a in areas},
                user=user,
            )


@transaction.atomic
def seed(ctx) -> None:
    surveys(ctx)
    addressed(ctx)


def surveys(ctx) -> None:
    school = ctx["school"]
    curator = ctx.objects.get("user_curator")
    director = ctx.objects.get("user_director")
    council = ctx.objects.get("user_council")
    mentee_user = ctx.objects.get("user_mentee")
    if curator is None or Campaign.objects.filter(organization=school).exists():
        return
    programs = list(
        Program.objects.filter(organization=school)
        .select_related("group__mentor__person")
        .prefetch_related("group__members__mentee_person", "group__members__mentee")
        .order_by("pk")
    )
    if not programs:
        return
    today = timezone.localdate()
    mentee_template = QuestionnaireTemplate.objects.get(code="mentee_satisfaction", organization__isnull=True)
    mentor_template = QuestionnaireTemplate.objects.get(code="mentor_satisfaction", organization__isnull=True)

    # Level 1: the entry survey that ran.
    entry = services.campaign_create(
        organization=school,
        user=curator,
        template=mentee_template,
        title=ENTRY_TITLE,
        audience="mentee",
        point="start",
        days_to_answer=60,
        programs=programs,
    )
    for n, assignment in enumerate(entry.assignments.select_related("person")):
        if assignment.opens_on > today:
            continue
        on = min(assignment.opens_on + timedelta(days=3 + n), today)
        scores = MENTEE_SCORES if n % 2 == 0 else PAPER_SCORES
        data = _answers(mentee_template, scores, MENTEE_TEXTS[n % 2 :])
        if assignment.person.user_id:
            services.survey_submit(assignment=assignment, user=assignment.person.user, data=data, on=on)
        else:
            services.survey_submit(assignment=assignment, user=curator, data=data, on=on, paper=True)
    mentors = services.campaign_create(
        organization=school,
        user=curator,
        template=mentor_template,
        title="Анкетирование наставников (старт)",
        audience="mentor",
        point="start",
        days_to_answer=60,
        programs=programs,
    )
    for assignment in mentors.assignments.select_related("person"):
        if assignment.opens_on > today:
            continue
        on = min(assignment.opens_on + timedelta(days=5), today)
        data = _answers(
            mentor_template,
            {"conditions": 3, "organization": 4, "awareness": 5, "readiness": 4, "overall": 8},
            ["Хотелось бы уменьшить нагрузку в период подготовки к ВПР."],
        )
        services.survey_submit(assignment=assignment, user=curator, data=data, on=on, paper=True)
    # A survey open now: it waits on the mentee's (and mentor's) dashboard.
    running = [p for p in programs if p.status != Program.Status.FINISHED]
    if running:
        services.campaign_create(
            organization=school,
            user=curator,
            template=mentee_template,
            title="Анкетирование через месяц после начала программы",
            audience="both",
            point="month",
            days_to_answer=min(
                90, max(30, (today - min(services.point_date(p, "month") for p in running)).days + 14)
            ),
            programs=running,
        )

    # The potential-mentor questionnaire for the whole staff: three paper forms typed in already.
    potential = QuestionnaireTemplate.objects.get(code="potential_mentor", organization__isnull=True)
    staff = services.campaign_create(
        organization=school,
        user=curator,
        template=potential,
        title="Анкетирование потенциальных наставников",
        audience="staff",
        point="start",
        days_to_answer=30,
        programs=[],
    )
    for n, assignment in enumerate(staff.assignments.exclude(person__user=mentee_user).order_by("pk")[:3]):
        data = {}
        for q in potential.questions.all():
            if q.topic == "plan_mentor":
                data[f"q{q.pk}"] = ["да", "да", "возможно"][n]
            elif q.is_scale:
                data[f"q{q.pk}"] = str(5 - n)
            elif q.kind == "single":
                data[f"q{q.pk}"] = q.choices[min(n, len(q.choices) - 1)]
            elif q.kind == "multiple":
                data[f"q{q.pk}"] = q.choices[n : n + 2]
            else:
                data[f"q{q.pk}"] = "Веду школьное методическое объединение, готова помогать молодым коллегам."
        services.survey_submit(assignment=assignment, user=curator, data=data, paper=True)

    # Process risks the dashboard should show: an overdue event and one closed with «выполнено» only.
    from apps.programs import services as program_services

    first = programs[0]
    if first.status == Program.Status.APPROVED and first.start <= today - timedelta(days=20):
        program_services.event_save(
            program=first,
            user=curator,
            data={
                "title": "Посещение урока наставляемого и его анализ",
                "form": "lesson_visit",
                "start": today - timedelta(days=12),
                "responsible": "mentor",
            },
        )
        formal = program_services.event_save(
            program=first,
            user=curator,
            data={
                "title": "Консультация по рабочей программе",
                "form": "consultation",
                "start": today - timedelta(days=20),
                "responsible": "mentor",
            },
        )
        program_services.event_complete(
            event=formal, user=curator, evidence="выполнено", on=today - timedelta(days=20)
        )

    # Level 2: the first program at its start; the finished one at the start and at the end.
    first, last = programs[0], programs[-1]
    _assessments(first, curator, {"methodical": 2, "normative": 3, "psychological": 2}, None, "curator")
    if mentee_user is not None and first.group.members.filter(mentee_person__user=mentee_user).exists():
        _assessments(first, mentee_user, {"methodical": 3, "normative": 3, "psychological": 2}, None, "self")
    if last.pk != first.pk:
        _assessments(last, curator, {"ict": 2, "normative": 3}, {"ict": 4, "normative": 4}, "mentor")
        _assessments(last, curator, {"ict": 2, "normative": 2}, {"ict": 5, "normative": 4}, "curator")

    # Level 3: two lesson visits of the finished program's mentee, at the start and at the end.
    criteria = services.criteria_for(school)
    member = last.group.members.first()
    if member is not None:
        for stage, observer, role, day, base in [
            ("start", curator, "curator", last.start + timedelta(days=14), 2),
            (
                "end",
                council or director or curator,
                "colleague" if council else "manager",
                min(last.end, today) - timedelta(days=5),
                4,
            ),
        ]:
            services.protocol_create(
                program=last,
                mentee=member.mentee_person,
                stage=stage,
                observer=observer,
                observer_role=role,
                visited_on=min(day, today),
                lesson="6 «Б», информатика: «Алгоритмы с ветвлением»",
                notes="Цели урока поставлены вместе с детьми; рефлексия — по листам самооценки."
                if stage == "end"
                else "Рекомендовано сократить объяснение, добавить практикум в парах.",
                scores={c.pk: min(5, base + (i % 3 == 0)) for i, c in enumerate(criteria)},
            )

    _outcomes(ctx, programs, curator, today)

    # Level 4: indicators of two academic years, with their sources.
    current = ctx["year"]
    previous = AcademicYear.objects.filter(start_year=current.start_year - 1).first()
    values = {
        Indicator.EXAM_PASS: (82, 88, "протоколы ВПР и ОГЭ, справка заместителя директора по УВР"),
        Indicator.MARKS_DYNAMICS: (1.5, 3.2, "отчёт об успеваемости за год (качество знаний)"),
        Indicator.OLYMPIAD: (14, 21, "протоколы школьного этапа ВсОШ"),
        Indicator.COMPLAINTS: (5, 2, "журнал регистрации обращений граждан"),
        Indicator.JOINT_PROJECTS: (1, 3, "приказы о проведении проектов"),
    }
    for kind, (before, now, source) in values.items():
        if previous is not None:
            services.indicator_set(
                organization=school, year=previous, kind=kind, value=before, source=source, user=curator
            )
        services.indicator_set(
            organization=school, year=current, kind=kind, value=now, source=source, user=curator
        )


def _outcomes(ctx, programs: list[Program], curator, today) -> None:
    """Level 4 per mentee (issue 15): the program under way has its start, the finished one its start
    and end; adaptation assessments, the mentees' activity and the mentors' own results."""
    psychologist = ctx.objects.get("user_psychologist") or curator

    def day(program: Program, days_ago: int):
        return max(program.group.year.starts_on, today - timedelta(days=days_ago))

    plans = {
        Program.Status.APPROVED: {
            "results": [
                ("start", 78, 41, 3, "5 «А», 5 «Б», математика", "входные контрольные работы, сентябрь")
            ],
            "adaptation": [("start", "mentor", 2, 60), ("middle", "psychologist", 3, 10)],
            "mentee": [
                (
                    "association",
                    "municipal",
                    "Выступление на ГМО учителей математики: «Устный счёт на уроке»",
                    25,
                    "",
                ),
                ("open_lesson", "school", "Открытый урок в 5 «А»: «Сложение дробей»", 12, ""),
            ],
            "mentor": [("contest", "municipal", "Конкурс «Учитель года — 2026»", 20, "призёр")],
        },
        Program.Status.FINISHED: {
            "results": [
                ("start", 71, 35, 2, "6 «Б», 7 «А», информатика", "протоколы ВПР, сентябрь"),
                ("end", 84, 46, 5, "6 «Б», 7 «А», информатика", "итоговые контрольные работы, ноябрь"),
            ],
            "adaptation": [
                ("start", "mentor", 2, 85),
                ("end", "mentor", 4, 6),
                ("end", "psychologist", 4, 5),
            ],
            "mentee": [
                (
                    "conference",
                    "regional",
                    "Региональная конференция молодых педагогов «Цифровой урок»",
                    40,
                    "",
                ),
                ("publication", "federal", "Статья «Алгоритмы с ветвлением в 6 классе» в сборнике", 15, ""),
                ("contest", "municipal", "Конкурс «Педагогический дебют»", 30, "лауреат"),
            ],
            "mentor": [
                ("category", "regional", "Присвоена высшая квалификационная категория", 45, ""),
                ("award", "school", "Почётная грамота за наставничество", 8, ""),
            ],
        },
    }
    for program in programs:
        plan = plans.get(program.status)
        members = list(program.group.members.all())
        if plan is None or not members:
            continue
        mentee = members[0].mentee_person
        for point, passed, quality, olympiad, classes, source in plan["results"]:
            outcome_services.pupil_results_record(
                program=program,
                mentee=mentee,
                point=point,
                passed_share=passed,
                quality_share=quality,
                olympiad_participants=olympiad,
                classes=classes,
                source=source,
                user=curator,
            )
        for point, rater, level, days_ago in plan["adaptation"]:
            outcome_services.adaptation_record(
                program=program,
                mentee=mentee,
                point=point,
                rater=rater,
                level=level,
                assessed_on=day(program, days_ago),
                note="наблюдение, беседа, анализ выполнения должностных обязанностей",
                user=psychologist if rater == "psychologist" else curator,
            )
        for whose, person, facts in (
            ("mentee", mentee, plan["mentee"]),
            ("mentor", program.group.mentor.person, plan["mentor"]),
        ):
            for kind, level, title, days_ago, result in facts:
                outcome_services.activity_record(
                    program=program,
                    person=person,
                    whose=whose,
                    kind=kind,
                    level=level,
                    title=title,
                    happened_on=day(program, days_ago),
                    result=result,
                    user=curator,
                )


def addressed(ctx) -> None:
    """The addressed recommendations of the demo school (the rules' proposals and one of the curator's
    own, for the first pair), and the gymnasium's level-4 figures, so that the municipality's
    consolidated form compares two schools. Idempotent."""
    from .models import OrganizationIndicator, Recommendation

    school, year = ctx["school"], ctx["year"]
    curator = ctx.objects.get("user_curator")
    if curator is not None and not Recommendation.objects.filter(organization=school, year=year).exists():
        services.recommendations_generate(organization=school, year=year, user=curator)
        first = Program.objects.filter(organization=school, group__year=year).order_by("pk").first()
        services.recommendation_add(
            organization=school,
            year=year,
            program=first,
            text="Подготовить совместное выступление пары на школьном методическом объединении "
            "по итогам первого полугодия.",
            user=curator,
        )
    gymnasium, other_curator = ctx.objects.get("school_other"), ctx.objects.get("user_other_curator")
    if gymnasium is None or other_curator is None:
        return
    if not OrganizationIndicator.objects.filter(organization=gymnasium, year=year).exists():
        for kind, value, source in (
            (Indicator.EXAM_PASS, 91, "протоколы ВПР"),
            (Indicator.OLYMPIAD, 9, "протоколы школьного этапа ВсОШ"),
            (Indicator.JOINT_PROJECTS, 1, "приказ о проведении проекта"),
        ):
            services.indicator_set(
                organization=gymnasium, year=year, kind=kind, value=value, source=source, user=other_curator
            )
