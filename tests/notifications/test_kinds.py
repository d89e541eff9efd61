"""The kinds of notifications about programs and surveys: who gets them, when, and only once."""

from datetime import date, timedelta

import pytest
from django.core import mail

from apps.monitoring import services as monitoring_services
from apps.notifications import services
from apps.notifications.models import Channel, Notification, NotificationPreference
from apps.programs import selectors as program_selectors
from apps.programs import services as program_services
from apps.programs.models import ActivityFormat, ActivityKind, EventForm, Responsible
from tests.factories import monitoring as mf

pytestmark = pytest.mark.django_db

Kind = Notification.Kind


@pytest.fixture
def trio(cast, year):
    """cast.mentor, cast.mentee and two more mentees; an approved program 01.10.2026–31.05.2027."""
    program, users, _mentees = mf.trio(cast, year)
    return program, users


def _users(kind, **filters) -> set:
    return set(Notification.objects.filter(kind=kind, **filters).values_list("user__username", flat=True))


def _event(program, user, **overrides):
    data = {
        "title": "Открытый урок наставляемого",
        "form": EventForm.OPEN_LESSON,
        "start": date(2026, 11, 10),
        "end": None,
        "responsible": Responsible.MENTEE,
        "responsible_person": None,
        "responsible_other": "",
        "product": "",
        "expected_result": "Самоанализ урока",
    }
    data.update(overrides)
    return program_services.event_save(program=program, user=user, data=data)


# Program events -----------------------------------------------------------------------------------


def test_event_due_in_three_days_notifies_mentor_and_mentees_then_once_more_when_overdue(cast, trio):
    program = trio[0]
    _event(program, cast.mentor)
    services.collect(on=date(2026, 11, 6))
    assert not Notification.objects.filter(kind=Kind.EVENT_DUE).exists()
    services.collect(on=date(2026, 11, 7))
    assert _users(Kind.EVENT_DUE) == {"mentor", "mentee", "mentee2", "mentee3"}
    assert (
        Notification.objects.filter(kind=Kind.EVENT_DUE, user=cast.mentor)
        .get()
        .text.startswith("Скоро срок (10.11.2026)")
    )
    assert services.collect(on=date(2026, 11, 8)) == 0
    services.collect(on=date(2026, 11, 11))
    overdue = Notification.objects.filter(
        kind=Kind.EVENT_DUE, user=cast.mentor, text__startswith="Просрочено"
    )
    assert overdue.count() == 1
    assert not Notification.objects.filter(user__in=[cast.curator, cast.other_curator], kind=Kind.EVENT_DUE)


def test_event_of_the_curator_notifies_the_curator_not_the_mentees(cast, trio):
    program = trio[0]
    _event(program, cast.mentor, responsible=Responsible.CURATOR, title="Семинар для наставников")
    services.collect(on=date(2026, 11, 9))
    assert _users(Kind.EVENT_DUE) == {"mentor", "curator"}


def test_done_event_is_not_notified(cast, trio):
    program = trio[0]
    event = _event(program, cast.mentor, start=date(2026, 10, 20))
    program_services.event_complete(event=event, user=cast.mentor, evidence="Протокол", on=date(2026, 10, 20))
    services.collect(on=date(2026, 11, 1))
    assert not Notification.objects.filter(kind=Kind.EVENT_DUE).exists()


# Surveys ------------------------------------------------------------------------------------------


@pytest.fixture
def campaign(cast, trio):
    """Opens at the start of the program (01.10.2026) for the three mentees, due in 14 days (15.10)."""
    program = trio[0]
    return monitoring_services.campaign_create(
        organization=cast.school,
        user=cast.curator,
        template=mf.small_template(cast.school, cast.curator),
        title="Удовлетворённость",
        audience="mentee",
        point="start",
        days_to_answer=14,
        programs=[program],
    )


def test_survey_due_soon_notifies_only_who_has_not_answered(cast, trio, campaign):
    users = trio[1]
    mf.answer_all(campaign, users[:1], [5], on=date(2026, 10, 3))
    due = campaign.assignments.first().due_on
    services.collect(on=due.replace(day=due.day - 4))
    assert not Notification.objects.filter(kind=Kind.SURVEY_DUE).exists()
    services.collect(on=due.replace(day=due.day - 3))
    assert _users(Kind.SURVEY_DUE) == {"mentee2", "mentee3"}
    note = Notification.objects.get(kind=Kind.SURVEY_DUE, user__username="mentee2")
    assert f"до {due:%d.%m.%Y}" in note.text and "/monitoring/s/" in note.url


