"""Coordinators read a roadmap without the names of the school's people (Labour Code art. 88): the history
and the answers to remarks name them by role, unless the person gave the transfer consent."""

import pytest
from django.urls import reverse

from apps.staff import services as staff_services
from apps.staff.models import DisclosureConsent
from apps.territory import services
from tests.factories import territory as tf
from tests.factories.accounts import UserFactory, membership_create
from tests.factories.staff import PersonFactory

pytestmark = pytest.mark.django_db

MARKER = "Зюзикова-Кривошеева"  # a surname no factory produces


@pytest.fixture
def marked_curator(cast):
    user = UserFactory(
        username="marked_curator", last_name=MARKER, first_name="Ольга", patronymic="Ильинична"
    )
    membership_create(user=user, role="curator", scope=cast.school)
    return user


@pytest.fixture
def returned_roadmap(cast, year, marked_curator):
    """Started and answered by the marked curator, approved by the director, returned by the coordinator."""
    roadmap = tf.approved(cast.school, year, marked_curator, cast.director)
    roadmap = services.roadmap_return(roadmap=roadmap, coordinator=cast.municipal, remarks="Уточните сроки")
    remark = roadmap.remarks.get()
    services.remark_answer(remark=remark, answer="Сроки уточнены", user=marked_curator)
    return roadmap


def _history(response) -> str:
    text = response.content.decode()
    return text[text.index('id="h-history"') :]


def _remarks(response) -> str:
    text = response.content.decode()
    return text[text.index('id="h-remarks"') : text.index('id="h-history"')]


def _page(client_for, who, roadmap):
    response = client_for(who).get(reverse("territory:roadmap-detail", args=[roadmap.pk]))
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("who", ["municipal", "regional", "admin"])
def test_outsiders_read_the_curators_role_not_her_name(client_for, returned_roadmap, who):
    response = _page(client_for, who, returned_roadmap)
    assert MARKER not in response.content.decode()
    assert "куратор наставничества" in _history(response)
    assert "куратор наставничества" in _remarks(response)
    assert "Кузнецова" not in _history(response)  # the director approved it
    assert "руководитель организации" in _history(response)


@pytest.mark.parametrize("who", ["curator", "director", "council"])
def test_the_schools_people_read_the_name_on_the_same_page(client_for, returned_roadmap, who):
    response = _page(client_for, who, returned_roadmap)
    assert f"{MARKER} О. И." in _history(response)
    assert f"{MARKER} О. И." in _remarks(response)


def test_the_coordinator_who_returned_it_is_named_to_the_school(client_for, cast, returned_roadmap):
    response = _page(client_for, "curator", returned_roadmap)
    assert cast.municipal.get_short_name() in _remarks(response)


def test_a_transfer_consent_lets_the_coordinators_read_the_name(
    client_for, cast, returned_roadmap, marked_curator
):
    person = PersonFactory(organization=cast.school, user=marked_curator, last_name=MARKER)
    tf.consent(person, kind=DisclosureConsent.Kind.TRANSFER, user=cast.curator)
    assert f"{MARKER} О. И." in _history(_page(client_for, "municipal", returned_roadmap))
    assert f"{MARKER} О. И." in _history(_page(client_for, "regional", returned_roadmap))
    # Not a recipient of the transfer: the portal administrator still reads the role only.
    assert MARKER not in _page(client_for, "admin", returned_roadmap).content.decode()


def test_a_publication_consent_alone_does_not(client_for, cast, returned_roadmap, marked_curator):
    person = PersonFactory(organization=cast.school, user=marked_curator, last_name=MARKER)
    tf.consent(person, kind=DisclosureConsent.Kind.PUBLICATION, user=cast.curator)
    assert MARKER not in _page(client_for, "municipal", returned_roadmap).content.decode()


def test_a_withdrawn_transfer_consent_hides_the_name_again(
    client_for, cast, returned_roadmap, marked_curator
):
    person = PersonFactory(organization=cast.school, user=marked_curator, last_name=MARKER)
    consent = tf.consent(person, kind=DisclosureConsent.Kind.TRANSFER, user=cast.curator)
    staff_services.disclosure_consent_withdraw(consent=consent, user=cast.curator)
    assert MARKER not in _page(client_for, "municipal", returned_roadmap).content.decode()


def test_a_former_curator_stays_unnamed(client_for, returned_roadmap, marked_curator):
    marked_curator.memberships.update(is_active=False)
    response = _page(client_for, "municipal", returned_roadmap)
    assert MARKER not in response.content.decode()
    assert "куратор наставничества" in _history(response)


def test_every_school_role_has_its_place_in_the_naming_by_role():
    from apps.accounts.models import ORGANIZATION_ROLES
    from apps.territory.selectors import _ROLE_PRECEDENCE

    assert set(_ROLE_PRECEDENCE) == set(ORGANIZATION_ROLES)


def test_the_schools_accountant_is_named_by_her_role_and_after_the_mentoring_roles(cast):
    from apps.territory.selectors import names_for_reader

    accountant = UserFactory(username="marked_accountant", last_name=MARKER)
    membership_create(user=accountant, role="accountant", scope=cast.school)
    mentor_too = UserFactory(username="marked_mentor", last_name=MARKER)
    membership_create(user=mentor_too, role="accountant", scope=cast.school)
    membership_create(user=mentor_too, role="mentor", scope=cast.school)
    names = names_for_reader(reader=cast.municipal, organization=cast.school, users=[accountant, mentor_too])
    assert names == {accountant.pk: "бухгалтер", mentor_too.pk: "наставник"}
    # The school's people read the names.
    names = names_for_reader(reader=cast.curator, organization=cast.school, users=[accountant])
    assert MARKER in names[accountant.pk]
