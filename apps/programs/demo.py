"""Demo programs of the demo school (after the pairs step). Idempotent.

A bank entry made from the real program of seed 004; a program built from it for each active pair;
events with evidence; a mentor's week of logged activity; an extension with its signed order; and a
second pair whose program ended by a signed order and was published back to the bank."""

from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from apps.pairs.models import Direction, DutyConsent, Form, MentoringGroup, MentoringType

from . import samples, services
from .models import EndReason, Program, ProgramTemplate, RoadmapEvent

BANK_TITLE = "Педагог — группа педагогов: устранение профессиональных дефицитов (образец)"


def _pdf(title: str) -> ContentFile:
    from weasyprint import HTML

    data = HTML(string=f"<h1>{title}</h1><p>Демонстрационный документ.</p>").write_pdf()
    name = title.lower().replace(" ", "_").replace("«", "").replace("»", "")[:40] + ".pdf"
    return ContentFile(data, name=name)


def _bank_entry(school, curator) -> ProgramTemplate:
    template = ProgramTemplate.objects.filter(organization=school, title=BANK_TITLE).first()
    if template is not None:
        return template
    sections = {k: v for k, v in samples.SECTIONS.items() if k != "participants_note"}
    sections.update(mode=samples.MODE, mentoring_types=samples.TYPES)
    return ProgramTemplate.objects.create(
        organization=school,
        title=BANK_TITLE,
        months=9,
        sections=sections,
        deficit_plan=samples.DEFICIT_PLAN,
        competence_plan=samples.COMPETENCE_PLAN,
        model_plan=samples.MODEL_PLAN,
        events=[
            {
                "offset": offset,
                "length": length,
                "title": title,
                "form": form,
                "responsible": responsible,
                "product": product,
                "expected_result": result,
            }
            for offset, length, title, form, responsible, product, result in samples.EVENTS
        ],
        published_by=curator,
    )


def _agree_all(program: Program, curator) -> None:
    from apps.pairs.selectors import participants

    for person in participants(program.group):
        if person.user_id:
            services.program_agree(program=program, user=person.user)
        else:
            services.program_record_paper_agreement(program=program, person=person, user=curator)


YOUNG_NOTE = "Молодой педагог со стажем до трёх лет, испытывающий методические затруднения."


def _build(group, template, curator, *, title: str, end: date, note: str = YOUNG_NOTE) -> Program:
    program = services.program_create(
        group=group,
        user=curator,
        title=title,
        start=group.planned_start,
        end=end,
        template=template,
    )
    program = services.program_update(
        program=program,
        user=curator,
        data={"participants_note": note},
        version=program.version,
    )
    services.program_submit(program=program, user=curator)
    _agree_all(program, curator)
    # Considered by the pedagogical council a few days before (never after today).
    council_day = min(group.planned_start, timezone.localdate()) - timedelta(days=3)
    return services.program_approve(
        program=program, user=curator, council_protocol_number="1", council_protocol_date=council_day
    )


def _complete_past_events(program: Program, user, today: date, reflection: str = "") -> None:
    for event in program.events.filter(
        status=RoadmapEvent.Status.PLANNED, start__lt=today - timedelta(days=3)
    ):
        files = []
        if event.product:
            files = [_pdf(event.get_product_display().capitalize())]
        services.event_complete(
            event=event,
            user=user,
            evidence=f"{event.expected_result or 'Проведено'}: обсуждено с наставником, материалы приложены.",
            reflection=reflection if event.responsible == "mentee" else "",
            files=files,
            on=min(event.last_day, today),
        )


def _other_pair(school, year, curator, director):
    """A second active pair (Гусев — Ёлкин) for the program that ends, formed through the pairs
    services and fixed by a signed order."""
    from apps.banks.models import MenteeEntry, MentorEntry
    from apps.orders.services import order_send_for_signature, order_sign
    from apps.pairs import services as pair_services
    from apps.pairs.selectors import participants

    mentor = MentorEntry.objects.filter(organization=school, year=year, person__last_name="Гусев").first()
    mentee = MenteeEntry.objects.filter(organization=school, year=year, person__last_name="Ёлкин").first()
    if mentor is None or mentee is None:
        return None
    group = pair_services.group_create(
        organization=school,
        year=year,
        mentor=mentor,
        mentees=[mentee],
        form=Form.TEACHER_TEACHER,
        types=[MentoringType.TRADITIONAL, MentoringType.VIRTUAL],
        direction=Direction.ICT,
        planned_start=date(2026, 9, 1),
        planned_end=date(2027, 5, 31),
        goal="Освоить цифровые инструменты формирующего оценивания.",
        created_by=curator,
    )
    for person in participants(group):
        DutyConsent.objects.get_or_create(
            group=group,
            person=person,
            defaults={"form": DutyConsent.Form.PORTAL, "signed_on": date(2026, 8, 28)},
        )
    order = pair_services.groups_submit_to_order(groups=[group], user=curator)
    order_send_for_signature(order=order, user=curator)
    order_sign(order=order, director=director)
    group.refresh_from_db()
    return group


