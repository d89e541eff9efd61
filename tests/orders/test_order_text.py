"""The order about pairs as a text: the preamble cites the order that approved the Regulation, the
points name positions in their case and the allowance, the acquaintance list agrees with sex."""

import pytest
from django.urls import reverse

from apps.orders.documents import render_order_pdf
from apps.orders.models import Order
from apps.orders.selectors import regulation_reference
from apps.pairs import services
from apps.staff.models import Position
from tests.factories import pairs as f
from tests.factories.orders import make_signed
from tests.pdf_pages import page_text, pdf_pages

pytestmark = pytest.mark.django_db


def _text(order) -> str:
    return page_text([line for page in pdf_pages(render_order_pdf(order)) for line in page])


@pytest.fixture
def gus_pair(cast, year):
    """Ёлкин Пётр Фомич, учитель математики, mentors Гусь Ольга Петровна, учитель начальных классов."""
    math = Position.objects.get_or_create(name="Учитель математики")[0]
    primary = Position.objects.get_or_create(name="Учитель начальных классов")[0]
    mentor = f.mentor_entry(
        cast.school, year, last_name="Ёлкин", first_name="Пётр", patronymic="Фомич", sex="m", position=math
    )
    mentee = f.mentee_entry(
        cast.school,
        year,
        last_name="Гусь",
        first_name="Ольга",
        patronymic="Петровна",
        sex="f",
        position=primary,
    )
    group = services.group_create(
        **f.group_kwargs(cast.school, year, mentor, [mentee]), created_by=cast.curator
    )
    return services.group_set_allowance(group=group, user=cast.director, amount=3000, share=None)


def test_the_preamble_cites_the_signed_order_approving_the_regulation(cast, gus_pair):
    approving = make_signed(
        cast.school,
        cast.curator,
        cast.director,
        kind=Order.Kind.REGULATION,
        title="Об утверждении Положения о системе наставничества и дорожной карты",
    )
    order = services.groups_submit_to_order(groups=[gus_pair], user=cast.curator)
    assert order.preamble == (
        "В соответствии со статьёй 351.8 Трудового кодекса Российской Федерации, Положением о системе "
        "наставничества педагогических работников МБОУ СОШ № 7, утверждённым приказом от "
        f"{approving.date:%d.%m.%Y} № {approving.number}, и на основании письменных согласий участников"
    )


def test_without_a_signed_approving_order_the_regulation_is_cited_by_name_alone(cast, gus_pair):
    # A draft approving order is not cited: its number does not exist yet.
    from tests.factories.orders import make_draft

    make_draft(cast.school, cast.curator, kind=Order.Kind.REGULATION)
    order = services.groups_submit_to_order(groups=[gus_pair], user=cast.curator)
    assert order.preamble == (
        "В соответствии со статьёй 351.8 Трудового кодекса Российской Федерации, Положением о системе "
        "наставничества педагогических работников МБОУ СОШ № 7 и на основании письменных согласий участников"
    )
    assert "№ _" not in order.preamble and "утверждённым" not in order.preamble


def test_a_cancelled_approving_order_is_not_cited(cast):
    approving = make_signed(cast.school, cast.curator, cast.director, kind=Order.Kind.REGULATION)
    make_signed(cast.school, cast.curator, cast.director, kind=Order.Kind.AMEND, cancels=approving)
    assert regulation_reference(cast.school) == (
        "Положением о системе наставничества педагогических работников МБОУ СОШ № 7"
    )


def test_the_printed_order_names_positions_the_allowance_and_agrees_with_sex(cast, gus_pair):
    order = services.groups_submit_to_order(groups=[gus_pair], user=cast.curator)
    text = _text(order)
    assert (
        "1. Закрепить наставляемую Гусь Ольгу Петровну, учителя начальных классов, за наставником Ёлкиным "
        "Петром Фомичом, учителем математики, на срок с 01.10.2026 по 31.05.2027" in text
    )
    assert "установить наставнику доплату в размере 3 000 (трёх тысяч) рублей в месяц." in text
    assert "О. П. Гусь (наставляемая)" in text
    assert "П. Ф. Ёлкин (наставник)" in text


def test_the_order_page_agrees_the_acquaintance_with_sex(client_for, cast, gus_pair):
    order = services.groups_submit_to_order(groups=[gus_pair], user=cast.curator)
    page = client_for("curator").get(reverse("orders:order-detail", args=[order.pk])).content.decode()
    assert 'Гусь Ольга Петровна <span class="text-secondary small">(наставляемая)</span>' in page
