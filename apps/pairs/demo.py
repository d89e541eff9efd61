"""Demo pairs of the demo school: one pair already fixed by a signed order (the demo users
«mentor» and «mentee»), one draft pair with consents, and one group. Idempotent.

Uses the people and bank entries of the staff and banks demo when they exist (looked up by user
or by name), and creates the few it needs otherwise."""

from datetime import date

from django.db import transaction

from apps.banks.models import Area, MenteeDifficulty, MenteeEntry, MentorEntry, MentorStrength
from apps.staff.models import Person, PersonalDataConsent, Position

from .models import Direction, DutyConsent, Form, MentoringGroup, MentoringType

# last, first, patronymic, sex, position, experience, demo username
MENTORS = [
    ("Морозова", "Татьяна", "Сергеевна", "f", "Учитель", 22, "mentor", [(Area.METHODICAL, 3), (Area.ICT, 2)]),
    ("Гусев", "Лев", "Аркадьевич", "m", "Учитель", 30, None, [(Area.PSYCHOLOGICAL, 3), (Area.UPBRINGING, 3)]),
    ("Шевченко", "Ирина", "Богдановна", "f", "Учитель", 18, None, [(Area.SUBJECT, 3), (Area.METHODICAL, 2)]),
]
MENTEES = [
    ("Васильев", "Артём", "Дмитриевич", "m", "Учитель", 1, "mentee", [(Area.METHODICAL, 3), (Area.ICT, 1)]),
    ("Кузьмина-Караваева", "Алёна", "Игоревна", "f", "Учитель", 0, None, [(Area.PSYCHOLOGICAL, 3)]),
    ("Черных", "Максим", "Олегович", "m", "Учитель", 2, None, [(Area.SUBJECT, 2), (Area.METHODICAL, 2)]),
    ("Дюма", "Софья", "Андреевна", "f", "Учитель", 1, None, [(Area.SUBJECT, 3)]),
]


def _person(ctx, school, last, first, patronymic, sex, position, experience, username):
    from apps.core.names import decline_full_name

    user = ctx.objects.get(f"user_{username}") if username else None
    person = Person.objects.filter(organization=school, user=user).first() if user else None
    if person is None:
        person = Person.objects.filter(
            organization=school, last_name=last, first_name=first, patronymic=patronymic
        ).first()
    if person is None:
        person = Person.objects.create(
            organization=school,
            last_name=last,
            first_name=first,
            patronymic=patronymic,
            sex=sex,
            user=user,
            position=Position.objects.get_or_create(name=position)[0],
            pedagogical_experience_years=experience,
            total_experience_years=experience,
            name_dative=decline_full_name(last, first, patronymic, "dative", sex),
            name_genitive=decline_full_name(last, first, patronymic, "genitive", sex),
            name_accusative=decline_full_name(last, first, patronymic, "accusative", sex),
        )
    if not PersonalDataConsent.objects.filter(person=person, withdrawn_on__isnull=True).exists():
        PersonalDataConsent.objects.create(
            person=person,
            subject_address="г. Сургут",
            subject_document="паспорт гражданина РФ (реквизиты на бумажном экземпляре)",
            operator_name=school.full_name,
            operator_address=school.address or "г. Сургут",
            purpose="организация наставничества педагогических работников",
            data_list="фамилия, имя, отчество; должность; стаж; образование; контактные данные",
            actions="сбор, запись, систематизация, хранение, уточнение, использование, удаление",
            term="до окончания трудовых отношений или до отзыва",
            withdrawal_procedure="письменное заявление на имя руководителя",
            text_version="demo",
            text_snapshot="Демонстрационное согласие",
            form=PersonalDataConsent.Form.PORTAL,
            signed_on=date(2026, 9, 1),
        )
    return person


def _mentor(ctx, school, year, row):
    *person_row, strengths = row
    person = _person(ctx, school, *person_row)
    entry, created = MentorEntry.objects.get_or_create(
        person=person,
        year=year,
        defaults={
            "organization": school,
            "status": MentorEntry.Status.APPROVED,
            "consent_signed_on": date(2026, 9, 5),
            "max_mentees": 2,
        },
    )
    if entry.status == MentorEntry.Status.CANDIDATE or not entry.consent_signed_on:
        entry.status, entry.consent_signed_on = (
            MentorEntry.Status.APPROVED,
            entry.consent_signed_on or date(2026, 9, 5),
        )
        entry.save(update_fields=["status", "consent_signed_on"])
    if created:
        for area, level in strengths:
            MentorStrength.objects.get_or_create(entry=entry, area=area, defaults={"level": level})
    return entry


