"""Demo banks of the demo school: last year's banks carried into this year, about eight mentees with
their difficulties and seven mentors with their strengths in varied statuses, a teacher's own
questionnaire waiting for the curator, and the «reverse» demo user in both banks. Applications
(заявления): the demo mentor's paper one, accepted (the pairs demo then names it in the signed order),
and the «reverse» user's own one from her account, waiting for the curator. Everything goes
through the services; a person already in a bank of a year is left as they are (idempotent).

Runs after the staff demo (people and consents) and before the pairs demo, which reuses these
entries. People are looked up by the demo user linked to them or by name; anybody missing or
without a valid consent is skipped."""

import logging
from datetime import date

from apps.core import russian
from apps.core.exceptions import DomainError
from apps.organizations.models import AcademicYear
from apps.organizations.services import academic_year_ensure
from apps.staff.models import Person

from . import petitions, services
from .models import Area, MenteeEntry, MentorEntry, Petition
from .services import AreaMark, CarryDecision, MentorAnswers

A = Area
Y, T, S, N = (
    MenteeEntry.Category.YOUNG,
    MenteeEntry.Category.NEW_TECHNOLOGY,
    MenteeEntry.Category.NEW_STAFF,
    MenteeEntry.Category.NON_PEDAGOGICAL,
)

# (user key or None, surname, name, patronymic, category, source, request, status, rediagnosis, difficulties)
MENTEES = [
    (
        "mentee",
        "Васильев",
        "Артём",
        "Дмитриевич",
        Y,
        "curator",
        "Хочу научиться удерживать внимание класса и строить урок истории вокруг работы с источниками.",
        "waiting",
        False,
        [
            (A.METHODICAL, 3, "проектирование урока по ФГОС ООО, формирующее оценивание"),
            (A.PSYCHOLOGICAL, 2, "дисциплина в 7-х классах, первые родительские собрания"),
            (A.NORMATIVE, 1, "рабочая программа по ФОП"),
        ],
    ),
    (
        "reverse",
        "Ёлкина",
        "Дарья",
        "Андреевна",
        Y,
        "self",
        "Нужна помощь в методике: как готовить обучающихся к ОГЭ по информатике и не терять слабых.",
        "waiting",
        False,
        [
            (A.METHODICAL, 3, "подготовка к ОГЭ, дифференциация заданий"),
            (A.SUBJECT, 1, "олимпиадное программирование"),
        ],
    ),
    (
        None,
        "Кузьмина-Караваева",
        "Алёна",
        "Игоревна",
        Y,
        "curator",
        "Первый год в начальной школе: трудно с родителями и с оформлением документации.",
        "waiting",
        False,
        [
            (A.PSYCHOLOGICAL, 3, "конфликтные обращения родителей"),
            (A.NORMATIVE, 2, "журнал, характеристики, ИОМ обучающихся"),
        ],
    ),
    (
        None,
        "Черных",
        "Максим",
        "Олегович",
        Y,
        "curator",
        "Хочу выстроить систему подготовки к сдаче нормативов ГТО и вести секцию.",
        "waiting",
        True,
        [(A.SUBJECT, 2, "методика обучения гимнастике"), (A.HEALTH, 2, "профилактика травматизма")],
    ),
    (
        None,
        "Дюма",
        "Софья",
        "Андреевна",
        Y,
        "curator",
        "Освоить УМК по французскому языку для 5–9 классов и проектную деятельность.",
        "waiting",
        False,
        [(A.SUBJECT, 3, "УМК «Синяя птица»"), (A.UPBRINGING, 1, "классное руководство")],
    ),
    (
        None,
        "Беляев",
        "Константин",
        "Павлович",
        N,
        "attestation",
        "По итогам аттестации: нужна помощь в педагогике и психологии, образование инженерное.",
        "waiting",
        False,
        [
            (A.PSYCHOLOGICAL, 3, "возрастная психология подростков"),
            (A.METHODICAL, 2, "лабораторный практикум по химии"),
            (A.SCIENTIFIC, 2, "основы дидактики"),
        ],
    ),
    (
        None,
        "Ильина",
        "Мария",
        "Фёдоровна",
        T,
        "curator",
        "Освоить цифровые сервисы: электронную библиотеку, ФГИС «Моя школа», онлайн-опросы.",
        "waiting",
        False,
        [(A.ICT, 3, "ФГИС «Моя школа», цифровые ресурсы библиотеки")],
    ),
    (
        None,
        "Мамедов",
        "Рустам",
        "Эльдарович",
        S,
        "self",
        "Я недавно в коллективе: хочу понять требования школы к урокам музыки и внеурочке.",
        "candidate",
        False,
        [(A.UPBRINGING, 2, "организация школьного хора"), (A.NORMATIVE, 1, "локальные акты школы")],
    ),
]

