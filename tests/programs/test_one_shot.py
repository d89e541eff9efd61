"""A double tap on a program's forms saves once (issue «Trust, tried from outside», item 9)."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from apps.core.idempotency import TOKEN_FIELD
from apps.programs.models import ActivityLog, ProgramComment
from tests.one_shot import form_token, post_twice, tokens_on, told_repeated

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"programs:{name}", args=args)


QUICK_LOG = {"date": "2026-11-20", "minutes": "45", "kind": "meeting", "format": "in_person"}


def test_two_taps_on_record_on_the_program_page_make_one_log_entry(client_for, approved):
    client = client_for("mentor")
    page = url("program-detail", approved.pk)
    token = form_token(client, page)  # the quick log is the first form on the page
    first, second = post_twice(client, url("activity-add", approved.pk), QUICK_LOG, token)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"] == page + "#log"
    assert told_repeated(second)
    assert ActivityLog.objects.filter(program=approved).count() == 1


def test_the_program_page_gives_each_rendering_a_new_token(client_for, approved):
    client = client_for("mentor")
    html = client.get(url("program-detail", approved.pk)).content.decode()
    again = client.get(url("program-detail", approved.pk)).content.decode()
    assert len(tokens_on(html)) == 2  # the quick log and the comment
    assert not set(tokens_on(html)) & set(tokens_on(again))


def test_two_taps_on_the_dashboards_quick_log_make_one_entry(client_for, approved):
    client = client_for("mentor")
    token = form_token(client, reverse("accounts:dashboard"))
    first, second = post_twice(
        client, url("activity-add", approved.pk), {**QUICK_LOG, "next": "dashboard"}, token
    )
    assert second["Location"] == first["Location"] == reverse("accounts:dashboard")
    assert ActivityLog.objects.filter(program=approved).count() == 1


def test_a_reopened_form_records_again(client_for, approved):
    """The token is per opening of the form, not per program: two deliberate entries are two."""
    client = client_for("mentor")
    for _ in range(2):
        token = form_token(client, url("program-detail", approved.pk))
        client.post(url("activity-add", approved.pk), {**QUICK_LOG, TOKEN_FIELD: token})
    assert ActivityLog.objects.filter(program=approved).count() == 2


def test_a_log_entry_fixed_after_an_error_is_recorded_with_the_same_token(client_for, approved):
    client = client_for("mentor")
    token = form_token(client, url("activity-add", approved.pk))
    bad = client.post(url("activity-add", approved.pk), {**QUICK_LOG, "minutes": "", TOKEN_FIELD: token})
    assert bad.status_code == 200
    good = client.post(url("activity-add", approved.pk), {**QUICK_LOG, TOKEN_FIELD: token})
    assert good.status_code == 302
    assert ActivityLog.objects.filter(program=approved).count() == 1


def test_two_taps_on_a_comment_add_it_once(client_for, approved):
    client = client_for("council")
    token = tokens_on(client.get(url("program-detail", approved.pk)).content.decode())[-1]
    first, second = post_twice(client, url("comment-add", approved.pk), {"text": "Хороший урок"}, token)
    assert first.status_code == second.status_code == 302
    assert ProgramComment.objects.filter(program=approved, text="Хороший урок").count() == 1


def test_an_htmx_plan_row_is_added_once_and_the_next_form_has_a_new_token(client_for, program):
    client = client_for("mentee")
    add = url("plan-add", program.pk, "deficit")
    token = tokens_on(client.get(add, HTTP_HX_REQUEST="true").content.decode())[0]
    row = {"direction": "Изучение методической литературы", "deadline": "Ежемесячно", "events": "Каталог"}
    first, second = post_twice(client, add, row, token, HTTP_HX_REQUEST="true")
    assert first.status_code == 200 and second.status_code == 204  # the swapped block stays as it is
    assert program.deficit_items.count() == 1
    renewed = tokens_on(client.get(add, HTTP_HX_REQUEST="true").content.decode())[0]
    assert renewed != token
    client.post(add, {**row, "direction": "Второй ряд", TOKEN_FIELD: renewed}, HTTP_HX_REQUEST="true")
    assert program.deficit_items.count() == 2


# serialized_rollback: see tests/pairs/test_concurrency.py.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_taps_make_one_entry(cast, year):
    """Both requests pass the form at once; the database's unique token lets only one through."""
    from tests.factories import pairs as f
    from tests.factories import programs as pf

    mentor = f.mentor_entry(cast.school, year, user=cast.mentor)
    mentee = f.mentee_entry(cast.school, year, user=cast.mentee)
    group = pf.active_group(cast.school, year, mentor, [mentee], curator=cast.curator, director=cast.director)
    program = pf.approve(pf.draft_program(group, cast.mentor), cast.curator)
    browser = Client()
    browser.force_login(cast.mentor)
    token = form_token(browser, url("program-detail", program.pk))
    barrier = threading.Barrier(2)
    answers = []

    def tap():
        try:
            tab = Client()
            tab.cookies = browser.cookies  # the same browser, two requests in flight
            barrier.wait()
            answers.append(tab.post(url("activity-add", program.pk), {**QUICK_LOG, TOKEN_FIELD: token}))
        finally:
            connection.close()

    threads = [threading.Thread(target=tap) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [a.status_code for a in answers] == [302, 302]
    assert {a["Location"] for a in answers} == {url("program-detail", program.pk) + "#log"}
    assert ActivityLog.objects.filter(program=program).count() == 1
    assert sum(told_repeated(a) for a in answers) == 1
