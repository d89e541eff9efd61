"""Documents of the municipality: its Regulation (from the model text of seed 000, the names declined
by ``apps.core.russian``), the order of the education authority that approves it, and the справка on
the control of the schools' roadmaps and the self-diagnosis (seed 002, roadmap items 1.7 and 3.3),
written from the figures with explicit rules (:func:`findings`)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from django.utils import timezone

from apps.core.pdf import render_pdf
from apps.core.russian import municipality_name_in, organization_name_in

from .regulation_model import numbered_sections, parse_model, typographic

MODEL_FILE = Path(__file__).with_name("municipal_regulation_model.txt")


@lru_cache(maxsize=1)
def model():
    return parse_model(MODEL_FILE)


def municipality_in(municipality, case: str) -> str:
    """The municipality's name in a case; the card's own genitive form wins for the genitive."""
    if case == "genitive" and municipality.name_genitive:
        return municipality.name_genitive
    return municipality_name_in(municipality.name, case)


def authority_name_in(municipality, case: str) -> str:
    name = municipality.authority_name or "органа управления образованием"
    return organization_name_in(name, case, in_sentence=False) if municipality.authority_name else name


def model_sections(municipality) -> list[dict]:
    values = {
        "muni_gen": municipality_in(municipality, "genitive"),
        "authority_gen": authority_name_in(municipality, "genitive"),
    }
    return [{"key": s.key, "title": s.title, "text": s.text.format(**values)} for s in model()]


def _title_tail(municipality) -> str:
    return typographic(
        f"в муниципальных образовательных организациях {municipality_in(municipality, 'genitive')}"
    )


def regulation_pdf(*, regulation, version) -> bytes:
    """An edition of the municipality's Regulation: a draft is marked «ПРОЕКТ»; an approved one carries
    «УТВЕРЖДЕНО приказом … от … № …»."""
    municipality = regulation.municipality
    approved = regulation.is_approved
    return render_pdf(
        "pdf/municipal_regulation.html",
        {
            "municipality": municipality,
            "authority_gen": typographic(authority_name_in(municipality, "genitive")),
            "title_tail": _title_tail(municipality),
            "sections": numbered_sections(version.sections),
            "regulation": regulation,
            "version": version,
            "order": regulation.order if approved else None,
            "is_draft": not approved,
        },
    )


def order_pdf(*, order, regulation, version) -> bytes:
    """The authority's order with the Regulation as its annex: «ПРОЕКТ» until it is registered."""
    municipality = order.municipality
    return render_pdf(
        "pdf/municipal_order.html",
        {
            "order": order,
            "municipality": municipality,
            "authority": typographic(order.authority_name),
            "authority_gen": typographic(
                organization_name_in(order.authority_name, "genitive", in_sentence=False)
            ),
            "is_draft": not order.is_signed,
            "title": typographic(order.title),
            "preamble": typographic(order.preamble),
            "items": [typographic(i) for i in order.items],
            "title_tail": _title_tail(municipality),
            "sections": numbered_sections(version.sections),
            "regulation": regulation,
            "version": version,
        },
    )


# The справка ------------------------------------------------------------------------------------


