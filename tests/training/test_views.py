"""Who reaches the training pages and what a crafted request gets: the curator and the director of the
person's school keep the records, the person reads their own (the card, the bank card, the scan),
everybody else gets 403 or 404 and changes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.training.models import TrainingRecord
from tests.factories import pairs as f

from .conftest import PDF

pytestmark = pytest.mark.django_db


def _form(person, **overrides):
    values = {
        "person": str(person.pk),
        "kind": "school",
        "title": "Школа наставника",
        "organiser": "ЦНППМ",
        "start_date": "2025-10-01",
        "end_date": "2025-10-02",
        "hours": "16",
        "document_kind": "diploma",
        "document_number": "15",
        "document_date": "2025-10-02",
    }
    values.update(overrides)
    return values


def test_the_curator_records_a_training_with_its_scan(client_for, cast, mentor_entry):
    data = _form(mentor_entry.person) | {"scan": SimpleUploadedFile("сертификат.pdf", PDF)}
    response = client_for("curator").post(reverse("training:record-create"), data)
    assert response.status_code == 302
    record = TrainingRecord.objects.get()
    assert record.person == mentor_entry.person and record.scan and record.entered_by == cast.curator


def test_the_form_shows_a_wrong_date_at_its_field_in_russian(client_for, mentor_entry):
    response = client_for("curator").post(
        reverse("training:record-create"), _form(mentor_entry.person, end_date="2025-09-01")
    )
    assert response.status_code == 200
    assert "Дата окончания раньше даты начала." in response.context["form"].errors["end_date"]
    assert not TrainingRecord.objects.exists()


def test_another_schools_curator_cannot_record_a_training_of_our_teacher(client_for, mentor_entry):
    response = client_for("other_curator").post(reverse("training:record-create"), _form(mentor_entry.person))
    assert response.status_code == 200
    assert "person" in response.context["form"].errors
    assert not TrainingRecord.objects.exists()


@pytest.mark.parametrize("role", ["mentor", "council", "psychologist", "municipal", "mentee"])
def test_other_roles_do_not_keep_records(client_for, role, mentor_entry):
    client = client_for(role)
    assert client.get(reverse("training:record-list")).status_code == 403
    assert client.post(reverse("training:record-create"), _form(mentor_entry.person)).status_code == 403
    assert not TrainingRecord.objects.exists()


def test_a_foreign_record_is_not_found_and_not_changed(client_for, record):
    client = client_for("other_curator")
    assert client.get(reverse("training:record-edit", args=[record.pk])).status_code == 404
    assert client.post(reverse("training:record-delete", args=[record.pk])).status_code == 404
    assert client.get(reverse("training:record-scan", args=[record.pk])).status_code == 404
    assert TrainingRecord.objects.filter(pk=record.pk).exists()


def test_the_person_reads_the_own_scan_but_does_not_change_the_record(client_for, record):
    client = client_for("mentor")
    response = client.get(reverse("training:record-scan", args=[record.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Cache-Control"] == "private, no-store"
    assert client.post(reverse("training:record-delete", args=[record.pk])).status_code == 403
    assert client_for("council").get(reverse("training:record-scan", args=[record.pk])).status_code == 404


def test_the_curator_corrects_and_removes_a_record(client_for, record):
    client = client_for("curator")
    data = _form(record.person, title="Исправленная тема")
    data.pop("person")
    assert client.post(reverse("training:record-edit", args=[record.pk]), data).status_code == 302
    record.refresh_from_db()
    assert record.title == "Исправленная тема" and record.kind == "school"
    response = client.post(reverse("training:record-delete", args=[record.pk]), {"back": "person"})
    assert response.status_code == 302
    assert response.url == reverse("staff:person-detail", args=[record.person_id])
    assert not TrainingRecord.objects.exists()


def test_the_persons_card_shows_the_training_to_the_curator_and_to_the_person_only(client_for, record):
    url = reverse("staff:person-detail", args=[record.person_id])
    for role in ("curator", "mentor"):
        assert "Методологические аспекты наставничества" in client_for(role).get(url).content.decode()
    page = client_for("council").get(url).content.decode()
    assert "Методологические аспекты наставничества" not in page


def test_the_mentors_bank_card_has_the_training_panel(client_for, record, mentor_entry):
    page = client_for("curator").get(reverse("banks:mentor-detail", args=[mentor_entry.pk])).content.decode()
    assert "Обучение наставничеству и повышение квалификации" in page
    assert "удостоверение № 862400012345 от 20.03.2025" in page
    assert reverse("training:record-scan", args=[record.pk]) in page


def test_the_school_list_shows_the_share_and_the_untrained_mentor(client_for, cast, year, record):
    f.mentor_entry(cast.school, year, last_name="Необученная")
    page = client_for("curator").get(reverse("training:record-list")).content.decode()
    assert "50 %" in page
    assert "1 из 2 наставников" in page
    assert "не обучен" in page  # the factory's sex decides «не обучен» or «не обучена»
    assert "Методологические аспекты наставничества (2025, 72 ч)" in page


def test_the_list_keeps_its_query_count_whatever_the_number_of_records(
    client_for, cast, year, record, django_assert_max_num_queries
):
    from apps.training import services

    from .conftest import data

    for _ in range(5):
        entry = f.mentor_entry(cast.school, year)
        services.training_record_create(
            organization=cast.school, person=entry.person, data=data(), user=cast.curator
        )
    client = client_for("curator")
    with django_assert_max_num_queries(20):
        assert client.get(reverse("training:record-list")).status_code == 200
