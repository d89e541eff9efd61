"""Pages of monitoring: every role and organisation (allowed, 403, 404), the survey from a phone,
the builder with htmx, anonymity of the mentor's card, query budgets at two sizes."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from apps.monitoring import services
from apps.monitoring.models import Response, SurveyAssignment
from tests.factories import monitoring as mf

pytestmark = pytest.mark.django_db

ON = date(2026, 10, 5)


@pytest.fixture
def campaign(cast, trio):
    return services.campaign_create(
        organization=cast.school,
        user=cast.curator,
        template=mf.small_template(cast.school, cast.curator),
        title="Удовлетворённость (старт)",
        audience="mentee",
        point="start",
        days_to_answer=90,
        programs=[trio.program],
    )


ORG_PAGES = ["monitoring:dashboard", "monitoring:reports"]
MANAGE_PAGES = [
    "monitoring:template-list",
    "monitoring:campaign-list",
    "monitoring:campaign-create",
    "monitoring:indicators",
    "monitoring:criteria",
]


@pytest.mark.parametrize(
    "who,status",
    [
        ("curator", 200),
        ("director", 200),
        ("admin", 404),  # no active organisation
        ("mentor", 403),
        ("mentee", 403),
        ("council", 403),
        ("psychologist", 403),
        ("municipal", 404),
        ("nobody", 404),
    ],
)
@pytest.mark.parametrize("name", ORG_PAGES)
def test_dashboard_and_reports_for_every_role(client_for, trio, who, status, name):
    assert client_for(who).get(reverse(name)).status_code == status


def test_anonymous_is_sent_to_sign_in(client_for):
    response = client_for(None).get(reverse("monitoring:dashboard"))
    assert response.status_code == 302 and "login" in response.url


@pytest.mark.parametrize(
    "who,status", [("curator", 200), ("director", 403), ("mentor", 403), ("mentee", 403)]
)
@pytest.mark.parametrize("name", MANAGE_PAGES)
def test_only_the_curator_runs_monitoring(client_for, trio, who, status, name):
    assert client_for(who).get(reverse(name)).status_code == status


@pytest.mark.parametrize(
    "who,status",
    [
        ("curator", 200),
        ("director", 200),
        ("council", 200),
        ("mentor", 200),
        ("mentee", 403),
        ("psychologist", 403),
        ("other_curator", 404),
        ("far_curator", 404),
        ("municipal", 403),
        ("far_municipal", 404),
    ],
)
def test_program_card_for_every_role_and_organisation(client_for, trio, who, status):
    url = reverse("monitoring:program-card", args=[trio.program.pk])
    assert client_for(who).get(url).status_code == status


@pytest.mark.parametrize(
    "who,status", [("curator", 200), ("other_curator", 404), ("far_curator", 404), ("mentor", 403)]
)
def test_campaign_page_across_organisations(client_for, campaign, who, status):
    assert (
        client_for(who).get(reverse("monitoring:campaign-detail", args=[campaign.pk])).status_code == status
    )


def test_curator_sees_who_has_answered(client_for, campaign, trio):
    mf.answer_all(campaign, trio.users[:1], [4], on=ON)
    page = (
        client_for("curator").get(reverse("monitoring:campaign-detail", args=[campaign.pk])).content.decode()
    )
    assert "Ответили 1 из 3" in page
    assert trio.mentees[0].person.short_name in page


@pytest.mark.parametrize(
    "who,status", [("regional", 200), ("municipal", 200), ("admin", 200), ("curator", 403), ("mentor", 403)]
)
def test_overview_is_for_coordinators(client_for, trio, who, status):
    assert client_for(who).get(reverse("monitoring:overview")).status_code == status


def test_overview_shows_only_organisations_of_the_coordinator_without_names(client_for, cast, trio):
    page = client_for("far_municipal").get(reverse("monitoring:overview")).content.decode()
    assert cast.far_school.short_name in page and cast.school.short_name not in page
    page = client_for("municipal").get(reverse("monitoring:overview")).content.decode()
    assert cast.school.short_name in page and trio.mentees[0].person.last_name not in page


# The survey ---------------------------------------------------------------------------------------


def test_mentee_sees_the_survey_on_the_dashboard_and_answers_it(client_for, cast, campaign, trio):
    client = client_for("mentee")
    dashboard = client.get(reverse("accounts:dashboard")).content.decode()
    assignment = SurveyAssignment.objects.get(campaign=campaign, person__user=cast.mentee)
    url = reverse("monitoring:survey-fill", args=[assignment.token])
    assert url in dashboard
    page = client.get(url)
    assert page.status_code == 200 and "Сроки и условия" in page.content.decode()
    data = {f"q{q.pk}": "4" for q in mf.questions(campaign.template) if q.is_scale}
    response = client.post(url, data)
    assert response.status_code == 302
    assert Response.objects.count() == 1
    assert url not in client.get(reverse("accounts:dashboard")).content.decode()
    # A second post is refused.
    client.post(url, data)
    assert Response.objects.count() == 1


def test_out_of_range_answer_is_refused_at_the_field(client_for, cast, campaign):
    assignment = SurveyAssignment.objects.get(campaign=campaign, person__user=cast.mentee)
    url = reverse("monitoring:survey-fill", args=[assignment.token])
    data = {f"q{q.pk}": "6" for q in mf.questions(campaign.template) if q.is_scale}
    page = client_for("mentee").post(url, data)
    assert page.status_code == 200
    assert "Балл должен быть от 1 до 5." in page.content.decode()
    assert not Response.objects.exists()


def test_survey_of_another_person_does_not_exist(client_for, cast, campaign):
    assignment = SurveyAssignment.objects.get(campaign=campaign, person__user=cast.mentee)
    url = reverse("monitoring:survey-fill", args=[assignment.token])
    assert client_for("mentor").get(url).status_code == 404
    assert client_for("curator").get(url).status_code == 404


def test_mentor_card_hides_answers_below_three_and_never_shows_free_text(client_for, campaign, trio):
    mf.answer_all(campaign, trio.users[:2], [5, 1], on=ON)
    url = reverse("monitoring:program-card", args=[trio.program.pk])
    page = client_for("mentor").get(url).content.decode()
    assert "не меньше 3" in page and "из 5" not in page
    mf.answer_all(campaign, trio.users[2:], [3], on=ON)
    page = client_for("mentor").get(url).content.decode()
    assert "3,0" in page or "3.0" in page
    assert "Предложение от" not in page
    # Who answered stays unknown: the respondents' surnames are markers (Васильев, Опрошенный2, Опрошенный3).
    for user in trio.users:
        assert user.last_name not in page


def test_printable_form_has_a_qr_code(client_for, campaign):
    response = client_for("curator").get(reverse("monitoring:campaign-print", args=[campaign.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_curator_closes_a_campaign_by_post_only(client_for, campaign):
    client = client_for("curator")
    url = reverse("monitoring:campaign-close", args=[campaign.pk])
    assert client.get(url).status_code == 405
    client.post(url)
    campaign.refresh_from_db()
    assert campaign.status == "closed"


def test_curator_creates_a_campaign_from_the_form(client_for, cast, trio):
    template = mf.builtin("mentee_satisfaction")
    response = client_for("curator").post(
        reverse("monitoring:campaign-create"),
        {
            "template": template.pk,
            "title": "Итоговое",
            "audience": "both",
            "point": "end",
            "days_to_answer": 14,
            "programs": [trio.program.pk],
        },
    )
    assert response.status_code == 302
    assert SurveyAssignment.objects.filter(opens_on=date(2027, 5, 31)).count() == 4


# The builder --------------------------------------------------------------------------------------


def test_builder_adds_a_question_through_htmx(client_for, cast):
    template = mf.small_template(cast.school, cast.curator)
    response = client_for("curator").post(
        reverse("monitoring:question-add", args=[template.pk]),
        {"text": "Что понравилось?", "kind": "single", "choices": "всё\nничего", "required": "on"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and "Что понравилось?" in response.content.decode()
    assert template.questions.count() == 4


def test_builder_refuses_a_choice_question_without_options_at_the_field(client_for, cast):
    template = mf.small_template(cast.school, cast.curator)
    response = client_for("curator").post(
        reverse("monitoring:question-add", args=[template.pk]),
        {"text": "Выбор", "kind": "multiple", "choices": ""},
        HTTP_HX_REQUEST="true",
    )
    assert "не меньше двух вариантов" in response.content.decode()


def test_builder_of_another_organisation_is_not_found(client_for, cast):
    template = mf.small_template(cast.other_school, cast.other_curator)
    assert (
        client_for("curator").get(reverse("monitoring:template-builder", args=[template.pk])).status_code
        == 404
    )
    assert client_for("director").get(reverse("monitoring:template-list")).status_code == 403


# Levels 2 and 3 -----------------------------------------------------------------------------------


def test_mentee_records_a_self_assessment_only_for_themself(client_for, cast, trio):
    client = client_for("mentee")
    url = reverse("monitoring:assessment", args=[trio.program.pk])
    page = client.get(url).content.decode()
    assert "самооценка наставляемого" in page and "оценка куратора" not in page
    response = client.post(
        url, {"mentee": trio.mentees[0].person.pk, "stage": "start", "rater": "self", "area_ict": "3"}
    )
    assert response.status_code == 302
    other = client.post(
        url, {"mentee": trio.mentees[1].person.pk, "stage": "start", "rater": "self", "area_ict": "3"}
    )
    assert other.status_code == 200  # not a choice for this mentee


@pytest.mark.parametrize(
    "who,status", [("curator", 200), ("council", 200), ("director", 200), ("mentor", 403), ("mentee", 403)]
)
def test_observers_fill_protocols(client_for, trio, who, status):
    url = reverse("monitoring:protocol-create", args=[trio.program.pk])
    assert client_for(who).get(url).status_code == status


def test_council_member_fills_a_protocol_as_a_colleague(client_for, cast, trio):
    criteria = services.criteria_for(cast.school)
    response = client_for("council").post(
        reverse("monitoring:protocol-create", args=[trio.program.pk]),
        {
            "mentee": trio.mentees[0].person.pk,
            "stage": "start",
            "observer_role": "colleague",
            "visited_on": "2026-10-20",
            "lesson": "7 «Б», русский язык",
            f"c{criteria[0].pk}": "3",
        },
    )
    assert response.status_code == 302
    assert trio.program.observations.get().observer == cast.council


def test_indicator_form_refuses_a_value_out_of_range_at_the_field(client_for, year):
    page = client_for("curator").post(
        reverse("monitoring:indicators"),
        {"year": year.pk, "kind": "exam_pass", "value": "130", "source": "протоколы"},
    )
    assert "Значение должно быть от 0 до 100." in page.content.decode()


# Query budgets ------------------------------------------------------------------------------------


def _count(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _more_programs(cast, year, n: int):
    from tests.factories import pairs as f
    from tests.factories import programs as pf

    for _ in range(n):
        mentor = f.mentor_entry(cast.school, year, max_mentees=3)
        mentees = [f.mentee_entry(cast.school, year) for _ in range(2)]
        group = pf.active_group(
            cast.school, year, mentor, mentees, curator=cast.curator, director=cast.director
        )
        pf.draft_program(group, cast.curator)


@pytest.mark.parametrize(
    "name",
    ["monitoring:dashboard", "monitoring:campaign-list", "monitoring:template-list", "monitoring:overview"],
)
def test_pages_answer_in_a_constant_number_of_queries(client_for, cast, year, trio, campaign, name):
    mf.answer_all(campaign, trio.users, [5, 4, 3], on=ON)
    who = "regional" if name == "monitoring:overview" else "curator"
    client = client_for(who)
    client.get(reverse(name))  # the overview's first request keeps the territories' figures (issue 18)
    small = _count(client, reverse(name))
    _more_programs(cast, year, 2)
    services.campaign_create(
        organization=cast.school,
        user=cast.curator,
        template=mf.builtin("mentee_satisfaction"),
        title="Ещё",
        audience="both",
        point="start",
        days_to_answer=30,
        programs=list(cast.school.programs.all()),
    )
    assert _count(client, reverse(name)) == small
    assert small <= 40


def test_program_card_answers_in_a_constant_number_of_queries(client_for, cast, trio, campaign):
    mf.answer_all(campaign, trio.users[:1], [5], on=ON)
    client = client_for("curator")
    url = reverse("monitoring:program-card", args=[trio.program.pk])
    small = _count(client, url)
    mf.answer_all(campaign, trio.users[1:], [4, 3], on=ON)
    services.assessment_record(
        program=trio.program,
        mentee=trio.mentees[1].person,
        stage="start",
        rater="curator",
        scores={"ict": 2, "methodical": 3},
        user=cast.curator,
    )
    assert _count(client, url) == small


# Paper forms and reminders ------------------------------------------------------------------------


def test_curator_types_in_a_paper_form_and_nobody_else_may(client_for, cast, campaign):
    assignment = SurveyAssignment.objects.get(campaign=campaign, person__user=cast.mentee)
    url = reverse("monitoring:survey-paper", args=[campaign.pk, assignment.pk])
    data = {f"q{q.pk}": "5" for q in mf.questions(campaign.template) if q.is_scale}
    assert client_for("mentor").post(url, data).status_code == 403
    assert client_for("other_curator").post(url, data).status_code == 404
    assert client_for("curator").post(url, data).status_code == 302
    assignment.refresh_from_db()
    assert assignment.answered_at is not None and Response.objects.count() == 1


def test_paper_entry_by_a_non_curator_is_refused_by_the_service(cast, campaign):
    from apps.core.exceptions import DomainError

    assignment = SurveyAssignment.objects.get(campaign=campaign, person__user=cast.mentee)
    with pytest.raises(DomainError, match="куратор"):
        services.survey_submit(assignment=assignment, user=cast.director, data={}, on=ON, paper=True)
    # The rule (monitoring.enter_paper_survey), not Django's superuser shortcut: a superuser director
    # is no curator either.
    cast.director.is_superuser = True
    with pytest.raises(DomainError, match="куратор"):
        services.survey_submit(assignment=assignment, user=cast.director, data={}, on=ON, paper=True)


def test_survey_reminders_are_mailed_by_send_notifications_once(cast, campaign, client_for):
    """The survey reminders come from ``send_notifications`` (the digest by default), once per
    deadline however often it runs; monitoring's own daily e-mail command is gone."""
    from django.core import mail
    from django.core.management import call_command
    from django.core.management.base import CommandError

    due_on = campaign.assignments.first().due_on
    day = (due_on - timedelta(days=2)).isoformat()
    call_command("send_notifications", "--date", day, "--base-url", "https://portal.example.ru")
    call_command("send_notifications", "--date", day, "--base-url", "https://portal.example.ru")
    letters = [m for m in mail.outbox if "Заполните анкету «Удовлетворённость (старт)»" in m.body]
    assert sorted(m.to[0] for m in letters) == [
        "mentee2@example.ru",
        "mentee3@example.ru",
        "mentee@example.ru",
    ]
    assert all("https://portal.example.ru/monitoring/s/" in m.body for m in letters)
    page = client_for("curator").get(reverse("monitoring:campaign-detail", args=[campaign.pk]))
    assert page.content.decode().count(f"напоминание {due_on - timedelta(days=2):%d.%m}") == 3
    with pytest.raises(CommandError):
        call_command("send_survey_reminders")


