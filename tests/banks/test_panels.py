"""The mentor's bank card shows the panels the apps above plug into ``banks.hooks.mentor_panels``: the
territory's awards; with the hook empty the card renders without them."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils.html import format_html

from apps.banks.hooks import mentor_panels
from apps.territory import services as territory_services
from apps.territory.plugins import mentor_awards_panel
from tests.factories import pairs as f
from tests.hooks import emptied, plugged

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(cast, year):
    return f.mentor_entry(cast.school, year, user=cast.mentor, last_name="Морозова", first_name="Татьяна")


def _card(client_for, entry, role="curator"):
    response = client_for(role).get(reverse("banks:mentor-detail", args=[entry.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_territory_plugs_the_awards_panel_into_the_mentor_card(cast, entry, client_for):
    assert mentor_awards_panel in list(mentor_panels)
    territory_services.award_issue(
        organization=cast.school,
        person=entry.person,
        kind="letter",
        reason="за поддержку молодого педагога",
        on=date(2026, 11, 20),
        user=cast.director,
    )
    page = _card(client_for, entry, "director")
    assert '<h2 class="h5">Поощрения</h2>' in page
    assert "Благодарственное письмо № 1" in page and "за поддержку молодого педагога" in page
    assert reverse("territory:award-create") + f"?person={entry.person.pk}" in page


def test_with_the_hook_empty_the_card_renders_without_the_awards(entry, client_for):
    with emptied(mentor_panels):
        page = _card(client_for, entry)
    assert "Поощрения" not in page and "Благодарственных писем и грамот нет." not in page
    assert "Сильные стороны (компетенции)" in page and "Морозова Татьяна" in page
    assert "Поощрения" in _card(client_for, entry)  # back after the block


def test_a_plugged_panel_gets_the_request_and_the_entry_and_stands_after_the_strengths(entry, client_for):
    def panel(request, shown):
        return format_html('<div class="col-12" id="probe">{} · {}</div>', request.user.username, shown.pk)

    with plugged(mentor_panels, panel):
        page = _card(client_for, entry)
    assert f'<div class="col-12" id="probe">curator · {entry.pk}</div>' in page
    assert page.index("Сильные стороны (компетенции)") < page.index("Поощрения") < page.index('id="probe"')
