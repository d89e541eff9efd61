"""The printed order keeps its layout whatever its length: the signature never stands alone at the top
of a page and is on the page of the last point; no page holds only one or two lines; the acquaintance
list agrees with each person's sex."""

import pytest

from apps.orders.documents import render_order_pdf
from apps.orders.models import Order
from apps.orders.services import order_create
from tests.factories.orders import make_person
from tests.pdf_pages import layout_faults, pdf_pages

pytestmark = pytest.mark.django_db

SURNAMES = [
    ("Ёлкин", "Пётр", "Фомич", "m"),
    ("Гусь", "Ольга", "Петровна", "f"),
    ("Черных", "Ольга", "Ивановна", "f"),
    ("Кузьмина-Караваева", "Алёна", "Петровна", "f"),
    ("Дюма", "Александр", "Игоревич", "m"),
    ("Ким", "Виктор", "Енгунович", "m"),
]


def _people(school, n):
    people = []
    for i in range(n):
        last, first, patronymic, sex = SURNAMES[i % len(SURNAMES)]
        people.append(make_person(school, f"{last}{'а' * (i // len(SURNAMES))}", first, patronymic, sex=sex))
    return people


def _order(cast, people):
    """One point per person, as the order about pairs writes them: the signature moves down the page
    as the number of participants grows, and crosses the page break at some length."""
    items = [
        f"Закрепить наставляемого {p.name_accusative}, учителя начальных классов, за наставником "
        f"{people[0].name_genitive}, учителем математики, на срок с 01.10.2026 по 31.05.2027 "
        "(форма «педагог – педагог», направление «Методика преподавания»)."
        for p in people
    ]
    return order_create(
        organization=cast.school,
        kind=Order.Kind.PAIRS,
        title="О закреплении наставнических пар (групп)",
        preamble="В соответствии со статьёй 351.8 Трудового кодекса Российской Федерации",
        items=items,
        participants=[(p, "наставник" if i == 0 else "наставляемый") for i, p in enumerate(people)],
        created_by=cast.curator,
    )


def test_for_every_length_from_1_to_25_participants_the_signature_stays_with_the_last_point(cast):
    people = _people(cast.school, 25)
    faults = {}
    pages_seen = set()
    for n in range(1, 26):
        order = _order(cast, people[:n])
        data = render_order_pdf(order)
        pages_seen.add(len(pdf_pages(data)))
        found = layout_faults(data, last_point="оставляю за собой", signature="Н. В. Кузнецова")
        if found:
            faults[n] = found
        order.delete()
    # Before the layout rules the signature of the 17-point order stood alone at the top of page 3.
    assert faults == {}
    assert len(pages_seen) >= 3  # the lengths did cross page breaks


def test_acquaintance_list_agrees_with_sex(cast):
    gus = make_person(cast.school, "Гусь", "Ольга", "Петровна", sex="f")
    yolkin = make_person(cast.school, "Ёлкин", "Пётр", "Фомич", sex="m")
    order = _order(cast, [yolkin, gus])
    lines = [line for page in pdf_pages(render_order_pdf(order)) for line in page]
    assert any(line.startswith("О. П. Гусь (наставляемая)") for line in lines)
    assert any(line.startswith("П. Ф. Ёлкин (наставник)") for line in lines)
    assert "С приказом ознакомлены:" in lines


def test_a_single_woman_in_the_order_is_ознакомлена(cast):
    gus = make_person(cast.school, "Гусь", "Ольга", "Петровна", sex="f")
    order = _order(cast, [gus])
    lines = [line for page in pdf_pages(render_order_pdf(order)) for line in page]
    assert "С приказом ознакомлена:" in lines