def test_mentor_dashboard_links_to_the_program_card(client_for, trio):
    page = client_for("mentor").get(reverse("accounts:dashboard")).content.decode()
    assert reverse("monitoring:program-card", args=[trio.program.pk]) in page


def test_qr_code_encodes_the_survey_address(campaign):
    from apps.monitoring import documents

    svg = documents.qr_svg("https://portal.example.ru/monitoring/s/abc/")
    assert svg.startswith("<svg") and "<path" in svg


def test_menu_shows_monitoring_to_the_curator_and_not_to_the_mentee(client_for, trio):
    assert "Панель мониторинга" in client_for("curator").get(reverse("accounts:dashboard")).content.decode()
    assert (
        "Панель мониторинга" not in client_for("mentee").get(reverse("accounts:dashboard")).content.decode()
    )


def test_campaign_list_filters_by_status(client_for, cast, campaign):
    services.campaign_close(campaign=campaign, user=cast.curator)
    client = client_for("curator")
    url = reverse("monitoring:campaign-list")
    assert campaign.title in client.get(url, {"status": "closed"}).content.decode()
    assert campaign.title not in client.get(url, {"status": "running"}).content.decode()


def test_overview_level_changes_match_the_dashboard(cast, year, trio):
    from apps.monitoring import selectors

    mentee = trio.mentees[0].person
    for stage, scores in (("start", {"ict": 2, "methodical": 3}), ("end", {"ict": 5})):
        services.assessment_record(
            program=trio.program,
            mentee=mentee,
            stage=stage,
            rater="curator",
            scores=scores,
            user=cast.curator,
        )
    row = next(
        r
        for r in selectors.overview_rows(organizations=[cast.school], year=year)
        if r["organization"] == cast.school
    )
    assert row["level2"] == 3.0  # only ИКТ has both stages: 5 − 2
    assert row["level2"] == selectors.level2(cast.school.programs.all())["average_change"]


