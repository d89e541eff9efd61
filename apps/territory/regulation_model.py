"""The model Regulation on the mentoring system as data, and the shape of its text.

The model text lives in ``regulation_model.txt`` beside this module (sections of points and items, after
seeds 000, 001, 002, 003 and 004); :func:`model_sections` fills in the organisation's card with its
name declined by ``apps.core.russian``. A section is stored in a version as ``{"key", "title",
"text"}``: one point per line, a line starting with «– » or «1) » is an item of the point above it.
:func:`numbered_sections` turns the stored text into the printed points «1.1.», «1.2.», …
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from apps.core.russian import organization_name_in

MODEL_FILE = Path(__file__).with_name("regulation_model.txt")
BLANK = "____________________"
# An item of a list inside a point: «– текст», «- текст», «• текст», «1) текст», «а) текст».
ITEM = re.compile(r"^(?:[–—\-•]\s+|\d{1,2}\)\s+|[а-я]\)\s+)")


@dataclass(frozen=True)
class ModelSection:
    key: str
    title: str
    text: str  # with the placeholders of the card: {org_in}, {org_gen}, {short}, {address}


@lru_cache(maxsize=1)
def model() -> tuple[ModelSection, ...]:
    """The sections of the model text, in order (read once)."""
    return parse_model(MODEL_FILE)


def parse_model(path: Path) -> tuple[ModelSection, ...]:
    """The sections of a model text in the format above (also the municipality's model text)."""
    sections: list[ModelSection] = []
    key = title = ""
    lines: list[str] = []

    def close() -> None:
        if key:
            sections.append(ModelSection(key, title, "\n".join(lines)))

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("== "):
            close()
            key, _, title = line[3:].partition(":")
            key, title, lines = key.strip(), title.strip(), []
            continue
        lines.append(line)
    close()
    return tuple(sections)


def card_values(organization) -> dict[str, str]:
    """The organisation's card as the placeholders of the model text."""
    full = organization.full_name or organization.short_name
    return {
        "org_in": organization_name_in(full, "prepositional"),
        "org_gen": organization_name_in(full, "genitive"),
        "short": organization.short_name,
        "address": organization.address or organization.locality or BLANK,
    }


def model_sections(organization) -> list[dict]:
    """The model Regulation with the organisation's card filled in: the first version of a new
    edition, and the text a section of the model gets when it is added to an older edition."""
    values = card_values(organization)
    return [{"key": s.key, "title": s.title, "text": s.text.format(**values)} for s in model()]


def model_title_of(key: str) -> str:
    return next((s.title for s in model() if s.key == key), "")


def missing_model_sections(sections: list[dict]) -> list[ModelSection]:
    """Sections of the model that a stored text does not have (by key, else by title): an edition
    started from an older model text offers them in the editor."""
    keys = {s.get("key") for s in sections if s.get("key")}
    titles = {_norm(s.get("title", "")) for s in sections}
    return [s for s in model() if s.key not in keys and _norm(s.title) not in titles]


def _norm(title: str) -> str:
    return " ".join(title.lower().replace("ё", "е").split())


# «№ 7», «г. Сургут», «ст. 10»: the sign and its number never part at the end of a printed line.
_NO_BREAK = re.compile(r"(?<!\w)(№|г\.|ст\.|п\.|д\.|ул\.) ")


def typographic(text: str) -> str:
    """Printed text: a no-break space after «№», «г.», «ст.», «п.», «д.», «ул.»."""
    return _NO_BREAK.sub("\\1\u00a0", text or "")


def points_of(text: str) -> list[dict]:
    """Stored text → points, each {"text", "items"}; an item line before any point is a point. The
    printed form: no-break spaces where a number must stay with its sign (:func:`typographic`)."""
    points: list[dict] = []
    for raw in typographic(text).splitlines():
        line = raw.strip()
        if not line:
            continue
        if ITEM.match(line) and points:
            points[-1]["items"].append(line)
        else:
            points.append({"text": line, "items": []})
    return points


def numbered_sections(sections: list[dict]) -> list[dict]:
    """Sections as printed: «1. Title», points «1.1.», «1.2.» with their items (not numbered)."""
    out = []
    for i, section in enumerate(sections, 1):
        points = points_of(section.get("text", ""))
        for j, point in enumerate(points, 1):
            point["number"] = f"{i}.{j}."
        out.append({"number": i, "key": section.get("key", ""), "title": section["title"], "points": points})
    return out
