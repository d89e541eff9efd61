from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.staff import services as staff_services
from apps.training import services
from apps.training.models import TrainingRecord
from apps.training.services import TrainingData
from tests.factories import pairs as f

PDF = b"%PDF-1.7 test"


def data(**overrides) -> TrainingData:
    values = {
        "kind": TrainingRecord.Kind.COURSE,
        "title": "Методологические аспекты наставничества",
        "organiser": "АУ «Институт развития образования»",
        "start_date": date(2025, 3, 1),
        "end_date": date(2025, 3, 20),
        "hours": 72,
        "document_kind": TrainingRecord.Document.CERTIFICATE,
        "document_number": "862400012345",
        "document_date": date(2025, 3, 20),
    }
    values.update(overrides)
    return TrainingData(**values)


@pytest.fixture
def mentor_entry(cast, year):
    """The cast's mentor in the bank of the current year (approved)."""
    return f.mentor_entry(cast.school, year, user=cast.mentor, last_name="Морозова", first_name="Татьяна")


@pytest.fixture
def record(cast, mentor_entry):
    return services.training_record_create(
        organization=cast.school,
        person=mentor_entry.person,
        data=data(),
        scan=SimpleUploadedFile("удостоверение.pdf", PDF),
        user=cast.curator,
    )


def withdraw(person):
    consent = person.consents.get()
    staff_services.consent_withdraw(consent=consent, withdrawn_by=None)