# (user key or None, surname, name, patronymic, status, max mentees, consent date, results, strengths)
MENTORS = [
    (
        "mentor",
        "Морозова",
        "Татьяна",
        "Сергеевна",
        "approved",
        2,
        date(2026, 9, 3),
        "Высшая категория; призёры регионального этапа ВсОШ по математике (2024, 2025).",
        [
            (A.METHODICAL, 3, "формирующее оценивание, подготовка к ОГЭ и ЕГЭ"),
            (A.SUBJECT, 3, "математика"),
            (A.ICT, 2, "цифровые тренажёры"),
        ],
    ),
    (
        None,
        "Гусев",
        "Лев",
        "Аркадьевич",
        "approved",
        3,
        date(2026, 9, 2),
        "Категория «педагог-наставник»; 30 лет работы; почётная грамота Минпросвещения России.",
        [
            (A.PSYCHOLOGICAL, 3, "работа с трудным классом"),
            (A.UPBRINGING, 3, "классное руководство"),
            (A.SUBJECT, 3, "физика"),
        ],
    ),
    (
        None,
        "Шевченко",
        "Ирина",
        "Богдановна",
        "approved",
        2,
        date(2026, 9, 4),
        "Высшая категория; победитель муниципального конкурса «Учитель года — 2023».",
        [(A.SUBJECT, 3, "английский язык"), (A.METHODICAL, 2, "проектная деятельность")],
    ),
    (
        "reverse",
        "Ёлкина",
        "Дарья",
        "Андреевна",
        "approved",
        1,
        date(2026, 9, 8),
        "Сертификат «Цифровой учитель»; автор курса по ФГИС «Моя школа» для коллег.",
        [(A.ICT, 3, "ФГИС «Моя школа», интерактивные доски, онлайн-тесты")],
    ),
    # A mentor from a partner organisation (the university, apps.partners demo): chosen like any mentor.
    (
        None,
        "Абрамова",
        "Наталья",
        "Викторовна",
        "approved",
        2,
        date(2026, 9, 3),
        "Доцент кафедры методики преподавания математики педагогического университета; наставник по "
        "соглашению о сотрудничестве.",
        [(A.SUBJECT, 3, "математика, олимпиадная подготовка"), (A.METHODICAL, 3, "методика математики")],
    ),
    (
        "council",
        "Григорьева",
        "Марина",
        "Александровна",
        "candidate",
        2,
        date(2026, 9, 10),
        "Высшая категория; руководитель ШМО учителей русского языка и литературы.",
        [(A.METHODICAL, 3, "смысловое чтение"), (A.NORMATIVE, 2, "ФОП ООО и СОО")],
    ),
    (
        None,
        "Миронова",
        "Анастасия",
        "Владимировна",
        "released",
        1,
        date(2025, 9, 5),
        "Первая категория.",
        [(A.UPBRINGING, 2, "школьный театр")],
    ),
]

# A teacher's own «Готов стать наставником» questionnaire waiting for the curator.
QUESTIONNAIRE = (
    "Никитина",
    "Светлана",
    "Юрьевна",
    MentorAnswers(
        mentoring_experience="Два года вела стажёра из Сургутского педагогического колледжа.",
        confirmed_results="Высшая категория; мои ученики — победители городской олимпиады «Юный математик».",
        motivation="Хочу помочь молодым учителям начальных классов в первый, самый трудный год.",
        max_mentees=2,
        preferred_forms=["teacher_teacher", "teacher_group"],
        meeting_format="in_person",
        ready_for_training=True,
        pedagogical_experience_years=15,
    ),
    [
        (A.METHODICAL, 3, "технология деятельностного метода"),
        (A.PSYCHOLOGICAL, 2, "адаптация первоклассников"),
    ],
)

