"""No lost updates on a program's roadmap: the curator and the mentor edit one event at once."""

from datetime import date

import pytest
from django.urls import reverse

from apps.core.locking import EditConflict
from apps.programs import selectors, services
from apps.programs.models import EventForm, Responsible
from tests.locking import browser, opened_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def roadmap_event(program, cast):
    data = {
        "title": "Посещение урока наставника",
        "form": EventForm.LESSON_VISIT,
        "start": date(2026, 10, 15),
        "end": None,
        "responsible": Responsible.MENTEE,
        "responsible_person": None,
        "responsible_other": "",
        "product": "",
        "expected_result": "Самоанализ урока",
    }
    return services.event_save(program=program, user=cast.mentor, data=data)


def _form(token, **overrides):
    return {
        "lock_token": token,
        "title": "Посещение урока наставника",
        "form": EventForm.LESSON_VISIT,
        "start": "2026-10-15",
        "responsible": Responsible.MENTEE,
        "expected_result": "Самоанализ урока",
        **overrides,
    }


def test_second_save_of_an_event_gets_both_versions_and_writes_nothing(cast, program, roadmap_event):
    url = reverse("programs:event-edit", args=[program.pk, roadmap_event.pk])
    curator, mentor = browser(cast.curator), browser(cast.mentor)
    token_curator, token_mentor = opened_token(curator, url), opened_token(mentor, url)
    assert curator.post(url, _form(token_curator, start="2026-10-20")).status_code == 302
    response = mentor.post(url, _form(token_mentor, expected_result="Технологическая карта урока"))
    page = response.content.decode()
    assert response.status_code == 409
    assert "Конфликт правок" in page and "Дата (начало)" in page
    assert "20.10.2026" in page and "15.10.2026" in page
    roadmap_event.refresh_from_db()
    assert roadmap_event.start == date(2026, 10, 20) and roadmap_event.expected_result == "Самоанализ урока"


def test_a_single_save_of_an_event_goes_through(cast, program, roadmap_event):
    url = reverse("programs:event-edit", args=[program.pk, roadmap_event.pk])
    client = browser(cast.mentor)
    assert client.post(url, _form(opened_token(client, url), title="Открытый урок")).status_code == 302
    roadmap_event.refresh_from_db()
    assert roadmap_event.title == "Открытый урок"


def test_the_service_refuses_a_stale_event_token(cast, program, roadmap_event):
    token = selectors.roadmap_event_token(roadmap_event)
    data = {"title": "Первая правка", "start": roadmap_event.start, "responsible": Responsible.MENTEE}
    services.event_save(program=program, user=cast.curator, data=data, event=roadmap_event, lock_token=token)
    with pytest.raises(EditConflict) as error:
        services.event_save(
            program=program,
            user=cast.mentor,
            data={**data, "title": "Вторая"},
            event=roadmap_event,
            lock_token=token,
        )
    assert error.value.diffs == [("Мероприятие", "Первая правка", "Вторая")]


@pytest.fixture
def plan_row(program, cast):
    row = {
        "direction": "Технологическая карта урока",
        "deadline": date(2026, 12, 1),
        "events": "",
        "goal": "",
    }
    return services.plan_item_save(program=program, user=cast.mentor, plan="deficit", data=row)


def _row_form(token, **overrides):
    return {
        "lock_token": token,
        "direction": "Технологическая карта урока",
        "deadline": "декабрь 2026",
        "events": "Семинар",
        "goal": "",
        **overrides,
    }


def test_second_save_of_a_plan_row_gets_both_versions_and_writes_nothing(cast, program, plan_row):
    url = reverse("programs:plan-edit", args=[program.pk, "deficit", plan_row.pk])
    mentor, mentee = browser(cast.mentor), browser(cast.mentee)
    token_mentor, token_mentee = opened_token(mentor, url), opened_token(mentee, url)
    assert mentor.post(url, _row_form(token_mentor, goal="Цель наставника")).status_code == 302
    response = mentee.post(url, _row_form(token_mentee, goal="Цель наставляемого"))
    page = response.content.decode()
    assert response.status_code == 409
    assert "Конфликт правок" in page and "Цель наставника" in page and "Цель наставляемого" in page
    plan_row.refresh_from_db()
    assert plan_row.goal == "Цель наставника"
    # Inline (htmx) the conflict comes with 200: htmx swaps only successful answers into the page.
    inline = mentee.post(url, _row_form(token_mentee, goal="Ещё раз"), HTTP_HX_REQUEST="true")
    assert inline.status_code == 200 and "Конфликт правок" in inline.content.decode()
