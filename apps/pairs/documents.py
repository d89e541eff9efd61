"""The mentor's additional agreement to the labour contract (ТК РФ ст. 351.8) as a PDF for signing:
the work (whom the mentor guides and what the work is), its term, the allowance, early termination."""

from types import SimpleNamespace

from apps.core.pdf import render_pdf
from apps.core.russian import by_sex, count, full_name_in, initials_name_in, position_in

from .dates import NOTICE_WORKING_DAYS
from .models import GroupMember, MentoringGroup
from .services.allowance import allowance_words
from .services.wording import named, position_of


def _director(organization) -> SimpleNamespace | None:
    """The director from the organisation's card («Кузнецова Наталья Владимировна») as a person the
    language layer declines; None when the card has no full name."""
    parts = (organization.director_name or "").split()
    if len(parts) < 2:
        return None
    return SimpleNamespace(
        last_name=parts[0], first_name=parts[1], patronymic=" ".join(parts[2:]), sex="", pk=None
    )


def agreement_context(group: MentoringGroup) -> dict:
    # The employer is the mentor's organisation: for a distance pair that is not the pair's own.
    organization = group.mentor.organization
    mentor = group.mentor.person
    mentees = [m.mentee_person for m in group.members.all() if m.status != GroupMember.Status.ENDED]
    director = _director(organization)
    director_position = organization.director_position or "Директор"
    if len(mentees) > 1:
        whom = "группы педагогических работников: " + "; ".join(named(p, "genitive") for p in mentees)
        together = "совместно с наставляемыми: " + ", ".join(full_name_in(p, "instrumental") for p in mentees)
        mentee_noun = "наставляемым"
    else:
        only = mentees[0] if mentees else None
        whom = f"педагогического работника {named(only, 'genitive')}" if only else ""
        together = (
            f"совместно с {by_sex(only, 'наставляемым', 'наставляемой')} {full_name_in(only, 'instrumental')}"
            if only
            else "совместно с наставляемым"
        )
        mentee_noun = by_sex(only, "наставляемому", "наставляемой") if only else "наставляемому"
    return {
        "group": group,
        "organization": organization,
        "mentees": mentees,
        "is_group": len(mentees) > 1,
        "whom": whom,
        "together": together,
        "mentee_noun_dative": mentee_noun,
        "mentees_organization": group.organization.full_name if group.is_distance else "",
        "mentor": mentor,
        "mentor_name": full_name_in(mentor, "nominative"),
        "mentor_position": position_of(mentor, "nominative") or "педагогический работник",
        "mentor_initials": initials_name_in(mentor),
        "mentor_consent": by_sex(mentor, "его", "её"),
        "mentor_received": by_sex(mentor, "получил", "получила"),
        "director_position": director_position,
        "director_position_genitive": position_in(director_position, "genitive"),
        "director_genitive": full_name_in(director, "genitive") if director else organization.director_name,
        "director_acting": by_sex(director, "действующего", "действующей") if director else "действующего",
        "director_initials": initials_name_in(director) if director else organization.director_name,
        "allowance": allowance_words(group),
        "notice": count(NOTICE_WORKING_DAYS, "рабочий день"),
    }


def additional_agreement_pdf(*, group: MentoringGroup) -> bytes:
    return render_pdf("pdf/additional_agreement.html", agreement_context(group))