@pytest.mark.parametrize(
    "who,status",
    [
        ("mentee", 200),
        ("mentor", 200),
        ("curator", 200),
        ("director", 403),
        ("council", 403),
        ("other_curator", 404),
        ("far_curator", 404),
        ("nobody", 404),
    ],
)
def test_assessment_page_for_every_role_and_organisation(client_for, trio, who, status):
    assert client_for(who).get(reverse("monitoring:assessment", args=[trio.program.pk])).status_code == status


def test_mentor_cannot_record_a_curator_assessment(client_for, trio):
    response = client_for("mentor").post(
        reverse("monitoring:assessment", args=[trio.program.pk]),
        {"mentee": trio.mentees[0].person.pk, "stage": "start", "rater": "curator", "area_ict": "3"},
    )
    assert response.status_code == 200  # «curator» is not a choice for the mentor
    assert not trio.program.assessments.exists()


def test_annual_report_pdf_downloads_for_the_director(client_for, year, trio):
    response = client_for("director").get(
        reverse("monitoring:annual-report", args=["pdf"]), {"year": year.pk}
    )
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


@pytest.mark.parametrize("who,shown", [("curator", True), ("director", True), ("mentee", False)])
def test_program_page_links_to_the_four_level_card_only_for_those_who_may_open_it(
    client_for, trio, who, shown
):
    page = client_for(who).get(reverse("programs:program-detail", args=[trio.program.pk])).content.decode()
    # The exact link: the mentee's link to her activity page starts with the card's address.
    assert (f'href="{reverse("monitoring:program-card", args=[trio.program.pk])}"' in page) is shown
