"""The minutes of a meeting of the council of mentors (протокол заседания), as a Russian protocol is
written: the organisation, the number of the academic year and the date, ПРИСУТСТВОВАЛИ, ПОВЕСТКА ДНЯ,
then СЛУШАЛИ / ВЫСТУПИЛИ / РЕШИЛИ with the vote on each question, and the signatures of the chair and
the secretary."""

from apps.core.pdf import render_pdf
from apps.core.russian import (
    full_name_in,
    initials_name_in,
    person_named,
    plural_form,
    short_name_in,
)

from . import selectors


def _speaker_accusative(item) -> str:
    """СЛУШАЛИ: «Григорьеву М. А.» — the speaker in the accusative."""
    if item.speaker_id:
        return short_name_in(item.speaker, "accusative")
    if item.speaker_name:
        return short_name_in(person_named(item.speaker_name), "accusative")
    return ""


def _sentence(text: str) -> str:
    text = (text or "").strip()
    return text if not text or text[-1] in ".!?…" else text + "."


def agenda_line(item) -> str:
    """«О плане работы (грамота за наставничество). Докладчик: Соловьёва Е. П.»"""
    line = item.question + (f" ({item.nomination})" if item.nomination else "")
    if item.speaker_id:
        speaker = short_name_in(item.speaker)
    elif item.speaker_name:
        speaker = short_name_in(person_named(item.speaker_name))
    else:
        return _sentence(line)
    return f"{_sentence(line)} Докладчик: {_sentence(speaker)}"


def votes_line(decision) -> str:
    return (
        f"за — {decision.votes_for}, против — {decision.votes_against}, "
        f"воздержались — {decision.votes_abstained}"
    )


def present_line(present: int, members: int) -> str:
    """«Присутствовали 5 человек из 7 членов совета», «Присутствовал 1 человек из 3 членов совета»."""
    verb = plural_form(present, "Присутствовал", "Присутствовали", "Присутствовали")
    people = plural_form(present, "человек", "человека", "человек")
    of = plural_form(members, "члена", "членов", "членов")
    return f"{verb} {present} {people} из {members} {of} совета"


def minutes_context(meeting) -> dict:
    items = selectors.agenda(meeting)
    attendees = selectors.attendees(meeting)
    members = [a for a in attendees if a.is_member]
    invited = [a for a in attendees if not a.is_member]
    organization = meeting.organization
    return {
        "meeting": meeting,
        "organization": organization,
        "present_line": present_line(len(members), selectors.council_members(organization).count()),
        "members": [full_name_in(a.user) for a in members],
        "invited": [(a.name, a.position) for a in invited],
        "chair": initials_name_in(meeting.chair),
        "chair_short": short_name_in(meeting.chair),
        "secretary": initials_name_in(meeting.secretary),
        "secretary_short": short_name_in(meeting.secretary),
        "items": [
            {
                "item": item,
                "speaker": _speaker_accusative(item),
                "agenda": agenda_line(item),
                "decision": getattr(item, "decision", None),
                "votes": votes_line(item.decision) if hasattr(item, "decision") else "",
            }
            for item in items
        ],
    }


def minutes_pdf(*, meeting) -> bytes:
    return render_pdf("pdf/council_minutes.html", minutes_context(meeting))
