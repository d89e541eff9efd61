"""An order's page shows the panels the apps above plug into ``orders.hooks.order_panels``: the
territory's Regulation on the order that approves it; with the hook empty the page renders without it."""

import pytest
from django.urls import reverse
from django.utils.html import format_html

from apps.orders.hooks import order_panels
from apps.territory import services as territory_services
from apps.territory.plugins import order_regulation_panel
from tests.factories.orders import make_draft
from tests.hooks import emptied, plugged

pytestmark = pytest.mark.django_db
ANNEX = "Приложение: Положение о системе наставничества"


@pytest.fixture
def regulation_order(cast):
    regulation = territory_services.regulation_start(organization=cast.school, user=cast.curator)
    order = territory_services.regulation_order_create(regulation=regulation, user=cast.curator)
    order.regulation = regulation
    return order


def _page(client_for, order, role="curator"):
    response = client_for(role).get(reverse("orders:order-detail", args=[order.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_territory_plugs_the_regulation_into_the_page_of_its_order(regulation_order, client_for):
    assert order_regulation_panel in list(order_panels)
    page = _page(client_for, regulation_order, "director")
    assert ANNEX in page and "Текст версии 1." in page
    assert reverse("territory:regulation-version", args=[regulation_order.regulation.pk, 1]) in page
    # In the left column, after «Чего не хватает», before the acquaintance.
    assert page.index('id="missing"') < page.index(ANNEX) < page.index('id="acq"')


def test_another_order_gets_no_regulation_panel(cast, client_for):
    assert ANNEX not in _page(client_for, make_draft(cast.school, cast.curator))


def test_with_the_hook_empty_the_order_page_renders_without_the_regulation(regulation_order, client_for):
    with emptied(order_panels):
        page = _page(client_for, regulation_order)
    assert ANNEX not in page
    assert 'id="missing"' in page and 'id="acq"' in page and regulation_order.title in page
    assert ANNEX in _page(client_for, regulation_order)  # back after the block


def test_a_plugged_panel_gets_the_request_and_the_order(cast, client_for):
    order = make_draft(cast.school, cast.curator)

    def panel(request, shown):
        return format_html('<section id="probe">{} · {}</section>', request.user.username, shown.pk)

    with plugged(order_panels, panel):
        page = _page(client_for, order)
    assert f'<section id="probe">curator · {order.pk}</section>' in page
