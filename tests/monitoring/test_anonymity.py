"""Survey anonymity: below the threshold the mentor learns not even how many mentees answered, and the
printable questionnaire carries no respondent's name."""

import subprocess
from datetime import date

import pytest
from django.urls import reverse

from apps.monitoring import selectors, services
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


def _level1_card(client, program) -> str:
    """The mentor's card of level 1 («Реакция»), up to the card of level 2."""
    text = client.get(reverse("monitoring:program-card", args=[program.pk])).content.decode()
    return text[text.index("1. Реакция") : text.index("2. Обучение")]


def test_the_mentors_card_reads_the_same_after_each_answer_below_three(client_for, campaign, trio):
    client = client_for("mentor")
    before = _level1_card(client, trio.program)
    mf.answer_all(campaign, trio.users[:1], [5], on=ON)
    after_one = _level1_card(client, trio.program)
    mf.answer_all(campaign, trio.users[1:2], [2], on=ON)
    after_two = _level1_card(client, trio.program)
    assert before == after_one == after_two
    assert "меньше 3 ответов" in after_two
    assert "Ответов наставляемых: " not in after_two


def test_the_mentor_selector_gives_no_count_below_the_threshold(campaign, trio):
    mf.answer_all(campaign, trio.users[:1], [5], on=ON)
    assert selectors.level1_for_mentor(trio.program) == {"hidden": True, "threshold": 3}


def test_from_three_answers_the_mentor_reads_the_aggregate_and_its_count(client_for, campaign, trio):
    mf.answer_all(campaign, trio.users, [5, 1, 3], on=ON)
    card = _level1_card(client_for("mentor"), trio.program)
    assert "анкет: 3" in card and "меньше 3 ответов" not in card


def test_the_curator_reads_the_exact_count_of_a_small_group(client_for, campaign, trio):
    mf.answer_all(campaign, trio.users[:1], [5], on=ON)
    assert "анкет: 1" in _level1_card(client_for("curator"), trio.program)


def _pdf_text(data: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().split())


def test_the_printable_questionnaire_carries_no_name(client_for, campaign, trio):
    client = client_for("curator")
    # The curator's list names the addressees and the number of each one's form …
    detail = client.get(reverse("monitoring:campaign-detail", args=[campaign.pk])).content.decode()
    assignments = list(campaign.assignments.select_related("person"))
    assert len(assignments) == 3
    for a in assignments:
        assert a.person.short_name in detail and f"бланк № {a.pk}" in detail
    # … the forms themselves carry the number only.
    response = client.get(reverse("monitoring:campaign-print", args=[campaign.pk]))
    text = _pdf_text(response.content)
    assert "Квалификация наставника" in text
    for a in assignments:
        assert f"бланк № {a.pk}" in text
        assert a.person.last_name not in text
        assert a.person.short_name not in text
    assert "Васильев" not in text  # cast.mentee, one of the three
