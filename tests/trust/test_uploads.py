"""Every file field of the portal refuses an executable under a document's name and a file over the
limit, at the field and in Russian, and stores nothing (no row, no file under MEDIA_ROOT).

The fields are found by walking every form class of ``apps``: a new form with a file field fails
``test_every_form_with_a_file_field_is_posted_here`` until it gets a case below, and one without the
portal's validator fails ``test_every_file_field_carries_the_upload_validator``.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django import forms
from django.apps import apps as django_apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse

from apps.core.uploads import KINDS, UploadValidator, upload_validator_of
from apps.pairs import services as pair_services
from tests.factories import pairs as pf
from tests.factories.staff import PersonFactory
from tests.trust.forms_walk import form_classes

pytestmark = pytest.mark.django_db

ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 600  # the head of a Linux executable
LIMIT = 4096


def _form_classes() -> dict[str, type[forms.BaseForm]]:
    """Every form class of ``apps`` that has a file field."""
    return {
        name: cls
        for name, cls in form_classes().items()
        if any(isinstance(f, forms.FileField) for f in cls.base_fields.values())
    }


@dataclass(frozen=True)
class Case:
    role: str
    field: str
    models: tuple[str, ...]  # nothing may be added to these
    people: dict = field(default_factory=dict, compare=False, hash=False)

    def url(self, world) -> str:
        raise NotImplementedError

    def data(self, world, client) -> dict:
        return {}

    def post_key(self, world) -> str:
        """The name the file is posted under (the form's prefix, if it has one, before the field)."""
        return self.field


class StaffPaperConsent(Case):
    def url(self, world):
        person = PersonFactory(organization=world.cast.school)
        return reverse("staff:consent-create", args=[person.pk])

    def data(self, world, client):
        return {
            "subject_address": "628400, г. Сургут, ул. Ленина, д. 1",
            "subject_document": "паспорт 67 10 123456",
            "signed_on": "2026-10-01",
        }


class MentorEntryConsent(Case):
    def url(self, world):
        return reverse("banks:mentor-edit", args=[world.own.mentor_entry.pk])

    def data(self, world, client):
        return {"max_mentees": "2", "consent_signed_on": "2026-09-15"}


class PetitionPaper(Case):
    """The curator enters a teacher's paper application with its scan."""

    def url(self, world):
        return reverse("banks:petition-paper")

    def data(self, world, client):
        person = PersonFactory(organization=world.cast.school)
        from tests.factories.banks import give_consent

        give_consent(person)
        return {
            "person": str(person.pk),
            "filed_on": "2026-09-01",
            "kind": "mentor",
            "text": "Прошу включить меня в базу наставников.",
            "areas": ["methodical"],
            "max_mentees": "2",
        }


class DutyConsentUpload(Case):
    """A new draft pair whose participants have not consented yet."""

    def url(self, world):
        school, year = world.cast.school, world.cast.year
        mentor, mentee = pf.mentor_entry(school, year), pf.mentee_entry(school, year)
        group = pair_services.group_create(
            **pf.group_kwargs(school, year, mentor, [mentee]), created_by=world.cast.curator
        )
        self.people[id(world)] = mentor.person
        return reverse("pairs:consent-upload", args=[group.pk])

    def data(self, world, client):
        return {"person": str(self.people[id(world)].pk), "signed_on": "2026-10-01"}


class DutyConsentReplace(Case):
    def url(self, world):
        return reverse("pairs:consent-replace", args=[world.own.group.pk, world.own.person.pk])

    def data(self, world, client):
        return {f"replace-{world.own.person.pk}-signed_on": "2026-10-01"}

    def post_key(self, world):
        return f"replace-{world.own.person.pk}-{self.field}"


class EventDone(Case):
    def url(self, world):
        return reverse("programs:event-done", args=[world.own.program.pk, world.own.event.pk])

    def data(self, world, client):
        return {"evidence": "Конспект урока", "reflection": ""}


class ActivityLog(Case):
    def url(self, world):
        return reverse("programs:activity-add", args=[world.own.program.pk])

    def data(self, world, client):
        return {"date": "2026-10-20", "minutes": "45", "kind": "meeting", "format": "in_person"}


class PairForm(Case):
    """The mentees' signed agreement uploaded with a new pair."""

    def url(self, world):
        return reverse("pairs:group-create")

    def data(self, world, client):
        return {"mentee_consent_signed_on": "2026-10-01"}


class PaperAcquaintance(Case):
    def url(self, world):
        return reverse("orders:acquaintance-paper", args=[world.own.signed_order.pk])

    def data(self, world, client):
        waiting = world.own.signed_order.participants.filter(acknowledged_at__isnull=True)
        return {f"date_{p.pk}": "2026-10-01" for p in waiting}


class ConsentBulk(Case):
    """A teacher without a consent, so that the page shows its form."""

    def url(self, world):
        self.people[id(world)] = PersonFactory(organization=world.cast.school)
        return reverse("staff:consent-bulk")

    def data(self, world, client):
        person = self.people[id(world)]
        return {
            "people": [str(person.pk)],
            "signed_on": "2026-10-01",
            "paper_location": "личное дело педагога",
        }


class PartnerAgreement(Case):
    def url(self, world):
        return reverse("partners:agreement-create")

    def data(self, world, client):
        return {
            "partner_name": "Педагогический колледж",
            "partner_kind": "college",
            "number": "5",
            "signed_on": "2026-09-01",
            "subject": "Практика студентов.",
        }


class StaffImport(Case):
    def url(self, world):
        return reverse("staff_import:upload")

    def data(self, world, client):
        page = client.get(self.url(world)).content.decode()
        return {"token": re.search(r'name="token" value="([^"]+)"', page).group(1)}


class TrainingRecordScan(Case):
    def url(self, world):
        return reverse("training:record-create")

    def data(self, world, client):
        return {
            "person": str(world.own.person.pk),
            "kind": "course",
            "title": "Наставничество",
            "organiser": "ЦНППМ",
            "start_date": "2025-03-01",
            "end_date": "2025-03-20",
            "hours": "72",
        }


class TrainingImport(Case):
    def url(self, world):
        return reverse("training:import-upload")


CASES: dict[str, Case] = {
    "apps.staff.forms.ConsentPaperForm": StaffPaperConsent("curator", "scan", ("staff.PersonalDataConsent",)),
    "apps.banks.forms.MentorEntryForm": MentorEntryConsent(
        "curator", "consent_document", ("banks.MentorEntry",)
    ),
    "apps.banks.forms.PetitionPaperForm": PetitionPaper("curator", "scan", ("banks.Petition",)),
    "apps.pairs.forms.ConsentUploadForm": DutyConsentUpload("curator", "scan", ("pairs.DutyConsent",)),
    "apps.pairs.forms.ConsentScanReplaceForm": DutyConsentReplace(
        "curator", "scan", ("pairs.DutyConsent", "pairs.DutyConsentScan")
    ),
    "apps.programs.forms.EventDoneForm": EventDone("mentor", "files", ("programs.EvidenceFile",)),
    "apps.programs.forms.ActivityForm": ActivityLog(
        "mentor", "files", ("programs.ActivityLog", "programs.EvidenceFile")
    ),
    "apps.staff.views_import.ImportUploadForm": StaffImport("curator", "file", ()),
    "apps.pairs.forms.GroupForm": PairForm(
        "curator", "mentee_consent_scan", ("pairs.MentoringGroup", "pairs.DutyConsent")
    ),
    "apps.orders.forms.PaperAcquaintanceForm": PaperAcquaintance(
        "curator", "scan", ("orders.AcquaintanceSheet",)
    ),
    "apps.staff.forms.ConsentBulkForm": ConsentBulk("curator", "scan", ("staff.PersonalDataConsent",)),
    "apps.training.forms.TrainingRecordForm": TrainingRecordScan(
        "curator", "scan", ("training.TrainingRecord",)
    ),
    "apps.training.forms.TrainingImportForm": TrainingImport("curator", "file", ()),
    "apps.partners.forms.AgreementForm": PartnerAgreement(
        "curator", "scan", ("partners.CooperationAgreement",)
    ),
}


def test_every_form_with_a_file_field_is_posted_here():
    assert set(_form_classes()) == set(CASES)


def test_every_file_field_carries_the_upload_validator():
    missing = [
        f"{form_name}.{name}"
        for form_name, form in _form_classes().items()
        for name, field in form.base_fields.items()
        if isinstance(field, forms.FileField) and upload_validator_of(field) is None
    ]
    assert missing == []


def test_every_model_file_field_carries_the_upload_validator():
    fields = [
        f"{model._meta.label}.{field.name}"
        for model in django_apps.get_models()
        if model.__module__.startswith("apps.")
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
        and not any(isinstance(v, UploadValidator) for v in field.validators)
    ]
    assert fields == []


def _files(root) -> set[str]:
    root = Path(root)
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def _counts(case: Case) -> dict[str, int]:
    return {label: django_apps.get_model(label).objects.count() for label in case.models}


def _extension(form_name: str, field: str) -> str:
    validator = upload_validator_of(_form_classes()[form_name].base_fields[field])
    return KINDS[validator.kinds[0]].extensions[0]


def _valid_content(extension: str) -> bytes:
    heads = {".pdf": b"%PDF-1.7\n", ".xlsx": b"PK\x03\x04"}
    return heads[extension] + b"0" * (LIMIT * 2)


@pytest.mark.parametrize("bad", ["executable", "oversized"])
@pytest.mark.parametrize("form_name", sorted(CASES))
def test_a_bad_file_is_refused_at_the_field_and_nothing_is_stored(form_name, bad, world, client, settings):
    settings.MEDIA_ROOT = world.media
    settings.UPLOAD_MAX_BYTES = LIMIT
    case = CASES[form_name]
    client.force_login(getattr(world.cast, case.role))
    extension = _extension(form_name, case.field)
    content = ELF if bad == "executable" else _valid_content(extension)
    upload = SimpleUploadedFile(f"x{extension}", content, content_type="application/octet-stream")
    url = case.url(world)
    data = case.data(world, client)
    files, counts = _files(world.media), _counts(case)

    response = client.post(url, {**data, case.post_key(world): upload})

    assert response.status_code == 200, (response.status_code, response.get("Location"))
    page = response.content.decode()
    message = "не является файлом" if bad == "executable" else "слишком большой"
    errors = re.findall(r'class="invalid-feedback"[^>]*>(.*?)</', page, re.S) + re.findall(
        r'<li class="errorlist[^"]*">(.*?)</', page, re.S
    )
    assert any(message in e for e in errors), errors or page[:3000]
    assert _counts(case) == counts
    assert _files(world.media) == files
