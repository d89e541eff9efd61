"""The banks' sections of the answer to a subject's request (152-ФЗ art. 14), registered on
``apps.staff.hooks.subject_data_sections``: the person's entries in the mentor and the mentee bank,
one query each whatever the number of rows."""

from apps.staff.subject_data import Section, table, yes_no

from .models import MenteeEntry, MentorEntry, Petition


def _areas(items) -> str:
    return "; ".join(
        f"{i.get_area_display()} ({i.get_level_display()})" + (f": {i.comment}" if i.comment else "")
        for i in items
    )


def _mentor_bank(person) -> Section:
    return table(
        "Банк наставников",
        "записи в банке наставников",
        MentorEntry.objects.filter(person=person)
        .select_related("year")
        .prefetch_related("strengths")
        .order_by("year__start_year"),
        [
            ("Учебный год", "year"),
            ("Статус", "status"),
            ("Источник", "source"),
            ("Опыт наставничества", "mentoring_experience"),
            ("Подтверждённые результаты", "confirmed_results"),
            ("Мотивация", "motivation"),
            ("Сильные стороны", lambda e: _areas(e.strengths.all())),
            ("Наибольшее число наставляемых", "max_mentees"),
            ("Дата согласия быть наставником", "consent_signed_on"),
            ("Дата освобождения", "released_on"),
            ("Виден в регионе", lambda e: yes_no(e.visible_in_region)),
            ("Комментарий куратора", "review_comment"),
        ],
        (12, 14, 14, 30, 30, 30, 40, 10, 14, 14, 10, 30),
    )


def _mentee_bank(person) -> Section:
    return table(
        "Банк наставляемых",
        "записи в банке наставляемых (категория, запрос, профессиональные затруднения)",
        MenteeEntry.objects.filter(person=person)
        .select_related("year")
        .prefetch_related("difficulties")
        .order_by("year__start_year"),
        [
            ("Учебный год", "year"),
            ("Категория", "category"),
            ("Статус", "status"),
            ("Источник", "source"),
            ("Запрос", "request"),
            ("Затруднения", lambda e: _areas(e.difficulties.all())),
            ("Комментарий куратора", "review_comment"),
        ],
        (12, 30, 14, 14, 40, 50, 30),
    )


def _petitions(person) -> Section:
    return table(
        "Заявления",
        "заявления о закреплении наставника и о включении в базу наставников",
        Petition.objects.filter(person=person).select_related("year").order_by("filed_on", "pk"),
        [
            ("Дата", "filed_on"),
            ("Учебный год", "year"),
            ("Вид", "kind"),
            ("Как подано", "channel"),
            ("Текст", "text"),
            ("Направления", lambda p: "; ".join(p.get_areas_display())),
            ("Статус", "status"),
            ("Причина отказа", "decline_reason"),
        ],
        (12, 12, 30, 30, 50, 40, 12, 30),
    )


def sections(*, person) -> list[Section]:
    return [_mentor_bank(person), _mentee_bank(person), _petitions(person)]