# Last year's banks, carried into this year by the curator's reviewed step.
LAST_YEAR_MENTEES = [
    ("Черных", "Максим", "Олегович", "in_pair"),
    ("Беляев", "Константин", "Павлович", "finished"),
]
LAST_YEAR_MENTORS = [("Гусев", "Лев", "Аркадьевич")]


def _person(ctx, school, key, last, first, patronymic) -> Person | None:
    person = ctx.objects.get(f"person_{key}") if key else None
    if person is None:
        person = Person.objects.filter(
            organization=school, last_name=last, first_name=first, patronymic=patronymic
        ).first()
    return person


def _marks(rows) -> list[AreaMark]:
    return [AreaMark(area, level, comment) for area, level, comment in rows]


logger = logging.getLogger(__name__)


def _skip(message: str) -> None:
    """A refused step (say, a person without a consent) is left out; the rest of the demo goes on."""
    logger.info("Демо-данные банков: пропущено — %s", message)


def _seed_last_year(ctx, school, last_year, year, curator, director) -> None:
    if MenteeEntry.objects.filter(organization=school, year=last_year).exists():
        return
    for last, first, patronymic, status in LAST_YEAR_MENTEES:
        person = _person(ctx, school, None, last, first, patronymic)
        if person is None:
            continue
        try:
            entry = services.mentee_entry_create(
                organization=school,
                year=last_year,
                person=person,
                category=MenteeEntry.Category.YOUNG,
                user=curator,
                request="Адаптация в профессии: планирование уроков и работа с классом.",
                difficulties=[AreaMark(A.METHODICAL, 3), AreaMark(A.PSYCHOLOGICAL, 2)],
            )
            for step in {"in_pair": ["in_pair"], "finished": ["in_pair", "finished"]}[status]:
                entry = services.mentee_entry_transition(entry=entry, to=step)
        except DomainError as exc:
            _skip(exc.message)
    for last, first, patronymic in LAST_YEAR_MENTORS:
        person = _person(ctx, school, None, last, first, patronymic)
        if person is None or director is None:
            continue
        try:
            entry = services.mentor_entry_create(
                organization=school,
                year=last_year,
                person=person,
                user=curator,
                max_mentees=2,
                consent_signed_on=date(last_year.start_year, 9, 2),
                confirmed_results="Категория «педагог-наставник».",
                strengths=[AreaMark(A.PSYCHOLOGICAL, 3), AreaMark(A.UPBRINGING, 3)],
            )
            services.mentor_entry_approve(entry=entry, director=director)
        except DomainError as exc:
            _skip(exc.message)
    mentees = MenteeEntry.objects.filter(organization=school, year=last_year)
    decisions = {("mentee", e.pk): services.carry_over_default(e) for e in mentees}
    decisions.update(
        {
            ("mentor", e.pk): CarryDecision.KEEP
            for e in MentorEntry.objects.filter(organization=school, year=last_year)
        }
    )
    try:
        services.banks_carry_over(
            organization=school, from_year=last_year, to_year=year, decisions=decisions, user=curator
        )
    except DomainError as exc:
        _skip(exc.message)


