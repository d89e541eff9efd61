"""The words of the orders about pairs: names in their cases, positions in the instrumental case,
the item that assigns a pair and the annex table."""

from apps.core.russian import by_sex, full_name_in, position_in
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
    return position_in(person.position.name) if person.position_id else "педагогический работник"


def position_of(person: Person, case: str) -> str:
    """The person's position in a case for an apposition after the name: «Гусь Ольги Петровны,
    учителя начальных классов», «за наставником Ёлкиным Петром Фомичом, учителем математики»; empty
    when the registry has none."""
    return position_in(person.position.name, case) if person.position_id else ""


def named(person: Person, case: str) -> str:
    """The name and its position in one case: «Гусь Ольгу Петровну, учителя начальных классов»."""
    position = position_of(person, case)
    name = full_name_in(person, case)
    return f"{name}, {position}" if position else name


def _period(group: MentoringGroup) -> str:
    return f"с {group.planned_start:%d.%m.%Y} по {group.planned_end:%d.%m.%Y}"


def _apposition(person: Person, case: str) -> str:
    """«Гусь Ольгу Петровну, учителя начальных классов,»: the apposition closed by a comma before
    what follows; the name alone when the registry has no position."""
    return f"{named(person, case)}," if person.position_id else full_name_in(person, case)


def pair_item_text(group: MentoringGroup) -> str:
    """«Закрепить наставляемую Гусь Ольгу Петровну, учителя начальных классов, за наставником
    Ёлкиным Петром Фомичом, учителем математики, на срок … (форма …); установить наставнику доплату
    …»: «закрепить кого» takes the accusative, «за кем» the instrumental case, each name with its
    position in the same case. A group: «Закрепить за наставником … группу наставляемых в составе:
    …»."""
    from .allowance import allowance_words

    mentor = group.mentor.person
    mentees = [m.mentee_person for m in group.members.all() if m.status != GroupMember.Status.ENDED]
    mentor_words = named(mentor, "instrumental")
    if group.is_distance:
        # «… за наставником Дюма Ольгой Павловной, учителем МБОУ Гимназия № 2, на срок … (дистанционная
        # форма; …)»
        mentor_words += f"{'' if mentor.position_id else ','} {group.mentor.organization.short_name}"
        form = "дистанционная форма; "
    else:
        form = "форма "
    form += f"{group.get_form_display()}, направление «{group.get_direction_display()}»"
    if mentor.position_id or group.is_distance:
        mentor_words += ","  # the apposition closes before «на срок»
    allowance = "установить наставнику доплату " + allowance_words(group).removeprefix("доплата ")
    if len(mentees) > 1:
        return (
            f"Закрепить за наставником {mentor_words} на срок {_period(group)} ({form}) группу "
            "наставляемых в составе: "
            + "; ".join(named(p, "accusative") for p in mentees)
            + ". "
            + allowance[:1].upper()
            + allowance[1:]
            + "."
        )
    mentee = mentees[0] if mentees else None
    noun = by_sex(mentee, "наставляемого", "наставляемую")
    who = f"{noun} {_apposition(mentee, 'accusative')}" if mentee else noun
    return f"Закрепить {who} за наставником {mentor_words} на срок {_period(group)} ({form}); {allowance}."


def petitions_basis(petitions) -> str:
    """The teachers' applications (apps.banks) among the grounds of the order, continuing «на основании
    письменных согласий участников»: « и заявления Гусь Ольги Петровны от 01.09.2026» or « и заявлений
    Гусь Ольги Петровны от 01.09.2026, Ёлкина Петра Фомича от 02.09.2026»; empty when none."""
    if not petitions:
        return ""
    named_petitions = ", ".join(f"{_genitive(p.person)} от {p.filed_on:%d.%m.%Y}" for p in petitions)
    return f" и {'заявления' if len(petitions) == 1 else 'заявлений'} {named_petitions}"


def position_instrumental(person: Person) -> str:
    """«Учитель-логопед» → «учителем-логопедом», «Старший методист» → «старшим методистом»."""
    return position_of(person, "instrumental") or "педагогическим работником"


def _pairs_annex(groups: list[MentoringGroup]) -> dict:
    from .allowance import allowance_short

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
                allowance_short(group),
            ]
        )
    return {
        "title": "Состав наставнических пар (групп)",
        "columns": ["№", "Наставник", "Наставляемые", "Форма", "Направление", "Срок", "Доплата наставнику"],
        "rows": rows,
    }
