"""Every page of the shell renders for every role in Russian; anonymous users go to the login page."""

import pytest
from django.urls import reverse

from tests.conftest import ALL_ROLES

pytestmark = pytest.mark.django_db

SHELL_PAGES = ["accounts:dashboard", "accounts:profile", "accounts:password-change"]


@pytest.mark.parametrize("name", ALL_ROLES)
@pytest.mark.parametrize("page", SHELL_PAGES)
def test_shell_page_renders_for_every_role(client_for, name, page):
    response = client_for(name).get(reverse(page))
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="ru">' in body
    assert "Выйти" in body


@pytest.mark.parametrize("page", [*SHELL_PAGES, "organizations:organization-list"])
def test_anonymous_is_sent_to_login(client_for, page):
    response = client_for(None).get(reverse(page))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    ("name", "block"),
    [
        ("director", "Руководитель организации"),
        ("curator", "Куратор наставничества"),
        ("council", "Совет наставников"),
        ("psychologist", "Педагог-психолог"),
        ("mentor", "Наставник"),
        ("mentee", "Наставляемый"),
        ("municipal", "Муниципальный координатор"),
        ("regional", "Региональный оператор"),
        ("admin", "Администратор портала"),
        ("nobody", "У вас пока нет ролей"),
    ],
)
def test_dashboard_shows_the_block_of_the_role(client_for, name, block):
    assert block in client_for(name).get(reverse("accounts:dashboard")).content.decode()


def test_dashboard_of_a_person_with_two_roles_shows_both(client_for):
    body = client_for("two_roles").get(reverse("accounts:dashboard")).content.decode()
    assert 'id="dash-mentor"' in body
    assert 'id="dash-mentee"' in body


def test_municipal_dashboard_lists_only_its_organizations(client_for, cast):
    body = client_for("municipal").get(reverse("accounts:dashboard")).content.decode()
    assert cast.school.short_name in body
    assert cast.other_school.short_name in body
    assert cast.far_school.short_name not in body


def test_login_page_is_russian(client_for):
    body = client_for(None).get(reverse("accounts:login")).content.decode()
    assert "Вход в портал" in body and "Забыли пароль?" in body


def test_unknown_page_is_a_russian_404(client_for):
    response = client_for("curator").get("/no-such-page/")
    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode()


def test_switching_to_an_organization_of_someone_else_is_404(client_for, cast, settings):
    response = client_for("curator").post(
        reverse("accounts:organization-switch"), {"organization": cast.other_school.pk}
    )
    assert response.status_code == 404


def test_switching_between_own_organizations(client, cast):
    from apps.accounts.models import Role
    from tests.factories.accounts import membership_create

    membership_create(user=cast.mentor, role=Role.MENTOR, scope=cast.other_school)
    client.force_login(cast.mentor)
    response = client.post(reverse("accounts:organization-switch"), {"organization": cast.other_school.pk})
    assert response.status_code == 302
    body = client.get(reverse("accounts:dashboard")).content.decode()
    assert cast.other_school.short_name in body


def test_switch_ignores_foreign_next_url(client, cast):
    client.force_login(cast.mentor)
    response = client.post(
        reverse("accounts:organization-switch"),
        {"organization": cast.school.pk, "next": "https://evil.example/"},
    )
    assert response.url == reverse("accounts:dashboard")


@pytest.mark.parametrize("name", ["mentor", "mentee"])
def test_participant_dashboard_runs_at_most_15_queries(
    client_for, cast, year, name, django_assert_max_num_queries
):
    """The mentor's and the mentee's dashboards with a running program, its roadmap and its log
    (pairs, «Моя программа», surveys, cards): at most 15 queries (issue #8)."""
    from apps.programs import services
    from tests.factories import pairs as f
    from tests.factories import programs as pf

    mentor = f.mentor_entry(cast.school, year, user=cast.mentor)
    mentee = f.mentee_entry(cast.school, year, user=cast.mentee)
    group = pf.active_group(cast.school, year, mentor, [mentee], curator=cast.curator, director=cast.director)
    program = pf.approve(pf.draft_program(group, cast.mentor), cast.curator)
    services.activity_log(
        program=program, user=cast.mentor, date=program.start, minutes=45, format="in_person", kind="meeting"
    )
    client = client_for(name)
    client.get(reverse("accounts:dashboard"))  # warm the session
    with django_assert_max_num_queries(15):
        body = client.get(reverse("accounts:dashboard")).content.decode()
    assert program.title in body
