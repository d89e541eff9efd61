"""The work log from a phone (issue 14): a note and the roadmap event an entry belongs to (logging
against a planned event marks it done by the roadmap's rule), and an own entry corrected or removed by
its author for 7 days, the history keeping every version and the removed entry."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.audit.selectors import object_history
from apps.core.exceptions import DomainError
from apps.programs import services
from apps.programs.models import ActivityLog, RoadmapEvent

from .test_views import add_event, url

pytestmark = pytest.mark.django_db

NOTE = "Разобрали технологическую карту урока по теме «Дроби»."


def log(program, user, **overrides):
    data = {
        "program": program,
        "user": user,
        "date": date(2026, 11, 20),
        "minutes": 45,
        "format": "in_person",
        "kind": "consultation",
        "notes": NOTE,
    }
    data.update(overrides)
    return services.activity_log(**data)


def written_ago(entry, delta):
    ActivityLog.objects.filter(pk=entry.pk).update(created_at=timezone.now() - delta)
    entry.refresh_from_db()
    return entry


def correction(entry, user, **overrides):
    data = {
        "entry": entry,
        "user": user,
        "date": entry.date,
        "minutes": 60,
        "format": entry.format,
        "kind": entry.kind,
        "notes": "Исправлено: разобрали две технологические карты.",
    }
    data.update(overrides)
    return services.activity_correct(**data)


# The note and the event --------------------------------------------------------------------------


def test_the_note_is_saved_and_the_entry_tied_to_the_event_marks_it_done_with_the_note_as_evidence(
    approved, cast
):
    event = add_event(approved, cast.mentor)
    entry = log(approved, cast.mentor, event=event, complete_event=True)
    event.refresh_from_db()
    assert entry.notes == NOTE and entry.event == event
    assert event.status == RoadmapEvent.Status.DONE
    assert event.evidence == NOTE and event.done_on == date(2026, 11, 20) and event.done_by == cast.mentor


def test_an_entry_tied_without_marking_leaves_the_event_planned(approved, cast):
    event = add_event(approved, cast.mentor)
    entry = log(approved, cast.mentor, event=event, complete_event=False)
    event.refresh_from_db()
    assert entry.event == event and event.status == RoadmapEvent.Status.PLANNED


def test_marking_an_event_done_needs_the_note_and_saves_nothing_without_it(approved, cast):
    event = add_event(approved, cast.mentor)
    with pytest.raises(DomainError) as error:
        log(approved, cast.mentor, event=event, complete_event=True, notes="  ")
    assert error.value.field == "notes" and "подтверждает выполнение" in error.value.message
    event.refresh_from_db()
    assert event.status == RoadmapEvent.Status.PLANNED and not ActivityLog.objects.exists()


def test_the_quick_log_offers_the_overdue_event_first_and_posts_note_and_event(client_for, approved, cast):
    overdue = add_event(approved, cast.mentor, title="Разбор урока", start=date(2026, 10, 15))
    add_event(approved, cast.mentor, title="Открытый урок", start=timezone.localdate() + timedelta(days=3))
    client = client_for("mentor")
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert f'<option value="{overdue.pk}" selected>15.10 — Разбор урока</option>' in page
    assert '<optgroup label="Просрочено">' in page and 'name="complete_event"' in page
    response = client.post(
        url("activity-add", approved.pk),
        {
            "date": "2026-11-20",
            "minutes": "45",
            "kind": "meeting",
            "format": "in_person",
            "notes": NOTE,
            "event": overdue.pk,
            "complete_event": "on",
            "next": "dashboard",
        },
    )
    assert response.status_code == 302
    entry = approved.activities.get()
    overdue.refresh_from_db()
    assert entry.notes == NOTE and entry.event == overdue and overdue.status == RoadmapEvent.Status.DONE


def test_an_event_of_another_program_is_refused(approved, cast):
    with pytest.raises(DomainError):
        log(approved, cast.mentor, event=RoadmapEvent(pk=0, program_id=approved.pk + 1000))


# The 7-day window --------------------------------------------------------------------------------


def test_the_author_corrects_within_6_days_23_hours_and_the_history_keeps_both_versions(approved, cast):
    entry = written_ago(log(approved, cast.mentor), timedelta(days=6, hours=23))
    correction(entry, cast.mentor)
    entry.refresh_from_db()
    assert entry.minutes == 60 and entry.notes.startswith("Исправлено")
    versions = list(entry.history_events.order_by("pgh_id").values_list("notes", "minutes"))
    assert versions[0] == (NOTE, 45)
    assert versions[-1] == ("Исправлено: разобрали две технологические карты.", 60)
    assert any(e.label == "изменение" for e in object_history(entry))


@pytest.mark.parametrize("delta", [timedelta(days=7), timedelta(days=7, seconds=1), timedelta(days=30)])
def test_after_7_days_the_author_is_refused(approved, cast, delta):
    entry = written_ago(log(approved, cast.mentor), delta)
    for attempt in (
        lambda: correction(entry, cast.mentor),
        lambda: services.activity_remove(entry=entry, user=cast.mentor),
    ):
        with pytest.raises(DomainError) as error:
            attempt()
        assert "в течение 7 дней" in error.value.message
    entry.refresh_from_db()
    assert entry.minutes == 45


@pytest.mark.parametrize("who", ["curator", "director", "mentee", "other_teacher"])
def test_anyone_but_the_author_is_refused(approved, cast, who):
    entry = log(approved, cast.mentor)
    for attempt in (
        lambda: correction(entry, getattr(cast, who)),
        lambda: services.activity_remove(entry=entry, user=getattr(cast, who)),
    ):
        with pytest.raises(DomainError) as error:
            attempt()
        assert "только тот, кто её сделал" in error.value.message
    assert ActivityLog.objects.get(pk=entry.pk).minutes == 45


def test_the_curators_own_entry_is_hers_to_correct(approved, cast):
    entry = log(approved, cast.curator)
    correction(entry, cast.curator)
    with pytest.raises(DomainError):
        correction(ActivityLog.objects.get(pk=entry.pk), cast.mentor)


def test_a_removed_entry_stays_in_the_history(approved, cast):
    entry = log(approved, cast.mentor)
    pk = entry.pk
    services.activity_remove(entry=entry, user=cast.mentor)
    assert not ActivityLog.objects.filter(pk=pk).exists()
    removed = ActivityLog.history_events.rel.related_model.objects.filter(pgh_obj_id=pk, pgh_label="delete")
    assert removed.get().notes == NOTE


def test_a_correction_is_checked_like_a_new_entry(approved, cast):
    entry = log(approved, cast.mentor)
    with pytest.raises(DomainError) as error:
        correction(entry, cast.mentor, date=timezone.localdate() + timedelta(days=1))
    assert error.value.field == "date"
    with pytest.raises(DomainError) as error:
        correction(entry, cast.mentor, minutes=601)
    assert error.value.field == "minutes"


# Crafted requests --------------------------------------------------------------------------------


def test_the_author_corrects_and_removes_through_the_pages(client_for, approved, cast):
    entry = log(approved, cast.mentor)
    client = client_for("mentor")
    log_page = client.get(url("activity-list", approved.pk)).content.decode()
    assert url("activity-edit", approved.pk, entry.pk) in log_page
    assert client.get(url("activity-edit", approved.pk, entry.pk)).status_code == 200
    response = client.post(
        url("activity-edit", approved.pk, entry.pk),
        {"date": "2026-11-20", "minutes": "50", "kind": "meeting", "format": "online", "notes": "Исправлено"},
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.minutes, entry.kind, entry.format, entry.notes) == (50, "meeting", "online", "Исправлено")
    assert client.get(url("activity-delete", approved.pk, entry.pk)).status_code == 405
    response = client.post(url("activity-delete", approved.pk, entry.pk))
    assert response.status_code == 302 and not ActivityLog.objects.filter(pk=entry.pk).exists()


def test_crafted_posts_of_others_and_late_ones_are_refused_with_a_russian_message(client_for, approved, cast):
    entry = log(approved, cast.mentor)
    data = {
        "date": "2026-11-20",
        "minutes": "50",
        "kind": "meeting",
        "format": "online",
        "notes": "Чужая правка",
    }
    curator = client_for("curator")
    # The curator may log in the program but not touch the mentor's entry; the page offers no link.
    assert (
        url("activity-edit", approved.pk, entry.pk)
        not in curator.get(url("activity-list", approved.pk)).content.decode()
    )
    for response in (
        curator.post(url("activity-edit", approved.pk, entry.pk), data, follow=True),
        curator.post(url("activity-delete", approved.pk, entry.pk), follow=True),
    ):
        assert "только тот, кто её сделал" in response.content.decode()
    # A mentee and outsiders do not reach it at all.
    assert client_for("mentee").post(url("activity-delete", approved.pk, entry.pk)).status_code == 403
    assert client_for("other_teacher").post(url("activity-delete", approved.pk, entry.pk)).status_code == 404
    written_ago(entry, timedelta(days=8))
    mentor = client_for("mentor")
    assert (
        url("activity-edit", approved.pk, entry.pk)
        not in mentor.get(url("activity-list", approved.pk)).content.decode()
    )
    response = mentor.post(url("activity-edit", approved.pk, entry.pk), data, follow=True)
    assert "этот срок прошёл" in response.content.decode()
    response = mentor.post(url("activity-delete", approved.pk, entry.pk), follow=True)
    assert "этот срок прошёл" in response.content.decode()
    entry.refresh_from_db()
    assert entry.notes == NOTE and entry.minutes == 45
