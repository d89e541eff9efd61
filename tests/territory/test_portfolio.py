"""A person's portfolio of mentoring activity (PDF, for attestation): what it shows and who may have it."""

import subprocess
from datetime import date

import pytest
from django.urls import reverse

from apps.programs import services as program_services
from apps.programs.models import ActivityFormat, ActivityKind
from apps.territory import portfolio, services
from apps.territory.models import Award
from tests.factories import pairs as f
from tests.factories import programs as pf

pytestmark = pytest.mark.django_db


def _pdf(response) -> str:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=response.content, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().split())


@pytest.fixture
def world(cast, year):
    mentor = f.mentor_entry(
        cast.school,
        year,
        user=cast.mentor,
        last_name="Морозова",
        first_name="Татьяна",
        patronymic="Сергеевна",
    )
    mentee = f.mentee_entry(
        cast.school, year, user=cast.mentee, last_name="Васильев", first_name="Артём", patronymic="Дмитриевич"
    )
    group = pf.active_group(cast.school, year, mentor, [mentee], curator=cast.curator, director=cast.director)
    program = pf.approve(pf.draft_program(group, cast.mentor), cast.curator)
    for day, kind in ((date(2026, 10, 5), ActivityKind.MEETING), (date(2026, 10, 12), ActivityKind.MEETING)):
        program_services.activity_log(
            program=program,
            user=cast.mentor,
            date=day,
            minutes=45,
            format=ActivityFormat.IN_PERSON,
            kind=kind,
        )
    program_services.activity_log(
        program=program,
        user=cast.mentor,
        date=date(2026, 10, 20),
        minutes=90,
        format=ActivityFormat.IN_PERSON,
        kind=ActivityKind.LESSON_VISIT,
    )
    services.award_issue(
        organization=cast.school,
        person=mentor.person,
        kind=Award.Kind.DIPLOMA,
        reason="за успешную адаптацию молодого учителя",
        on=date(2026, 11, 1),
        user=cast.director,
    )
    group.refresh_from_db()
    return {"mentor": mentor.person, "mentee": mentee.person, "group": group, "program": program}


def _url(person):
    return reverse("territory:portfolio-pdf", args=[person.pk])


def test_mentor_portfolio_shows_roles_pairs_with_orders_programs_activities_and_awards(world, client_for):
    text = _pdf(client_for("mentor").get(_url(world["mentor"])))
    order = world["group"].assigned_order
    assert "ПОРТФОЛИО" in text and "Морозова Татьяна Сергеевна" in text
    assert "2026/2027" in text and "наставник (ведёт наставничество)" in text
    assert "Васильев А. Д." in text and f"от {order.date:%d.%m.%Y} № {order.number}" in text
    assert "Программа молодого учителя" in text and "01.10.2026 – 31.05.2027" in text
    assert "встреча 2 1,5" in text and "посещение урока 1 1,5" in text and "Всего 3" in text
    assert "Грамота № 1 от 01.11.2026" in text and "за успешную адаптацию молодого учителя" in text
    assert "продолжают работу 1 из 1 наставляемых" in text


def test_satisfaction_is_hidden_below_three_answers(world, client_for):
    text = _pdf(client_for("curator").get(_url(world["mentor"])))
    assert "не показывается: меньше 3 ответов" in text
    assert "анкет 0" not in text  # not even how many answered: with one mentee it names her


def test_mentee_portfolio_names_the_mentor_and_the_program(world, client_for):
    text = _pdf(client_for("mentee").get(_url(world["mentee"])))
    assert "В роли наставляемого" in text and "Морозова Т. С." in text
    assert "Программа молодого учителя" in text and "наставляемый" in text
    assert "Поощрений нет." in text and "В ИОМ не участвует." in text


def test_portfolio_rights(world, client_for):
    url = _url(world["mentor"])
    for role in ("mentor", "curator", "director"):
        assert client_for(role).get(url).status_code == 200
    for role in ("mentee", "council", "psychologist", "two_roles", "municipal"):
        assert client_for(role).get(url).status_code == 403
    for role in (
        "other_curator",
        "other_director",
        "other_teacher",
        "far_curator",
        "far_municipal",
        "nobody",
    ):
        assert client_for(role).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302


def test_portfolio_reads_a_fixed_number_of_queries(world, cast, year, django_assert_max_num_queries):
    second = f.mentee_entry(cast.school, year, last_name="Петров")
    mentor_entry = world["mentor"].mentor_entries.get()
    pf.active_group(cast.school, year, mentor_entry, [second], curator=cast.curator, director=cast.director)
    with django_assert_max_num_queries(16):
        data = portfolio.portfolio(world["mentor"])
    assert len(data["as_mentor"]) == 2


def test_each_document_of_the_person_renders(world, cast, client_for):
    # Their time budget (1 s each) is measured by `make bench`, not here: a shared machine.
    client = client_for("director")
    award = Award.objects.get()
    urls = [
        _url(world["mentor"]),
        reverse("territory:award-pdf", args=[award.pk]),
        reverse("territory:regulation-pdf"),
    ]
    services.award_issue(
        organization=cast.school,
        person=world["mentor"],
        kind=Award.Kind.LETTER,
        reason="за наставничество",
        on=date(2026, 11, 2),
        user=cast.director,
    )
    urls.append(reverse("territory:award-pdf", args=[Award.objects.get(kind=Award.Kind.LETTER).pk]))
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200 and response.content.startswith(b"%PDF"), url


def test_the_portfolio_is_linked_from_the_teachers_own_page_and_the_mentee_card(world, client_for):
    url = _url(world["mentee"])
    assert url in client_for("mentee").get(reverse("banks:my")).content.decode()
    card = reverse("banks:mentee-detail", args=[world["mentee"].mentee_entries.get().pk])
    assert url in client_for("curator").get(card).content.decode()
    assert url not in client_for("council").get(card).content.decode()


def test_the_portfolio_is_signed_by_the_director_with_initials(world, client_for):
    text = _pdf(client_for("director").get(_url(world["mentor"])))
    assert "Н. В. Кузнецова" in text


def test_the_person_card_links_the_portfolio_for_the_curator(world, client_for):
    card = reverse("staff:person-detail", args=[world["mentor"].pk])
    assert _url(world["mentor"]) in client_for("curator").get(card).content.decode()
