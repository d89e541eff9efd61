"""``apps.core.after_response``: work queued in a request runs after its response is closed, once; outside
a request at once; a failure is logged, never raised to anyone."""

import logging

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from apps.core.after_response import AfterResponseMiddleware, after_response

pytestmark = pytest.mark.django_db  # closing a response ends the request (request_finished)


def test_outside_a_request_the_work_runs_at_once():
    done = []
    after_response(lambda: done.append(1))
    assert done == [1]


def test_in_a_request_the_work_runs_when_the_response_is_closed():
    done = []

    def view(request):
        after_response(lambda: done.append("pdf"))
        assert done == []
        return HttpResponse("ok")

    response = AfterResponseMiddleware(view)(RequestFactory().get("/"))
    assert done == []
    response.close()
    assert done == ["pdf"]
    response.close()
    assert done == ["pdf"]


def test_a_failure_after_the_response_is_logged_and_the_rest_still_runs(caplog):
    done = []

    def view(request):
        after_response(lambda: 1 / 0)
        after_response(lambda: done.append("next"))
        return HttpResponse("ok")

    response = AfterResponseMiddleware(view)(RequestFactory().get("/"))
    with caplog.at_level(logging.ERROR, logger="apps.core.after_response"):
        response.close()
    assert done == ["next"]
    assert "After-response work failed" in caplog.text


def test_nothing_is_queued_past_the_request():
    done = []
    AfterResponseMiddleware(lambda request: HttpResponse("ok"))(RequestFactory().get("/"))
    after_response(lambda: done.append(1))
    assert done == [1]
