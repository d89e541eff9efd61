"""No lost updates on a staff card: two curators edit one person, the second save gets the conflict."""

from datetime import date

import pytest
from django.urls import reverse

from apps.core.locking import EditConflict
from apps.staff import services
from apps.staff.forms import PersonForm
from tests.factories.staff import PersonFactory, give_consent
from tests.locking import browser, opened_token, second_curator

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(cast):
    person = PersonFactory(organization=cast.school, last_name="Морозова", phone="+7 912 000-00-01")
    give_consent(person)
    return person


def _form(person, token, **overrides):
    """What the edit form posts when nothing is touched, plus ``overrides``."""
    form = PersonForm(instance=person)
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, list):
            data[name] = [str(v) for v in value]
        elif isinstance(value, date):
            data[name] = value.isoformat()
        else:
            data[name] = "" if value is None else value
    return {**data, "lock_token": token, **overrides}


def test_second_save_of_a_card_gets_both_versions_and_writes_nothing(cast, person):
    url = reverse("staff:person-edit", args=[person.pk])
    first, second = browser(cast.curator), browser(second_curator(cast.school))
    token_first, token_second = opened_token(first, url), opened_token(second, url)
    assert first.post(url, _form(person, token_first, phone="+7 912 111-11-11")).status_code == 302
    response = second.post(url, _form(person, token_second, email="new@school.example.ru"))
    page = response.content.decode()
    assert response.status_code == 409
    assert "Конфликт правок" in page and "Телефон" in page
    assert "+7 912 111-11-11" in page and "+7 912 000-00-01" in page
    person.refresh_from_db()
    assert person.phone == "+7 912 111-11-11" and person.email != "new@school.example.ru"


def test_a_single_save_of_a_card_goes_through(cast, person):
    url = reverse("staff:person-edit", args=[person.pk])
    client = browser(cast.curator)
    assert (
        client.post(url, _form(person, opened_token(client, url), phone="+7 912 222-22-22")).status_code
        == 302
    )
    person.refresh_from_db()
    assert person.phone == "+7 912 222-22-22"


def test_the_service_refuses_a_stale_card_token(cast, person):
    token = services.person_lock_token(person, ["phone"])
    services.person_update(person=person, data={"phone": "+7 912 333-33-33"}, lock_token=token)
    with pytest.raises(EditConflict) as error:
        services.person_update(person=person, data={"phone": "+7 912 444-44-44"}, lock_token=token)
    assert error.value.diffs == [("Телефон", "+7 912 333-33-33", "+7 912 444-44-44")]