def _mentee(ctx, school, year, row):
    *person_row, difficulties = row
    person = _person(ctx, school, *person_row)
    entry, created = MenteeEntry.objects.get_or_create(
        person=person,
        year=year,
        defaults={
            "organization": school,
            "category": MenteeEntry.Category.YOUNG,
            "status": MenteeEntry.Status.WAITING,
        },
    )
    if entry.status == MenteeEntry.Status.CANDIDATE:
        entry.status = MenteeEntry.Status.WAITING
        entry.save(update_fields=["status"])
    if created:
        for area, level in difficulties:
            MenteeDifficulty.objects.get_or_create(entry=entry, area=area, defaults={"level": level})
    return entry


def _consent_all(group):
    """The consents the pair still needs: the mentor's, recorded in the bank entry, serves (issue 14)."""
    from .selectors import missing_consents

    for person in missing_consents(group):
        DutyConsent.objects.get_or_create(
            group=group,
            person=person,
            defaults={"form": DutyConsent.Form.PORTAL, "signed_on": date(2026, 9, 10)},
        )


REVERSE_GOAL = "Освоить цифровые сервисы: ФГИС «Моя школа», электронную библиотеку, онлайн-опросы читателей."


def _reverse_pair(ctx, school, year, *, curator):
    """Reverse mentoring (seed 000 §4.1.5, seed 002 §1.3): the «reverse» demo user Ёлкина, 28, a
    mentee in methodology herself, mentors Ильина, a school librarian of 32 years' experience, in
    digital tools. None when the banks demo did not put them in the banks."""
    from . import services

    user = ctx.objects.get("user_reverse")
    mentor = MentorEntry.objects.filter(
        organization=school, year=year, person__user=user, status=MentorEntry.Status.APPROVED
    ).first()
    mentee = MenteeEntry.objects.filter(
        organization=school,
        year=year,
        person__last_name="Ильина",
        category=MenteeEntry.Category.NEW_TECHNOLOGY,
        status=MenteeEntry.Status.WAITING,
    ).first()
    if user is None or mentor is None or mentee is None:
        return None
    group = services.group_create(
        organization=school,
        year=year,
        mentor=mentor,
        mentees=[mentee],
        form=Form.TEACHER_TEACHER,
        types=[MentoringType.REVERSE],
        direction=Direction.ICT,
        planned_start=date(2026, 10, 1),
        planned_end=date(2027, 3, 31),
        goal=REVERSE_GOAL,
        created_by=curator,
    )
    _consent_all(group)
    return group


@transaction.atomic
def seed(ctx) -> None:
    from . import services

    school, year = ctx["school"], ctx["year"]
    if MentoringGroup.objects.filter(organization=school, year=year).exists():
        return
    curator, director = ctx.objects.get("user_curator"), ctx.objects.get("user_director")
    mentors = [_mentor(ctx, school, year, row) for row in MENTORS]
    mentees = [_mentee(ctx, school, year, row) for row in MENTEES]
    # Keep a free mentee for the suggestions panel and the cohort view.
    _mentee(
        ctx,
        school,
        year,
        ("Ёлкин", "Пётр", "Фомич", "m", "Учитель", 0, None, [(Area.ICT, 3), (Area.NORMATIVE, 2)]),
    )
    start, end = date(2026, 10, 1), date(2027, 5, 31)
    signed = services.group_create(
        organization=school,
        year=year,
        mentor=mentors[0],
        mentees=[mentees[0]],
        form=Form.TEACHER_TEACHER,
        types=[MentoringType.TRADITIONAL],
        direction=Direction.METHODS,
        planned_start=start,
        planned_end=end,
        goal="Освоить технологию формирующего оценивания и подготовить открытый урок.",
        created_by=curator,
    )
    _consent_all(signed)
    draft = services.group_create(
        organization=school,
        year=year,
        mentor=mentors[1],
        mentees=[mentees[1]],
        form=Form.TEACHER_TEACHER,
        types=[MentoringType.TRADITIONAL, MentoringType.SITUATIONAL],
        direction=Direction.PSYCHOLOGICAL,
        planned_start=start,
        planned_end=end,
        goal="Выстроить работу с классом и родителями.",
        created_by=curator,
    )
    _consent_all(draft)
    group = services.group_create(
        organization=school,
        year=year,
        mentor=mentors[2],
        mentees=[mentees[2], mentees[3]],
        form=Form.TEACHER_GROUP,
        types=[MentoringType.GROUP],
        direction=Direction.SUBJECT,
        planned_start=start,
        planned_end=end,
        goal="Подготовка обучающихся к ОГЭ по математике.",
        created_by=curator,
    )
    DutyConsent.objects.get_or_create(
        group=group,
        person=mentors[2].person,
        defaults={"form": DutyConsent.Form.PORTAL, "signed_on": date(2026, 9, 10)},
    )
    reverse = _reverse_pair(ctx, school, year, curator=curator)
    if curator and director:
        from apps.orders.services import order_send_for_signature, order_sign

        order = services.groups_submit_to_order(groups=[g for g in (signed, reverse) if g], user=curator)
        order_send_for_signature(order=order, user=curator)
        order_sign(order=order, director=director)