def findings(rows: list[dict], indicator: dict) -> dict:
    """Conclusions and recommendations from the figures of the schools (``rows``: one dict per
    organisation, see ``municipal_selectors.certificate_rows``), by explicit rules:

    - the share of organisations implementing the target model (the regional indicator);
    - organisations without a roadmap of the year, with a roadmap not yet agreed (a draft, awaiting
      agreement, returned with remarks), with overdue events;
    - organisations without an approved Regulation, without a curator, without an active pair with an
      approved personalized program.
    Each group found gives a conclusion naming the organisations and a recommendation; none found, the
    conclusion says so and the recommendation is to present the practice at the regional contest."""

    def names(selected):
        return ", ".join(r["name"] for r in selected)

    no_roadmap = [r for r in rows if not r["roadmap_status"]]
    draft = [r for r in rows if r["roadmap_status"] == "draft"]
    awaiting = [r for r in rows if r["roadmap_status"] == "approved"]
    returned = [r for r in rows if r["roadmap_status"] == "returned"]
    overdue = [r for r in rows if r["overdue"]]
    no_regulation = [r for r in rows if not r["has_regulation"]]
    no_curator = [r for r in rows if not r["has_curator"]]
    no_pairs = [r for r in rows if not r["active_pairs"]]
    conclusions: list[str] = []
    recommendations: list[str] = []
    total, implementing = indicator.get("total") or 0, indicator.get("implementing") or 0
    if total:
        conclusions.append(
            f"Организаций, реализующих целевую модель наставничества: {implementing} из {total} "
            f"({_decimal(indicator.get('share') or 0)} %)."
        )
    agreed = sum(1 for r in rows if r["roadmap_status"] == "agreed")
    conclusions.append(
        f"Согласованных дорожных карт: {agreed} из {len(rows)}. Мероприятий дорожных карт выполнено: "
        f"{sum(r['done'] for r in rows)} из {sum(r['total'] for r in rows)}, просрочено: "
        f"{sum(r['overdue'] for r in rows)}."
    )
    if no_roadmap:
        conclusions.append(f"Не разработаны дорожные карты на учебный год: {names(no_roadmap)}.")
        recommendations.append(
            f"Руководителям организаций ({names(no_roadmap)}) разработать и утвердить дорожные карты "
            "внедрения системы наставничества и направить их на согласование муниципальному координатору."
        )
    if draft:
        conclusions.append(f"Дорожные карты не утверждены руководителями: {names(draft)}.")
        recommendations.append(
            f"Руководителям организаций ({names(draft)}) утвердить дорожные карты и направить их на "
            "согласование."
        )
    if returned:
        conclusions.append(f"Возвращены с замечаниями и не доработаны дорожные карты: {names(returned)}.")
        recommendations.append(
            f"Организациям ({names(returned)}) ответить на замечания муниципального координатора и "
            "повторно утвердить дорожные карты."
        )
    if awaiting:
        conclusions.append(f"Ожидают согласования дорожные карты: {names(awaiting)}.")
        recommendations.append(
            "Муниципальному координатору рассмотреть дорожные карты, ожидающие согласования."
        )
    if overdue:
        listed = ", ".join(f"{r['name']} ({r['overdue']})" for r in overdue)
        conclusions.append(f"Имеются просроченные мероприятия дорожных карт: {listed}.")
        recommendations.append(
            "Выполнить просроченные мероприятия или скорректировать сроки дорожных карт по согласованию с "
            "муниципальным координатором."
        )
    if no_regulation:
        conclusions.append(f"Не утверждено Положение о системе наставничества: {names(no_regulation)}.")
        recommendations.append(
            "Утвердить приказом руководителя Положение о системе наставничества педагогических работников "
            "и разместить его на официальном сайте организации."
        )
    if no_curator:
        conclusions.append(f"Не назначен куратор реализации программ наставничества: {names(no_curator)}.")
        recommendations.append(
            "Назначить приказом руководителя куратора реализации программ наставничества из числа "
            "заместителей руководителя."
        )
    if no_pairs:
        conclusions.append(
            f"Нет действующих наставнических пар (групп) с утверждённой персонализированной программой: "
            f"{names(no_pairs)}."
        )
        recommendations.append(
            "Сформировать наставнические пары (группы) по банкам наставников и наставляемых и утвердить "
            "персонализированные программы наставничества."
        )
    if not recommendations:
        recommendations.append(
            "Продолжить реализацию дорожных карт; представить лучшие практики наставничества на ежегодный "
            "региональный конкурс муниципальных моделей наставничества."
        )
    return {"conclusions": conclusions, "recommendations": recommendations}


def _decimal(value) -> str:
    """A figure as Russian print writes it: «33,3»."""
    return str(value).replace(".", ",")


def certificate_pdf(
    *, municipality, year, rows, indicator, regulation, signer_position, signer_name, roadmap=None
) -> bytes:
    return render_pdf(
        "pdf/municipal_certificate.html",
        {
            "municipality": municipality,
            "authority": typographic(municipality.authority_name),
            "muni_gen": typographic(municipality_in(municipality, "genitive")),
            "year": year,
            "rows": rows,
            "indicator": indicator,
            "share": _decimal(indicator["share"]) if indicator.get("share") is not None else None,
            "regulation": regulation,
            "roadmap": roadmap,
            "today": timezone.localdate(),
            "signer_position": signer_position,
            "signer_name": signer_name,
            **findings(rows, indicator),
        },
    )