def seed(ctx) -> None:
    school, year = ctx["school"], ctx["year"]
    curator, director = ctx.objects.get("user_curator"), ctx.objects.get("user_director")
    last_year = AcademicYear.objects.filter(start_year=year.start_year - 1).first() or academic_year_ensure(
        start_year=year.start_year - 1
    )
    _seed_last_year(ctx, school, last_year, year, curator, director)

    for key, last, first, patronymic, category, source, request, status, rediagnosis, rows in MENTEES:
        person = _person(ctx, school, key, last, first, patronymic)
        if person is None or MenteeEntry.objects.filter(person=person, year=year).exists():
            continue
        try:
            if source == "self" and person.user_id:
                # The teacher's own «Хочу наставника»; the curator has accepted it unless it is a candidate.
                entry = services.mentee_questionnaire_submit(
                    person=person,
                    year=year,
                    user=person.user,
                    category=category,
                    request=request,
                    difficulties=_marks(rows),
                )
                if status == "waiting" and curator is not None:
                    services.mentee_entry_accept(
                        entry=entry, user=curator, comment="Принято, подбираем наставника."
                    )
                continue
            services.mentee_entry_create(
                organization=school,
                year=year,
                person=person,
                category=category,
                user=curator,
                request=request,
                source=source,
                needs_rediagnosis=rediagnosis,
                difficulties=_marks(rows),
                status=MenteeEntry.Status.CANDIDATE if status == "candidate" else MenteeEntry.Status.WAITING,
            )
        except DomainError as exc:
            _skip(exc.message)

    for key, last, first, patronymic, status, max_mentees, consent_on, results, rows in MENTORS:
        person = _person(ctx, school, key, last, first, patronymic)
        if person is None or MentorEntry.objects.filter(person=person, year=year).exists():
            continue
        try:
            entry = services.mentor_entry_create(
                organization=school,
                year=year,
                person=person,
                user=curator,
                max_mentees=max_mentees,
                consent_signed_on=consent_on,
                confirmed_results=results,
                motivation=f"{russian.by_sex(person, 'Готов', 'Готова')} делиться опытом с коллегами.",
                preferred_forms=["teacher_teacher"],
                strengths=_marks(rows),
            )
            if status in ("approved", "released") and director is not None:
                entry = services.mentor_entry_approve(entry=entry, director=director)
            if status == "released" and director is not None:
                services.mentor_entry_release(
                    entry=entry,
                    user=director,
                    released_on=date(2026, 10, 15),
                    comment="Заявление о сложении обязанностей наставника в связи с переходом на 0,5 ставки.",
                )
        except DomainError as exc:
            _skip(exc.message)

    _seed_petitions(ctx, school, year, curator)

    last, first, patronymic, answers, rows = QUESTIONNAIRE
    person = _person(ctx, school, None, last, first, patronymic)
    if person is not None and not MentorEntry.objects.filter(person=person, year=year).exists():
        try:
            if person.user_id:
                services.mentor_questionnaire_submit(
                    person=person, year=year, user=person.user, answers=answers, strengths=_marks(rows)
                )
            else:
                # No account yet: the curator enters the paper questionnaire as it was filled.
                services.mentor_entry_create(
                    organization=school,
                    year=year,
                    person=person,
                    user=curator,
                    source=MentorEntry.Source.SELF,
                    max_mentees=answers.max_mentees,
                    mentoring_experience=answers.mentoring_experience,
                    confirmed_results=answers.confirmed_results,
                    motivation=answers.motivation,
                    preferred_forms=answers.preferred_forms,
                    questionnaire={
                        "version": services.QUESTIONNAIRE_VERSION,
                        "pedagogical_experience_years": answers.pedagogical_experience_years,
                        "meeting_format": answers.meeting_format,
                        "ready_for_training": answers.ready_for_training,
                        "strengths": [{"area": a, "level": lvl, "comment": c} for a, lvl, c in rows],
                    },
                    strengths=_marks(rows),
                )
        except DomainError as exc:
            _skip(exc.message)


def _seed_petitions(ctx, school, year, curator) -> None:
    """The demo mentor's paper application to join the bank, accepted before the pairs order (which
    names it as its basis); the «reverse» teacher's own application for a mentor, waiting."""
    if curator is None or Petition.objects.filter(organization=school, year=year).exists():
        return
    mentor = _person(ctx, school, "mentor", "Морозова", "Татьяна", "Сергеевна")
    reverse = _person(ctx, school, "reverse", "Ёлкина", "Дарья", "Андреевна")
    try:
        if mentor is not None:
            paper = petitions.petition_file(
                user=curator,
                person=mentor,
                year=year,
                kind=Petition.Kind.MENTOR,
                text="Двадцать два года преподаю математику, высшая категория; готова сопровождать молодых "
                "коллег в подготовке к ОГЭ и в освоении формирующего оценивания.",
                areas=[A.METHODICAL, A.SUBJECT, A.ICT],
                max_mentees=2,
                filed_on=date(year.start_year, 9, 1),
            )
            petitions.petition_accept(petition=paper, user=curator)
        if reverse is not None and reverse.user_id:
            petitions.petition_file(
                user=reverse.user,
                person=reverse,
                year=year,
                kind=Petition.Kind.MENTEE,
                text="Прошу помочь с методикой подготовки к ОГЭ по информатике: как работать со слабыми "
                "обучающимися, не теряя темпа класса.",
                areas=[A.METHODICAL, A.SUBJECT],
                category=Y,
                mentoring_form="teacher_teacher",
            )
    except DomainError as exc:
        _skip(exc.message)