def test_overdue_survey_tells_the_curator_how_many_did_not_answer(cast, trio, campaign):
    users = trio[1]
    mf.answer_all(campaign, users[:1], [4], on=date(2026, 10, 3))
    due = campaign.assignments.first().due_on
    services.collect(on=due.replace(day=due.day + 1))
    note = Notification.objects.get(kind=Kind.SURVEY_DUE, user=cast.curator)
    assert "не ответили: 2" in note.text
    assert _users(Kind.SURVEY_DUE) == {"curator"}
    assert services.collect(on=due.replace(day=due.day + 2)) == 0


def test_survey_reminder_follows_each_respondents_choice_once(cast, trio, campaign):
    """Off: no notification, no letter, not marked reminded; portal only: no letter; the default
    digest: one letter; repeated runs add nothing (survey reminders have no other path)."""
    off, portal_only, digest = trio[1]
    NotificationPreference.objects.create(user=off, kind=Kind.SURVEY_DUE, channel=Channel.OFF)
    NotificationPreference.objects.create(user=portal_only, kind=Kind.SURVEY_DUE, channel=Channel.PORTAL)
    day = campaign.assignments.first().due_on - timedelta(days=1)
    for _ in range(2):
        services.collect(on=day)
        services.schedule_emails(base_url="https://portal.example.ru")
    assert _users(Kind.SURVEY_DUE) == {portal_only.username, digest.username}
    assert Notification.objects.filter(kind=Kind.SURVEY_DUE).count() == 2
    survey_letters = [m for m in mail.outbox if "Заполните анкету" in m.body]
    assert [m.to for m in survey_letters] == [[digest.email]]
    reminded = dict(campaign.assignments.values_list("person__user_id", "reminded_on"))
    assert reminded == {off.pk: None, portal_only.pk: day, digest.pk: day}
    services.collect(on=day + timedelta(days=1))
    assert Notification.objects.filter(kind=Kind.SURVEY_DUE).count() == 2
    assert len([m for m in mail.outbox if "Заполните анкету" in m.body]) == 1


def test_closed_campaign_is_not_notified(cast, trio, campaign):
    monitoring_services.campaign_close(campaign=campaign, user=cast.curator)
    services.collect(on=date(2026, 10, 14))
    services.collect(on=date(2026, 10, 17))
    assert not Notification.objects.filter(kind=Kind.SURVEY_DUE).exists()


# Stalled programs ---------------------------------------------------------------------------------


def test_program_without_log_entries_for_the_stall_days_notifies_mentor_and_curator(cast, trio):
    assert program_selectors.STALL_DAYS == 30
    services.collect(on=date(2026, 10, 30))
    assert not Notification.objects.filter(kind=Kind.PROGRAM_STALLED).exists()
    services.collect(on=date(2026, 10, 31))
    assert _users(Kind.PROGRAM_STALLED) == {"mentor", "curator"}
    assert "с 01.10.2026" in Notification.objects.filter(kind=Kind.PROGRAM_STALLED).first().text


def test_a_log_entry_restarts_the_stall_count_and_a_new_stall_is_notified_again(cast, trio, monkeypatch):
    monkeypatch.setattr(program_selectors, "STALL_DAYS", 21)
    program = trio[0]
    services.collect(on=date(2026, 10, 22))
    assert Notification.objects.filter(kind=Kind.PROGRAM_STALLED, user=cast.mentor).count() == 1
    program_services.activity_log(
        program=program,
        user=cast.mentor,
        date=date(2026, 10, 25),
        minutes=45,
        format=ActivityFormat.IN_PERSON,
        kind=ActivityKind.MEETING,
    )
    services.collect(on=date(2026, 11, 14))
    assert Notification.objects.filter(kind=Kind.PROGRAM_STALLED, user=cast.mentor).count() == 1
    services.collect(on=date(2026, 11, 15))
    texts = Notification.objects.filter(kind=Kind.PROGRAM_STALLED, user=cast.mentor).values_list(
        "text", flat=True
    )
    assert len(texts) == 2 and any("с 25.10.2026" in t for t in texts)


def test_collect_makes_the_same_number_of_queries_for_one_and_three_events(cast, year):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def run():
        with CaptureQueriesContext(connection) as ctx:
            services.collect(on=date(2026, 11, 9))
        return len(ctx.captured_queries)

    program, _users, _mentees = mf.trio(cast, year)
    _event(program, cast.mentor)
    Notification.objects.all().delete()
    one = run()
    for _ in range(2):
        _event(program, cast.mentor, title="Ещё одно мероприятие")
    Notification.objects.all().delete()
    assert run() == one
