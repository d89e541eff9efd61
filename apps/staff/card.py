"""Sections that other apps add to a person's card (pairs, programs, documents) without the staff
app knowing them: an app registers a section in its ``AppConfig.ready()``::

    register_card_section(CardSection(
        key="pairs", title="Пары и группы", template="pairs/_person_card.html",
        context=lambda person, user: {"pairs": pairs_of_person(person=person, user=user)}, order=30))

``context`` must run a fixed number of queries; the card includes the template with ``ctx`` (that
dict plus ``person`` and ``user``), and only for viewers allowed to see the person's data.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class CardSection:
    key: str
    title: str
    template: str
    context: Callable[..., dict]
    order: int = 100


_SECTIONS: dict[str, CardSection] = {}


def register_card_section(section: CardSection) -> None:
    _SECTIONS[section.key] = section


def card_sections(*, person, user) -> list[dict]:
    """The registered sections in their order, each with its rendered context."""
    sections = []
    for section in sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key)):
        context = {"person": person, "user": user, **section.context(person, user)}
        sections.append(
            {"key": section.key, "title": section.title, "template": section.template, "context": context}
        )
    return sections