REVERSE_LOG = [
    (
        40,
        "in_person",
        "consultation",
        "ФГИС «Моя школа»: вход, библиотека цифрового контента, подборка для 5-х классов.",
    ),
    (
        45,
        "in_person",
        "joint_lesson",
        "Совместный библиотечный урок: интерактивная викторина на доске, наставник ведёт цифровую часть.",
    ),
    (
        30,
        "online",
        "consultation",
        "Онлайн-опрос читателей: составили анкету из десяти вопросов и разослали классам.",
    ),
    (40, "in_person", "meeting", "Разобрали итоги опроса в таблице, построили диаграммы для отчёта."),
]


def _reverse_program(group, template, curator, today: date) -> Program:
    """The reverse pair's program (the young teacher mentors the experienced one in digital tools) and
    the meetings logged since its start: reverse mentoring in action."""
    program = _build(
        group,
        template,
        curator,
        title="Цифровые сервисы школьной библиотеки (реверсивное наставничество)",
        note=(
            "Реверсивное наставничество: молодой учитель информатики помогает опытному педагогу-библиотекарю "
            "освоить цифровые сервисы."
        ),
        end=group.planned_end,
    )
    start = max(program.start, today - timedelta(days=7 * len(REVERSE_LOG)))
    for n, (minutes, format_, kind, notes) in enumerate(REVERSE_LOG):
        day = start + timedelta(days=7 * n)
        if day > today:
            break
        services.activity_log(
            program=program,
            user=group.mentor.person.user or curator,
            date=day,
            minutes=minutes,
            format=format_,
            kind=kind,
            notes=notes,
        )
    return program


@transaction.atomic
def seed(ctx) -> None:
    from apps.orders.services import order_send_for_signature, order_sign

    school, year = ctx["school"], ctx["year"]
    curator, director = ctx.objects.get("user_curator"), ctx.objects.get("user_director")
    mentor_user, mentee_user = ctx.objects.get("user_mentor"), ctx.objects.get("user_mentee")
    if curator is None or director is None or Program.objects.filter(organization=school).exists():
        return
    today = timezone.localdate()
    template = _bank_entry(school, curator)

    # Every active pair gets a program from the bank.
    programs = []
    for group in MentoringGroup.objects.filter(
        organization=school, status=MentoringGroup.Status.ACTIVE
    ).select_related("mentor__person"):
        end = min(group.planned_end, group.planned_start + timedelta(days=240))
        if MentoringType.REVERSE in group.types:
            _reverse_program(group, template, curator, today)
            continue
        programs.append(_build(group, template, curator, title="Становление молодого учителя", end=end))

    main = next(
        (p for p in programs if p.group.mentor.person.user_id == getattr(mentor_user, "pk", None)), None
    )
    if main is not None:
        _complete_past_events(
            main, mentee_user or curator, today, reflection="Поняла, как ставить цели урока вместе с детьми."
        )
        # A week of the mentor's log, entered as from a phone.
        kinds = ["meeting", "lesson_visit", "consultation", "joint_lesson", "methodical_review"]
        notes = [
            "Обсудили цели урока и критерии оценивания.",
            "Посетила урок в 6 «Б»: этап рефлексии затянут, дали рекомендации.",
            "Консультация по технологической карте урока.",
            "Провели совместный урок: наставник — вводная часть, наставляемый — практикум.",
            "Разобрали методическую разработку к открытому уроку.",
        ]
        for n in range(5):
            day = today - timedelta(days=6 - n)
            if day < main.start:
                continue
            services.activity_log(
                program=main,
                user=mentor_user or curator,
                date=day,
                minutes=[45, 40, 30, 90, 60][n],
                format="online" if n == 2 else "in_person",
                kind=kinds[n],
                notes=notes[n],
            )
        services.comment_add(
            program=main,
            user=mentee_user or curator,
            text="Хочу больше времени на подготовку открытого урока.",
            private=True,
        )
        # The extension: both agree in the portal, the order is signed.
        main.refresh_from_db()
        change = services.change_propose(
            program=main,
            user=mentor_user or curator,
            new_end=min(main.start + timedelta(days=330), main.end + timedelta(days=60)),
            reason=(
                "Продление по обоюдному согласию: перенос открытого урока и участия в конкурсе на конец года."
            ),
        )
        if mentee_user:
            services.change_consent(change=change, user=mentee_user)
        change.refresh_from_db()
        if change.order_id:
            order_send_for_signature(order=change.order, user=curator)
            order_sign(order=change.order, director=director)

    # A second pair whose program ended by an order and became a good practice in the bank.
    other = _other_pair(school, year, curator, director)
    if other is not None:
        ended = _build(other, template, curator, title="Цифровые инструменты учителя", end=date(2027, 4, 30))
        ended.events.filter(start__gte=today - timedelta(days=3)).delete()
        _complete_past_events(ended, curator, today)
        services.activity_log(
            program=ended,
            user=curator,
            date=today - timedelta(days=2),
            minutes=60,
            format="in_person",
            kind="meeting",
            notes="Итоговая встреча: план выполнен, анкеты заполнены.",
        )
        ending = services.program_end_request(
            program=ended,
            user=curator,
            reason=EndReason.PLAN_DONE,
            survey_asked=True,
            survey_note="Итоговые анкеты удовлетворённости заполнены на бумаге.",
        )
        order_send_for_signature(order=ending.order, user=curator)
        order_sign(order=ending.order, director=director)
        ended.refresh_from_db()
        services.program_publish(
            program=ended, user=curator, title="Цифровые инструменты учителя (лучшая практика)"
        )
