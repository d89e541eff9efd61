"""The application (заявление) into a bank as a paper to print and sign: the addressee at the top
right, «ЗАЯВЛЕНИЕ» centred, the request in the first person, the date and the signature line."""

from apps.core import russian
from apps.core.pdf import render_pdf

from .models import MentoringForm, Petition

TEMPLATE = "pdf/petition.html"


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _in_sentence(label: str) -> str:
    """«Методическая (…)» → «методическая (…)»; an abbreviation stays: «ИКТ и цифровизация»."""
    return label if label[:2].isupper() else label[:1].lower() + label[1:]


def _request(petition: Petition) -> str:
    """The request sentence, in the teacher's words of seed 001 (the annex's stages 2 and 3)."""
    year = f"{petition.year.label} учебный год"
    areas = ", ".join(_in_sentence(a) for a in petition.get_areas_display())
    if petition.kind == Petition.Kind.MENTEE:
        form = (
            f" в форме наставничества {MentoringForm(petition.mentoring_form).label}"
            if petition.mentoring_form
            else ""
        )
        return (
            f"Прошу закрепить за мной наставника на {year}{form} для помощи в преодолении "
            f"профессиональных затруднений по направлениям: {areas}."
        )
    number = petition.max_mentees or 1
    ready = russian.by_sex(petition.person, "Готов", "Готова")
    return (
        f"Прошу включить меня в базу наставников на {year}. {ready} сопровождать одновременно до "
        f"{number} {_genitive_count(number)} по направлениям: {areas}."
    )


def _genitive_count(number: int) -> str:
    """«наставляемого» / «наставляемых» after «не более двух»."""
    return "наставляемого" if number % 10 == 1 and number % 100 != 11 else "наставляемых"


def petition_context(petition: Petition) -> dict:
    organization = petition.organization
    person = petition.person
    director = russian.person_named(organization.director_name)
    position = person.position.name if person.position_id else ""
    return {
        "petition": petition,
        "organization": organization,
        "person": person,
        "to_position": _capitalised(
            russian.position_in(organization.director_position or "Директор", "dative")
        ),
        "to_organization": russian.organization_name_in(organization.short_name, "genitive"),
        "to_name": russian.short_name_in(director, "dative") if organization.director_name else "",
        "from_position": russian.position_in(position, "genitive") if position else "",
        "from_name": russian.full_name_in(person, "genitive"),
        "request": _request(petition),
        "text_lead": "Мои затруднения и запрос:" if petition.kind == Petition.Kind.MENTEE else "О себе:",
        "category": petition.get_category_display() if petition.category else "",
    }


def petition_pdf(petition: Petition) -> bytes:
    return render_pdf(TEMPLATE, petition_context(petition))
