"""A double tap on a survey or the questionnaire builder saves once (issue «Trust, tried from outside», 9)."""

import pytest
from django.urls import reverse

from apps.core.idempotency import TOKEN_FIELD
from apps.monitoring import services
from apps.monitoring.models import Question, Response, SurveyAssignment
from tests.factories import monitoring as mf
from tests.one_shot import form_token, post_twice, tokens_on, told_repeated

pytestmark = pytest.mark.django_db


def test_two_taps_on_send_answers_save_one_response(client_for, cast, trio):
    campaign = services.campaign_create(
        organization=cast.school,
        user=cast.curator,
        template=mf.small_template(cast.school, cast.curator),
        title="Удовлетворённость (старт)",
        audience="mentee",
        point="start",
        days_to_answer=90,
        programs=[trio.program],
    )
    assignment = SurveyAssignment.objects.get(campaign=campaign, person__user=cast.mentee)
    url = reverse("monitoring:survey-fill", args=[assignment.token])
    client = client_for("mentee")
    token = form_token(client, url)
    data = {f"q{q.pk}": "4" for q in mf.questions(campaign.template) if q.is_scale}
    first, second = post_twice(client, url, data, token)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert Response.objects.count() == 1
    assert told_repeated(second)


def test_an_htmx_question_is_added_once_and_the_swapped_builder_carries_new_tokens(client_for, cast):
    template = mf.small_template(cast.school, cast.curator)
    client = client_for("curator")
    builder = reverse("monitoring:template-builder", args=[template.pk])
    token = form_token(client, builder)
    before = Question.objects.count()
    add = reverse("monitoring:question-add", args=[template.pk])
    data = {"text": "Насколько полезны встречи?", "kind": "scale5", "required": "on", TOKEN_FIELD: token}
    first = client.post(add, data, HTTP_HX_REQUEST="true")
    assert first.status_code == 200
    swapped = tokens_on(first.content.decode())
    assert swapped and token not in swapped  # the swapped forms are ready for the next question
    assert Question.objects.count() == before + 1
    second = client.post(add, data, HTTP_HX_REQUEST="true")
    assert second.status_code == 204
    assert Question.objects.count() == before + 1


def test_a_double_tap_on_a_recommendation_adds_it_once_and_every_form_of_the_page_carries_a_token(
    client_for, cast, year
):
    from apps.monitoring.models import Recommendation

    client = client_for("curator")
    url = reverse("monitoring:recommendations") + f"?year={year.pk}"
    html = client.get(url).content.decode()
    assert len(tokens_on(html)) == 2  # «Предложить по данным» and «Своя рекомендация»
    first, second = post_twice(client, url, {"text": "Провести открытый урок."}, form_token(client, url))
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert Recommendation.objects.count() == 1
    assert told_repeated(second)
