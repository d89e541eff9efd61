"""The words of the orders about pairs: names in their cases, positions in the instrumental case,
the item that assigns a pair and the annex table."""

from apps.staff.models import Person

from ..models import (
    GroupMember,
    MentoringGroup,
)


def _accusative(person: Person) -> str:
    from apps.core.names import decline_full_name

    return person.name_accusative or decline_full_name(
        person.last_name, person.first_name, person.patronymic, "accusative", person.sex
    )


def _genitive(person: Person) -> str:
    from apps.core.names import decline_full_name

    return person.name_genitive or decline_full_name(
        person.last_name, person.first_name, person.patronymic, "genitive", person.sex
    )


def _position(person: Person) -> str:
    return person.position.name.lower() if person.position_id else "педагогического работника"


def _period(group: MentoringGroup) -> str:
    return f"с {group.planned_start:%d.%m.%Y} по {group.planned_end:%d.%m.%Y}"


def pair_item_text(group: MentoringGroup) -> str:
    """«Закрепить наставляемого Васильева Артёма Дмитриевича за наставником Морозовой Татьяной
    Сергеевной …»: «закрепить кого» takes the accusative, «за кем» the instrumental case."""
    from apps.core.names import decline_full_name

    mentor = group.mentor.person
    mentor_instr = decline_full_name(
        mentor.last_name, mentor.first_name, mentor.patronymic, "instrumental", mentor.sex
    )
    mentees = [m.mentee_person for m in group.members.all() if m.status != GroupMember.Status.ENDED]
    names = ", ".join(_accusative(p) for p in mentees)
    noun = "наставляемых" if len(mentees) > 1 else "наставляемого"
    if group.is_distance:
        # «… за наставником Дюма Ольгой Павловной, учителем МБОУ Гимназия № 2 (дистанционная форма; …)»
        return (
            f"Закрепить {noun} {names} за наставником {mentor_instr}, "
            f"{position_instrumental(mentor)} {group.mentor.organization.short_name} "
            f"(дистанционная форма; {group.get_form_display()}, направление "
            f"«{group.get_direction_display()}») на срок {_period(group)}."
        )
    return (
        f"Закрепить {noun} {names} за наставником {mentor_instr} "
        f"({group.get_form_display()}, направление «{group.get_direction_display()}») "
        f"на срок {_period(group)}."
    )


# The nomenclature's words in the instrumental case («за наставником …, учителем-логопедом …»); the
# words after the head noun («дополнительного образования», «директора по …») stay as they are.
_INSTRUMENTAL = {
    "учитель": "учителем",
    "логопед": "логопедом",
    "дефектолог": "дефектологом",
    "педагог": "педагогом",
    "психолог": "психологом",
    "социальный": "социальным",
    "тьютор": "тьютором",
    "воспитатель": "воспитателем",
    "старший": "старшим",
    "организатор": "организатором",
    "библиотекарь": "библиотекарем",
    "советник": "советником",
    "вожатый": "вожатым",
    "методист": "методистом",
    "инструктор": "инструктором",
    "музыкальный": "музыкальным",
    "руководитель": "руководителем",
    "концертмейстер": "концертмейстером",
    "преподаватель": "преподавателем",
    "мастер": "мастером",
    "тренер": "тренером",
    "ассистент": "ассистентом",
    "доцент": "доцентом",
    "профессор": "профессором",
    "заведующий": "заведующим",
    "декан": "деканом",
    "директор": "директором",
    "заместитель": "заместителем",
}
_ADJECTIVES = {"социальный", "старший", "музыкальный"}


def position_instrumental(person: Person) -> str:
    """«Учитель-логопед» → «учителем-логопедом», «Старший методист» → «старшим методистом»; a
    position outside the nomenclature stays in the nominative after «в должности»."""
    if not person.position_id:
        return "педагогическим работником"
    words = person.position.name.lower().split()
    out = []
    for i, word in enumerate(words):
        parts = word.split("-")
        if not all(p in _INSTRUMENTAL for p in parts):
            if i == 0:
                return f"в должности «{person.position.name.lower()}»"
            out.extend(words[i:])
            break
        out.append("-".join(_INSTRUMENTAL[p] for p in parts))
        if word not in _ADJECTIVES:
            out.extend(words[i + 1 :])
            break
    return " ".join(out)


def _pairs_annex(groups: list[MentoringGroup]) -> dict:
    rows = []
    for n, group in enumerate(groups, start=1):
        mentees = [m.mentee_person for m in group.members.all() if m.status != GroupMember.Status.ENDED]
        mentor = f"{group.mentor.person.full_name}, {_position(group.mentor.person)}"
        if group.is_distance:
            mentor += f", {group.mentor.organization.short_name} (дистанционно)"
        rows.append(
            [
                str(n),
                mentor,
                "; ".join(p.full_name for p in mentees),
                group.get_form_display(),
                group.get_direction_display(),
                _period(group),
            ]
        )
    return {
        "title": "Состав наставнических пар (групп)",
        "columns": ["№", "Наставник", "Наставляемые", "Форма", "Направление", "Срок"],
        "rows": rows,
    }
