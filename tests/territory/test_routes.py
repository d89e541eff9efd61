from datetime import date

import pytest
from django.urls import reverse

from apps.core.exceptions import DomainError
from apps.territory import services
from apps.territory.models import Route, RouteAction, RouteStep
from tests.factories import pairs as f
from tests.factories.monitoring import trio

pytestmark = pytest.mark.django_db


@pytest.fixture
def teacher(cast):
    return f.person(cast.school, user=cast.mentee, last_name="Васильев", first_name="Артём")


def _route(cast, person, **kw):
    data = {"tutor_name": "Петрова А. В., тьютор ЦНППМ", "start_year": 2026, "end_year": 2030} | kw
    return services.route_create(organization=cast.school, person=person, user=cast.curator, **data)


def _note(route, step, user, text="Текст"):
    return services.route_note_add(route=route, step=step, text=text, user=user)


def test_route_shorter_than_four_or_longer_than_five_years_is_refused(cast, teacher):
    for end in (2029, 2032):
        with pytest.raises(DomainError) as error:
            _route(cast, teacher, end_year=end)
        assert error.value.field == "end_year"
    assert _route(cast, teacher, end_year=2031).pk


def test_person_of_another_school_is_refused(cast):
    with pytest.raises(DomainError):
        _route(cast, f.person(cast.other_school))


def test_steps_go_in_the_order_of_the_algorithm(cast, teacher):
    route = _route(cast, teacher)
    with pytest.raises(DomainError, match="Сначала"):
        _note(route, RouteStep.DEFICITS, cast.curator)
    with pytest.raises(DomainError):
        services.route_action_add(
            route=route, kind="course", title="Курсы", deadline=date(2027, 3, 1), user=None
        )
    _note(
        route,
        RouteStep.SELF_DETERMINATION,
        cast.mentee,
        "Хочу стать учителем, у которого дети задают вопросы",
    )
    _note(route, RouteStep.ACHIEVEMENTS, cast.mentee)
    _note(route, RouteStep.DEFICITS, cast.mentee)
    with pytest.raises(DomainError):
        _note(route, RouteStep.REFLECTION, cast.mentee)
    action = services.route_action_add(
        route=route,
        kind=RouteAction.Kind.COURSE,
        title="Курсы ДПО",
        deadline=date(2027, 3, 1),
        user=cast.curator,
    )
    _note(route, RouteStep.CORRECTION, cast.mentee, "Добавлен проект")
    with pytest.raises(DomainError, match="Сначала"):
        _note(route, RouteStep.REFLECTION, cast.mentee)
    services.route_product_record(
        action=action,
        product="Методическая разработка урока",
        attitude="Доволен",
        done_on=date(2026, 10, 1),
        user=None,
    )
    _note(route, RouteStep.REFLECTION, cast.mentee)
    route = services.route_finish(route=route, user=cast.curator)
    assert route.status == Route.Status.FINISHED


def test_product_is_required_to_count_as_realisation(cast, teacher):
    route = _route(cast, teacher)
    for step in (1, 2, 3):
        _note(route, step, cast.curator)
    action = services.route_action_add(
        route=route, kind="trial", title="Проба", deadline=date(2027, 1, 1), user=None
    )
    with pytest.raises(DomainError) as error:
        services.route_product_record(
            action=action, product=" ", attitude="", done_on=date(2026, 10, 1), user=None
        )
    assert error.value.field == "product"


def test_route_cannot_be_finished_without_reflective_analysis(cast, teacher):
    with pytest.raises(DomainError, match="рефлексивный"):
        services.route_finish(route=_route(cast, teacher), user=cast.curator)


def test_route_page_lists_the_programs_the_teacher_took_part_in(client_for, cast, year):
    program, _users, mentees = trio(cast, year)
    route = _route(cast, mentees[0].person)
    page = client_for("curator").get(reverse("territory:route-detail", args=[route.pk])).content.decode()
    assert program.title in page and "наставляемый" in page


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("curator", 200),
        ("director", 200),
        ("mentee", 200),
        ("mentor", 403),
        ("municipal", 403),
        ("other_curator", 404),
    ],
)
def test_who_opens_a_route(client_for, cast, teacher, who, status):
    route = _route(cast, teacher)
    assert client_for(who).get(reverse("territory:route-detail", args=[route.pk])).status_code == status


def test_teacher_writes_own_route_through_the_page(client_for, cast, teacher):
    route = _route(cast, teacher)
    client_for("mentee").post(
        reverse("territory:route-note-add", args=[route.pk]), {"step": 1, "text": "Образ"}
    )
    assert route.notes.get().text == "Образ"
    assert (
        client_for("mentor")
        .post(reverse("territory:route-note-add", args=[route.pk]), {"step": 1, "text": "x"})
        .status_code
        == 403
    )


def test_curator_creates_a_route_and_the_list_is_scoped(client_for, cast, teacher):
    response = client_for("curator").post(
        reverse("territory:route-create"),
        {"person": teacher.pk, "tutor_name": "Тьютор ЦНППМ", "start_year": 2026, "end_year": 2028},
    )
    assert response.status_code == 200 and "end_year" in response.context["form"].errors
    client_for("curator").post(
        reverse("territory:route-create"),
        {"person": teacher.pk, "tutor_name": "Тьютор ЦНППМ", "start_year": 2026, "end_year": 2030},
    )
    assert Route.objects.filter(person=teacher).count() == 1
    assert client_for("mentor").get(reverse("territory:route-create")).status_code == 403
    assert client_for("mentee").get(reverse("territory:route-list")).context["page_obj"].paginator.count == 1
    assert (
        client_for("two_roles").get(reverse("territory:route-list")).context["page_obj"].paginator.count == 0
    )


def test_route_list_makes_the_same_number_of_queries_at_1_and_10_routes(
    client_for, cast, django_assert_max_num_queries
):
    _route(cast, f.person(cast.school))
    client = client_for("curator")
    with django_assert_max_num_queries(15) as small:
        client.get(reverse("territory:route-list"))
    for _ in range(9):
        _route(cast, f.person(cast.school))
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(reverse("territory:route-list")).context["page_obj"].paginator.count == 10


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("director", True),
        ("curator", True),
        ("council", True),
        ("psychologist", True),
        ("mentor", True),
        ("mentee", True),
        ("other_curator", False),
        ("municipal", False),
        ("regional", False),
        ("admin", False),
        ("nobody", False),
    ],
)
def test_the_route_list_opens_to_every_role_of_the_organisation(cast, role, allowed):
    assert getattr(cast, role).has_perm("territory.list_routes", cast.school) is allowed
