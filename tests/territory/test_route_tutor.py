"""The tutor of an individual educational route (ЦНППМ, ГМК) as an account: the curator names it by login
or e-mail; the tutor, who holds no role in the school, reaches the routes they tutor (list, page, step
notes and roadmap actions) and nothing else of the school."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from apps.core.exceptions import DomainError
from apps.territory import services
from apps.territory.models import Route
from tests.factories import pairs as f
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tutor(db):
    return UserFactory(
        username="tutor",
        email="tutor@cnppm.ru",
        last_name="Гончаренко",
        first_name="Алла",
        patronymic="Викторовна",
    )


@pytest.fixture
def teacher(cast):
    return f.person(cast.school, user=cast.mentee, last_name="Васильев", first_name="Артём")


def _route(cast, person, **kw):
    data = {"start_year": 2026, "end_year": 2030, "tutor_login": "tutor@cnppm.ru"} | kw
    return services.route_create(organization=cast.school, person=person, user=cast.curator, **data)


def test_the_tutor_is_found_by_login_or_email_and_named_from_the_account(cast, teacher, tutor):
    route = _route(cast, teacher, tutor_login="TUTOR")
    assert route.tutor == tutor and route.tutor_name == "Гончаренко Алла Викторовна"


def test_an_unknown_or_inactive_tutor_account_is_refused_at_its_field(cast, teacher, tutor):
    with pytest.raises(DomainError) as error:
        _route(cast, teacher, tutor_login="no-such-tutor@cnppm.ru")
    assert error.value.field == "tutor_login"
    tutor.is_active = False
    tutor.save(update_fields=["is_active"])
    with pytest.raises(DomainError):
        _route(cast, teacher)
    assert not Route.objects.exists()


def test_a_typed_name_without_an_account_still_works(cast, teacher):
    route = _route(cast, teacher, tutor_login="", tutor_name="Петрова А. В., тьютор ЦНППМ")
    assert route.tutor is None and route.tutor_name.startswith("Петрова")


def test_the_teacher_cannot_be_the_tutor_of_their_own_route(cast, teacher):
    with pytest.raises(DomainError):
        _route(cast, teacher, tutor_login=cast.mentee.username)


def test_the_tutor_sees_and_writes_only_the_routes_they_tutor(client_for, cast, teacher, tutor, client):
    route = _route(cast, teacher)
    other = _route(cast, f.person(cast.school), tutor_login="", tutor_name="Другой тьютор")
    client.force_login(tutor)
    page = client.get(reverse("territory:route-tutored")).content.decode()
    assert "Васильев" in page and reverse("territory:route-detail", args=[other.pk]) not in page
    assert client.get(reverse("territory:route-detail", args=[route.pk])).status_code == 200
    client.post(
        reverse("territory:route-note-add", args=[route.pk]), {"step": 1, "text": "Беседа с педагогом"}
    )
    assert route.notes.get().author == tutor
    assert client.get(reverse("territory:route-detail", args=[other.pk])).status_code == 404
    client.post(reverse("territory:route-note-add", args=[other.pk]), {"step": 1, "text": "x"})
    assert not other.notes.exists()
    # Finishing a route and naming its tutor stay with the school's managers.
    assert client.post(reverse("territory:route-finish", args=[route.pk])).status_code == 403
    assert (
        client.post(reverse("territory:route-tutor", args=[route.pk]), {"tutor_login": ""}).status_code == 403
    )


@pytest.mark.parametrize(
    "name",
    [
        "territory:route-list",
        "staff:person-list",
        "banks:mentor-list",
        "pairs:group-list",
        "partners:agreement-list",
    ],
)
def test_the_tutor_reaches_no_page_of_the_school(client, cast, teacher, tutor, name):
    _route(cast, teacher)
    client.force_login(tutor)
    assert client.get(reverse(name)).status_code in (403, 404)


def test_the_tutor_cannot_open_the_teachers_card(client, cast, teacher, tutor):
    _route(cast, teacher)
    client.force_login(tutor)
    assert client.get(reverse("staff:person-detail", args=[teacher.pk])).status_code in (403, 404)


def test_the_curator_names_and_removes_the_tutor_of_an_old_route(client_for, cast, teacher, tutor):
    route = _route(cast, teacher, tutor_login="", tutor_name="Гончаренко А. В.")
    url = reverse("territory:route-tutor", args=[route.pk])
    assert client_for("mentee").post(url, {"tutor_login": "tutor"}).status_code == 403
    assert client_for("other_curator").post(url, {"tutor_login": "tutor"}).status_code == 404
    client_for("curator").post(url, {"tutor_login": "tutor"})
    route.refresh_from_db()
    assert route.tutor == tutor
    client_for("curator").post(url, {"tutor_login": ""})
    route.refresh_from_db()
    assert route.tutor is None and route.tutor_name == "Гончаренко Алла Викторовна"


def test_the_data_migration_links_only_a_unique_full_name(cast, teacher, tutor):
    migration = importlib.import_module("apps.territory.migrations.0009_route_tutor_account")
    unique = _route(cast, teacher, tutor_login="", tutor_name="Гончаренко Алла Викторовна, тьютор ЦНППМ")
    UserFactory(username="twin1", last_name="Петрова", first_name="Анна", patronymic="Ивановна")
    UserFactory(username="twin2", last_name="Петрова", first_name="Анна", patronymic="Ивановна")
    twins = _route(cast, f.person(cast.school), tutor_login="", tutor_name="Петрова Анна Ивановна")
    short = _route(cast, f.person(cast.school), tutor_login="", tutor_name="Гончаренко А. В.")
    migration.link_unique_tutors(django_apps, None)
    assert Route.objects.get(pk=unique.pk).tutor == tutor
    assert Route.objects.get(pk=twins.pk).tutor is None
    assert Route.objects.get(pk=short.pk).tutor is None
