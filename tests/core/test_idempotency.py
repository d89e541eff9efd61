"""One-shot forms (``apps.core.idempotency``): a token is spent once; a repeat runs nothing."""

import time
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.core import idempotency
from apps.core.idempotency import (
    EXPIRED_MESSAGE,
    REPEATED_MESSAGE,
    TOKEN_FIELD,
    claim,
    new_token,
    one_shot,
    token_key,
)
from apps.core.models import FormSubmission

pytestmark = pytest.mark.django_db


class User:
    """Just enough of a signed-in user for the decorator."""

    is_authenticated = True

    def __init__(self, pk):
        self.pk = pk


class Recorder:
    """A creating view: counts its runs and answers as told."""

    def __init__(self, answer=lambda: redirect("/result/1/")):
        self.runs = 0
        self.answer = answer
        self.view = one_shot(self.creating_view)

    def creating_view(self, request):
        self.runs += 1
        return self.answer()


def post(token: str | None, *, user=None, htmx=False, referer=""):
    data = {"text": "Запись"} | ({TOKEN_FIELD: token} if token is not None else {})
    headers = {"HTTP_REFERER": referer} if referer else {}
    request = RequestFactory().post("/programs/1/log/add/", data, **headers)
    request.user = user or User(7)
    request.htmx = htmx
    request._messages = CookieStorage(request)
    return request


def said(request) -> list[str]:
    return [str(m) for m in get_messages(request)]


def test_the_second_submission_of_a_form_runs_nothing_and_leads_where_the_first_did():
    view, token = Recorder(), new_token()
    first = view.view(post(token))
    second_request = post(token)
    second = view.view(second_request)
    assert view.runs == 1
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"] == "/result/1/"
    assert said(second_request) == [REPEATED_MESSAGE]


def test_a_form_opened_twice_is_two_submissions():
    view = Recorder()
    view.view(post(new_token()))
    view.view(post(new_token()))
    assert view.runs == 2


def test_a_submission_without_a_token_is_accepted_each_time():
    """API clients and pages cached before the tokens: a missing token is a submission of its own."""
    view = Recorder()
    view.view(post(None))
    view.view(post(None))
    assert view.runs == 2
    assert not FormSubmission.objects.exists()


def test_a_form_returned_with_errors_gives_its_token_back():
    answers = iter([HttpResponse("ошибки в форме"), redirect("/result/2/")])
    view, token = Recorder(answer=lambda: next(answers)), new_token()
    assert view.view(post(token)).status_code == 200
    assert view.view(post(token))["Location"] == "/result/2/"
    assert view.runs == 2


def test_a_failed_submission_rolls_its_claim_back_with_everything_else():
    def boom():
        raise RuntimeError("сбой")

    view, token = Recorder(answer=boom), new_token()
    with pytest.raises(RuntimeError):
        view.view(post(token))
    view.answer = lambda: redirect("/result/3/")
    assert view.view(post(token))["Location"] == "/result/3/"
    assert view.runs == 2


def test_an_htmx_repeat_leaves_the_swapped_page_alone():
    view, token = Recorder(answer=lambda: HttpResponse("<tr>…</tr>")), new_token()
    assert view.view(post(token, htmx=True)).status_code == 200
    assert view.view(post(token, htmx=True)).status_code == 204
    assert view.runs == 1


@pytest.mark.parametrize("token", ["подделка", "abc:def:ghi"])
def test_a_forged_token_is_refused_and_nothing_runs(token):
    view, request = Recorder(), post(token, referer="http://testserver/programs/1/")
    response = view.view(request)
    assert view.runs == 0
    assert response.status_code == 302 and response["Location"] == "http://testserver/programs/1/"
    assert said(request) == [EXPIRED_MESSAGE]


def test_a_token_older_than_a_day_is_refused():
    issued = time.time() - idempotency.TOKEN_MAX_AGE.total_seconds() - 60
    with mock.patch("django.core.signing.time.time", return_value=issued):
        old = new_token()
    assert token_key(old) is None
    view = Recorder()
    view.view(post(old))
    assert view.runs == 0


def test_a_foreign_referer_is_not_followed():
    view, request = Recorder(), post("подделка", referer="https://evil.example/")
    assert view.view(request)["Location"] == "/"


def test_another_user_repeating_a_token_is_not_told_where_it_led():
    view, token = Recorder(), new_token()
    view.view(post(token, user=User(7)))
    response = view.view(post(token, user=User(8), referer="http://testserver/programs/1/"))
    assert view.runs == 1
    assert response["Location"] == "http://testserver/programs/1/"


def test_an_anonymous_submission_is_one_shot_too():
    view, token = Recorder(), new_token()
    view.view(post(token, user=AnonymousUser()))
    view.view(post(token, user=AnonymousUser()))
    assert view.runs == 1


def test_a_get_is_never_checked():
    view = Recorder(answer=lambda: HttpResponse("форма"))
    request = RequestFactory().get("/programs/1/log/add/", {TOKEN_FIELD: "подделка"})
    request.user = User(7)
    assert view.view(request).status_code == 200 and view.runs == 1


def test_the_check_costs_one_insert_and_the_result_one_update():
    view = Recorder()
    with CaptureQueriesContext(connection) as queries:
        view.view(post(new_token()))
    statements = [q["sql"].split()[0].upper() for q in queries.captured_queries]
    assert [s for s in statements if "SAVEPOINT" not in s and s != "RELEASE"] == ["WITH", "UPDATE"]


def test_claiming_deletes_expired_claims_but_keeps_those_whose_tokens_are_still_good():
    now = timezone.now()
    FormSubmission.objects.create(token="expired", path="/", created_at=now - timedelta(days=3))
    FormSubmission.objects.create(token="recent", path="/", created_at=now - timedelta(hours=23))
    assert claim(key="new", user_id=1, path="/")
    assert set(FormSubmission.objects.values_list("token", flat=True)) == {"recent", "new"}


def test_a_claimed_token_cannot_be_claimed_again():
    assert claim(key="k", user_id=1, path="/")
    assert not claim(key="k", user_id=1, path="/")


def test_the_template_tag_renders_a_new_good_token_each_time():
    template = Template("{% load idempotency %}{% form_token %}|{% form_token %}")
    first, second = template.render(Context()).split("|")
    assert first != second
    for html in (first, second):
        assert html.startswith(f'<input type="hidden" name="{TOKEN_FIELD}" value="')
        assert token_key(html.split('value="')[1].rstrip('">')) is not None


def test_every_one_shot_view_is_registered():
    Recorder()
    assert f"{__name__}.Recorder.creating_view" in idempotency.ONE_SHOT_VIEWS
