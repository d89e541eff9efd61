"""Who may open each registry page, across two organisations and two municipalities:
allowed 200, in scope but not allowed 403, outside the user's organisations 404."""

import pytest
from django.urls import reverse

from tests.factories.staff import PersonFactory, give_consent

pytestmark = pytest.mark.django_db

# list of the school (the school is the active organisation of its members; others ask with ?org=)
LIST = {
    "director": 200,
    "curator": 200,
    "council": 200,
    "psychologist": 200,
    "admin": 403,  # the portal administrator reads no personal data of a school
    "mentor": 403,
    "mentee": 403,
    "two_roles": 403,
    "municipal": 403,
    "regional": 403,
    "other_curator": 404,
    "other_director": 404,
    "other_teacher": 404,
    "far_curator": 404,
    "far_municipal": 404,
    "nobody": 404,
}


@pytest.mark.parametrize(("name", "status"), LIST.items())
def test_registry_list_of_the_school(client_for, cast, name, status):
    response = client_for(name).get(reverse("staff:person-list"), {"org": cast.school.pk})
    assert response.status_code == status


def test_registry_list_without_an_organization_is_refused(client_for, cast):
    assert client_for("municipal").get(reverse("staff:person-list")).status_code == 403
    assert client_for("nobody").get(reverse("staff:person-list")).status_code == 403


def test_anonymous_is_sent_to_sign_in(client_for, cast):
    response = client_for(None).get(reverse("staff:person-list"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


CARD = {
    "director": 200,
    "curator": 200,
    "council": 200,
    "psychologist": 200,
    "admin": 403,  # the portal administrator reads no personal data of a school
    "mentor": 403,
    "mentee": 403,
    "municipal": 404,
    "regional": 404,
    "other_curator": 404,
    "other_teacher": 404,
    "far_curator": 404,
    "nobody": 404,
}


@pytest.mark.parametrize(("name", "status"), CARD.items())
def test_person_card(client_for, cast, name, status):
    person = PersonFactory(organization=cast.school)
    assert client_for(name).get(reverse("staff:person-detail", args=[person.pk])).status_code == status


def test_a_teacher_opens_their_own_card(client_for, cast):
    person = PersonFactory(organization=cast.school, user=cast.mentee, phone="+7 912 000-11-22")
    response = client_for("mentee").get(reverse("staff:person-detail", args=[person.pk]))
    assert response.status_code == 200
    assert "+7 912 000-11-22" in response.content.decode()


MANAGE = {
    "director": 200,
    "curator": 200,
    "admin": 403,  # the portal administrator reads no personal data of a school
    "council": 403,
    "psychologist": 403,
    "mentor": 403,
    "mentee": 403,
    "municipal": 404,
    "other_curator": 404,
    "other_director": 404,
    "nobody": 404,
}


@pytest.mark.parametrize(("name", "status"), MANAGE.items())
@pytest.mark.parametrize(
    "page", ["staff:person-edit", "staff:person-invite", "staff:consent-create", "staff:consent-pdf"]
)
def test_pages_of_the_curator_and_the_director(client_for, cast, name, status, page):
    person = PersonFactory(organization=cast.school)
    assert client_for(name).get(reverse(page, args=[person.pk])).status_code == status


CREATE = {
    "director": 200,
    "curator": 200,
    "admin": 403,  # the portal administrator reads no personal data of a school
    "council": 403,
    "psychologist": 403,
    "mentor": 403,
    "municipal": 403,
    "other_curator": 404,
    "far_curator": 404,
}


@pytest.mark.parametrize(("name", "status"), CREATE.items())
@pytest.mark.parametrize("page", ["staff:person-create", "staff:destruction-act-list"])
def test_creating_people_and_reading_acts(client_for, cast, name, status, page):
    assert client_for(name).get(reverse(page), {"org": cast.school.pk}).status_code == status


def test_curator_posting_into_another_school_is_refused(client_for, cast):
    response = client_for("curator").post(
        reverse("staff:person-create") + f"?org={cast.other_school.pk}", {"last_name": "Иванова"}
    )
    assert response.status_code == 404


def test_curator_cannot_edit_a_person_of_another_school(client_for, cast):
    person = PersonFactory(organization=cast.other_school, last_name="Ёлкин")
    response = client_for("curator").post(
        reverse("staff:person-edit", args=[person.pk]), {"last_name": "Иванов"}
    )
    assert response.status_code == 404
    person.refresh_from_db()
    assert person.last_name == "Ёлкин"


def test_buttons_are_shown_only_for_allowed_actions(client_for, cast):
    person = PersonFactory(organization=cast.school)
    give_consent(person)
    url = reverse("staff:person-detail", args=[person.pk])
    curator_page = client_for("curator").get(url).content.decode()
    council_page = client_for("council").get(url).content.decode()
    for link in (
        reverse("staff:person-edit", args=[person.pk]),
        reverse("staff:person-invite", args=[person.pk]),
    ):
        assert link in curator_page
        assert link not in council_page
    assert "Отозвать" in curator_page and "Отозвать" not in council_page


def test_menu_item_is_shown_to_those_allowed(client_for, cast):
    assert "Педагоги</a>" in client_for("curator").get(reverse("accounts:dashboard")).content.decode()
    assert "Педагоги</a>" not in client_for("mentor").get(reverse("accounts:dashboard")).content.decode()
