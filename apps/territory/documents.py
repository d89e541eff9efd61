"""Documents generated from the portal's data: the school's Regulation on the mentoring system from the
model text (``regulation_model``, after seeds 000, 001 and 002) or its edited version, with the roadmap as
its annex; letters of thanks and diplomas of mentors (non-material incentives, seed 000 §3.4, seed 002
§3.4); a person's portfolio of mentoring activity for attestation."""

from django.utils import timezone

from apps.core.pdf import render_pdf
from apps.core.russian import organization_name_in

from .regulation_model import model_sections, numbered_sections, typographic


def regulation_pdf(
    *, organization, roadmap_detail: dict | None, roadmap=None, regulation=None, version=None
) -> bytes:
    """The Regulation: the text of ``version`` (the edited draft or the approved edition), else the
    model text. An approved edition carries the approval stamp «УТВЕРЖДЕНО приказом … от … № …» and
    nothing of a draft; a draft says so at the top. The roadmap is its annex."""
    sections = version.sections if version is not None else model_sections(organization)
    approved = regulation is not None and regulation.is_approved
    full = organization.full_name or organization.short_name
    return render_pdf(
        "pdf/regulation.html",
        {
            "organization": organization,
            "name_in": typographic(organization_name_in(full, "prepositional")),
            "short": typographic(organization.short_name),
            "sections": numbered_sections(sections),
            "regulation": regulation,
            "version": version,
            "order": regulation.order if approved else None,
            "is_draft": not approved,
            "roadmap": roadmap,
            "stages": roadmap_detail["stages"] if roadmap_detail else [],
            "today": timezone.localdate(),
        },
    )


def thanks_pdf(*, entry, year, groups: int) -> bytes:
    """A model letter of thanks for a mentor of the year (not registered: see award_pdf)."""
    person = entry.person
    return render_pdf(
        "pdf/letter_of_thanks.html",
        {
            "organization": entry.organization,
            "person": person,
            "address": _address(person),
            "name_dative": person.name_in("dative"),
            "reason": "",
            "year": year,
            "groups": groups,
            "today": timezone.localdate(),
            "award": None,
            "director_signature": signature_of(entry.organization.director_name),
        },
    )


def _address(person) -> str:
    address = "Уважаемая" if person.sex == "f" else "Уважаемый"
    return f"{address} {person.first_name} {person.patronymic}".strip()


def award_pdf(*, award) -> bytes:
    """A registered award: a letter of thanks (portrait) or a diploma (landscape, «ГРАМОТА»)."""
    person = award.person
    template = "pdf/diploma.html" if award.kind == award.Kind.DIPLOMA else "pdf/letter_of_thanks.html"
    return render_pdf(
        template,
        {
            "organization": award.organization,
            "person": person,
            "address": _address(person),
            "name_dative": person.name_in("dative"),
            "reason": award.reason if award.kind == award.Kind.DIPLOMA else _sentence(award.reason),
            "award": award,
            "today": award.date,
        },
    )


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?…" else f"{text}."


def signature_of(full_name: str) -> str:
    """«Кузнецова Наталья Викторовна» → «Н. В. Кузнецова», the form of a signature block."""
    from apps.core.names import initials_surname

    parts = full_name.split()
    return initials_surname(parts[0], *parts[1:3]) if parts else ""


def portfolio_pdf(**context) -> bytes:
    """The person's portfolio of mentoring activity (context: apps.territory.portfolio.portfolio)."""
    organization = context["person"].organization
    context["director_signature"] = signature_of(organization.director_name)
    return render_pdf("pdf/portfolio.html", context)
