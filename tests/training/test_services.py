"""The rules of a training record: dates, hours, the document, the person's school and consent; erasure
and the subject's data."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.utils import timezone

from apps.core.exceptions import DomainError
from apps.staff.hooks import erasers
from apps.staff.subject_data import subject_data
from apps.training import services
from apps.training.models import SupportRecord, TrainingRecord
from tests.factories import pairs as f

from .conftest import PDF, data, withdraw

pytestmark = pytest.mark.django_db


def _create(cast, person, **overrides):
    return services.training_record_create(
        organization=cast.school, person=person, data=data(**overrides), user=cast.curator
    )


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"end_date": date(2025, 2, 1)}, "end_date"),
        ({"hours": 0}, "hours"),
        ({"hours": 2001}, "hours"),
        ({"title": "  "}, "title"),
        ({"organiser": ""}, "organiser"),
        ({"kind": "exam"}, "kind"),
        ({"document_kind": "", "document_number": "123"}, "document_kind"),
        ({"document_date": date(2025, 2, 1)}, "document_date"),
        ({"start_date": date(1950, 1, 1)}, "start_date"),
    ],
)
def test_a_wrong_value_is_refused_at_its_field_and_nothing_is_saved(cast, mentor_entry, overrides, field):
    with pytest.raises(DomainError) as error:
        _create(cast, mentor_entry.person, **overrides)
    assert error.value.field == field
    assert not TrainingRecord.objects.exists()


def test_a_training_not_yet_ended_or_a_document_from_the_future_is_refused(cast, mentor_entry):
    today = timezone.localdate()
    with pytest.raises(DomainError) as error:
        _create(cast, mentor_entry.person, start_date=today, end_date=today + timedelta(days=3))
    assert error.value.field == "end_date" and "не закончилось" in error.value.message
    with pytest.raises(DomainError) as error:
        _create(
            cast,
            mentor_entry.person,
            start_date=today - timedelta(days=5),
            end_date=today,
            document_date=today + timedelta(days=1),
        )
    assert error.value.field == "document_date"


def test_a_record_without_a_document_is_accepted(cast, mentor_entry):
    record = _create(cast, mentor_entry.person, document_kind="", document_number="", document_date=None)
    assert record.document_text() == ""
    assert record.entered_by == cast.curator


def test_a_person_of_another_school_is_refused(cast, year):
    stranger = f.person(cast.other_school)
    with pytest.raises(DomainError) as error:
        _create(cast, stranger)
    assert error.value.field == "person"


def test_a_person_who_withdrew_the_consent_gets_no_new_record(cast, mentor_entry):
    withdraw(mentor_entry.person)
    with pytest.raises(DomainError, match="отозвал"):
        _create(cast, mentor_entry.person)


def test_the_database_refuses_an_end_before_the_start_and_hours_out_of_range(cast, mentor_entry):
    with pytest.raises(IntegrityError):
        TrainingRecord.objects.create(
            organization=cast.school,
            person=mentor_entry.person,
            kind="course",
            title="x",
            organiser="y",
            start_date=date(2025, 3, 2),
            end_date=date(2025, 3, 1),
            hours=10,
        )


def test_a_scan_that_is_not_a_scan_is_refused(cast, mentor_entry):
    with pytest.raises(DomainError) as error:
        services.training_record_create(
            organization=cast.school,
            person=mentor_entry.person,
            data=data(),
            scan=SimpleUploadedFile("удостоверение.pdf", b"\x7fELF" + b"\x00" * 100),
            user=cast.curator,
        )
    assert error.value.field == "scan"
    assert not TrainingRecord.objects.exists()


def test_a_correction_saves_the_changed_fields_and_a_new_scan_replaces_the_old(
    cast, record, django_capture_on_commit_callbacks
):
    old = record.scan.name
    storage = record.scan.storage
    with django_capture_on_commit_callbacks(execute=True):
        services.training_record_update(
            record=record,
            data=data(hours=36),
            scan=SimpleUploadedFile("новое.pdf", PDF),
            user=cast.curator,
        )
    record.refresh_from_db()
    assert record.hours == 36
    assert record.scan.name != old
    assert not storage.exists(old)


def test_removing_a_record_removes_its_scan(cast, record, django_capture_on_commit_callbacks):
    name, storage = record.scan.name, record.scan.storage
    with django_capture_on_commit_callbacks(execute=True):
        services.training_record_delete(record=record, user=cast.curator)
    assert not TrainingRecord.objects.exists()
    assert not storage.exists(name)


def test_the_eraser_destroys_the_trainings_and_the_support_and_names_the_scans(cast, year, record):
    mentee = f.mentee_entry(cast.school, year)
    SupportRecord.objects.create(
        organization=cast.school,
        person=mentee.person,
        kind="training",
        date=date(2026, 10, 1),
        topic="x",
        hours=1,
    )
    from apps.training.erasure import erase

    erasure = erase(person=record.person, user=None)
    assert erasure.destroyed[0][1] == 1 and erasure.files == [record.scan.name]
    assert not TrainingRecord.objects.exists()
    assert erase(person=mentee.person, user=None).destroyed[1][1] == 1
    assert not SupportRecord.objects.exists()
    assert "apps.training.erasure" in [func.__module__ for func in erasers]


def test_the_subject_data_lists_the_trainings(record):
    sections = {s.title: s for s in subject_data(person=record.person).sections}
    rows = sections["Обучение"].rows
    assert len(rows) == 1
    assert "Методологические аспекты наставничества" in rows[0]
    assert "удостоверение № 862400012345 от 20.03.2025" in rows[0]
