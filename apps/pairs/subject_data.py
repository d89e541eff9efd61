"""The pairs' sections of the answer to a subject's request (152-ФЗ art. 14), registered on
``apps.staff.hooks.subject_data_sections``: the pairs and groups of the person (as the mentor or a
mentee) and their duty consents, one query each whatever the number of rows."""

from django.db.models import Q

from apps.staff.subject_data import Section, table

from .models import DutyConsent, MentoringGroup


def _groups(person) -> Section:
    groups = list(
        MentoringGroup.objects.filter(Q(mentor__person=person) | Q(members__mentee_person=person))
        .distinct()
        .select_related("mentor__person", "assigned_order", "ended_order")
        .prefetch_related("members__mentee_person")
        .order_by("planned_start", "pk")
    )
    rows = []
    for group in groups:
        mine = [m for m in group.members.all() if m.mentee_person_id == person.pk]
        role = "наставник" if group.mentor.person_id == person.pk else "наставляемый"
        member = mine[0] if mine else None
        rows.append(
            [
                str(group),
                role,
                group.get_form_display(),
                group.get_direction_display(),
                group.get_status_display(),
                group.mentor.person.full_name,
                # A mentee sees their mentor, not the other mentees of a group (their data, not theirs).
                ", ".join(m.mentee_person.full_name for m in group.members.all())
                if role == "наставник"
                else "",
                group.planned_start,
                group.planned_end,
                group.started_on,
                group.ended_on,
                member.get_status_display() if member else "",
                member.joined_on if member else None,
                member.left_on if member else None,
            ]
        )
    return Section(
        "Пары и группы",
        "наставнические пары и группы с участием субъекта",
        [
            "Пара (группа)",
            "Роль",
            "Форма",
            "Направление",
            "Статус",
            "Наставник",
            "Наставляемые",
            "Плановое начало",
            "Плановое окончание",
            "Начало",
            "Окончание",
            "Участие",
            "Дата включения",
            "Дата выбытия",
        ],
        rows,
        (14, 14, 26, 26, 14, 30, 40, 12, 12, 12, 12, 14, 12, 12),
    )


def _duty_consents(person) -> Section:
    return table(
        "Согласия на обязанности",
        "согласия на возложение дополнительных обязанностей наставника (ст. 351.8 ТК РФ)",
        DutyConsent.objects.filter(person=person).select_related("group").order_by("signed_on", "pk"),
        [("Пара (группа)", "group"), ("Форма", "form"), ("Дата согласия", "signed_on")],
        (16, 26, 14),
    )


def sections(*, person) -> list[Section]:
    return [_groups(person), _duty_consents(person)]
