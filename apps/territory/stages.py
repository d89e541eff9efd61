"""The stages of the implementation roadmap as the region's template.

Seed 001's annex (the model roadmap of a school's Regulation) and seed 002 §IV (the regional Regulation)
both name seven stages, differently: seed 001 keeps the forming and the work of pairs in one stage and
ends with the information support; seed 002 splits the pairs into two stages and has no stage of
information (it accompanies every stage). The region chooses one list (``Region.stage_template``), and
every roadmap of its schools and municipalities shows and groups its events by it.

The stored stage of an event (``territory.models.Stage``) never changes with the choice: each printed
stage of a template groups one or more stored stages.
"""

from __future__ import annotations

from dataclasses import dataclass

from apps.organizations.models import Region

from .models import Stage


@dataclass(frozen=True)
class PrintedStage:
    number: int | None  # None: a line that accompanies every stage, printed after the seven
    title: str
    stored: tuple[int, ...]  # the stored stages it groups; the first is stored for a new event

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}" if self.number else self.title


# Wording of seed 001's annex («Примерная дорожная карта (план мероприятий) по реализации Положения о
# системе наставничества педагогических работников в Учреждении»; the OCR's «пар/групп» written with
# parentheses, as everywhere in the portal).
SCHOOL_ANNEX = (
    PrintedStage(1, "Подготовка условий реализации системы наставничества", (Stage.CONDITIONS,)),
    PrintedStage(2, "Формирование банка наставляемых", (Stage.MENTEE_BANK,)),
    PrintedStage(3, "Формирование банка наставников", (Stage.MENTOR_BANK,)),
    PrintedStage(4, "Отбор и обучение", (Stage.SELECTION,)),
    PrintedStage(
        5,
        "Организация и осуществление работы наставнических пар (групп)",
        (Stage.PAIRS, Stage.PAIRS_WORK),
    ),
    PrintedStage(6, "Завершение персонализированных программ наставничества", (Stage.FINISH,)),
    PrintedStage(7, "Информационная поддержка системы наставничества", (Stage.INFORMATION,)),
)

# Wording of seed 002 §IV («Реализация программы наставничества в образовательных организациях должна
# включать семь основных этапов»).
REGIONAL = (
    PrintedStage(1, "Подготовка условий для запуска программы наставничества", (Stage.CONDITIONS,)),
    PrintedStage(2, "Формирование базы наставляемых", (Stage.MENTEE_BANK,)),
    PrintedStage(3, "Формирование базы наставников", (Stage.MENTOR_BANK,)),
    PrintedStage(4, "Отбор и обучение наставников", (Stage.SELECTION,)),
    PrintedStage(5, "Формирование наставнических пар или групп", (Stage.PAIRS,)),
    PrintedStage(6, "Организация работы наставнических пар или групп", (Stage.PAIRS_WORK,)),
    PrintedStage(7, "Завершение наставничества", (Stage.FINISH,)),
    PrintedStage(None, "Информационное сопровождение (на всех этапах)", (Stage.INFORMATION,)),
)

TEMPLATES: dict[str, tuple[PrintedStage, ...]] = {
    Region.StageTemplate.SCHOOL_ANNEX: SCHOOL_ANNEX,
    Region.StageTemplate.REGIONAL: REGIONAL,
}


def stages_of(region: Region | None) -> tuple[PrintedStage, ...]:
    """The printed stages of the region's template (the school annex when no region is known)."""
    template = getattr(region, "stage_template", None) or Region.StageTemplate.SCHOOL_ANNEX
    return TEMPLATES.get(template, SCHOOL_ANNEX)


def printed_stage_of(region: Region | None, stored: int) -> PrintedStage:
    return next(s for s in stages_of(region) if stored in s.stored)


def stage_choices(region: Region | None) -> list[tuple[int, str]]:
    """The choices of an event's stage in a form: one per printed stage, storing its first stage."""
    return [(s.stored[0], s.heading) for s in stages_of(region)]


def group_by_stage(region: Region | None, events) -> list[dict]:
    """Events grouped under the printed stages of the region's template, in the template's order:
    ``{"number", "title", "heading", "key", "events", "done"}`` (``done``: events marked done)."""
    groups = []
    by_stored: dict[int, dict] = {}
    for index, stage in enumerate(stages_of(region), 1):
        group = {
            "number": stage.number or "",
            "title": stage.title,
            "heading": stage.heading,
            "key": index,
            "events": [],
            "done": 0,
        }
        groups.append(group)
        for stored in stage.stored:
            by_stored[stored] = group
    for event in events:
        group = by_stored[event.stage]
        group["events"].append(event)
        group["done"] += event.status == "done"
    return groups
