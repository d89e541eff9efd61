"""The mentor's additional agreement to the labour contract (ТК РФ ст. 351.8) as a PDF for signing."""

from pytrovich.enums import Gender

from apps.core.names import decline_full_name, detect_gender
from apps.core.pdf import render_pdf

from .dates import NOTICE_WORKING_DAYS
from .models import GroupMember, MentoringGroup


def agreement_context(group: MentoringGroup) -> dict:
    # The employer is the mentor's organisation: for a distance pair that is not the pair's own.
    organization = group.mentor.organization
    mentor = group.mentor.person
    mentees = [m.mentee_person for m in group.members.all() if m.status != GroupMember.Status.ENDED]
    director = organization.director_name.split()
    director_genitive = (
        decline_full_name(director[0], director[1], director[2] if len(director) > 2 else "", "genitive")
        if len(director) >= 2
        else organization.director_name
    )
    director_female = (
        len(director) >= 2
        and detect_gender(director[1], director[2] if len(director) > 2 else "") == Gender.FEMALE
    )
    return {
        "director_acting": "действующей" if director_female else "действующего",
        "mentees_genitive": [
            (
                p.name_genitive
                or decline_full_name(p.last_name, p.first_name, p.patronymic, "genitive", p.sex),
                p.position.name.lower() if p.position_id else "",
            )
            for p in mentees
        ],
        "group": group,
        "organization": organization,
        "mentees_organization": group.organization.full_name if group.is_distance else "",
        "mentor": mentor,
        "mentor_genitive": mentor.name_genitive
        or decline_full_name(mentor.last_name, mentor.first_name, mentor.patronymic, "genitive", mentor.sex),
        "mentor_position": mentor.position.name.lower() if mentor.position_id else "педагогический работник",
        "mentees": mentees,
        "director_position_genitive": _position_genitive(organization.director_position),
        "director_genitive": director_genitive,
        "director_initials": _initials(organization.director_name),
        "notice_days": NOTICE_WORKING_DAYS,
    }


def _position_genitive(position: str) -> str:
    return {"директор": "директора", "заведующий": "заведующего", "руководитель": "руководителя"}.get(
        (position or "Директор").lower(), (position or "директора").lower()
    )


def _initials(full_name: str) -> str:
    parts = full_name.split()
    if len(parts) < 2:
        return full_name
    return " ".join(f"{p[0]}." for p in parts[1:3]) + " " + parts[0]


def additional_agreement_pdf(*, group: MentoringGroup) -> bytes:
    return render_pdf("pdf/additional_agreement.html", agreement_context(group))
