"""Scans of the consents to additional duties (ТК РФ ст. 351.8): only a real PDF, JPEG or PNG is
accepted; the scan opens from the pair's page for those who see the pair; the curator replaces it and
the previous scan stays in the consent's history."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.core.exceptions import DomainError
from apps.pairs import services
from apps.pairs.models import DutyConsent, DutyConsentScan

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 600


def upload(content=PDF, name="согласие.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def consent(draft_pair, bank, cast):
    return services.duty_consent_upload(
        group=draft_pair,
        person=bank.mentor.person,
        signed_on=date(2026, 9, 1),
        scan=upload(),
        user=cast.curator,
    )


def test_an_executable_named_pdf_is_refused_and_not_counted_as_consent(client_for, draft_pair, bank):
    response = client_for("curator").post(
        reverse("pairs:consent-upload", args=[draft_pair.pk]),
        {"person": bank.mentor.person.pk, "signed_on": "2026-09-01", "scan": upload(ELF, "x.pdf")},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Файл «x.pdf» не является файлом PDF" in page
    assert "Скан согласия загружен" not in page
    assert not DutyConsent.objects.filter(group=draft_pair).exists()


def test_the_scan_is_stored_under_a_random_name(consent, bank):
    assert consent.scan.name.endswith(".pdf") and "согласие" not in consent.scan.name


@pytest.mark.parametrize(("name", "status"), [("curator", 200), ("director", 200), ("mentor", 200)])
def test_those_who_see_the_pair_open_the_scan(client_for, consent, draft_pair, bank, name, status):
    response = client_for(name).get(
        reverse("pairs:consent-scan", args=[draft_pair.pk, bank.mentor.person.pk])
    )
    assert response.status_code == status
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(("name", "status"), [("admin", 403), ("other_curator", 404), ("anonymous", 302)])
def test_others_do_not_open_the_scan(client_for, consent, draft_pair, bank, name, status):
    client = client_for(None if name == "anonymous" else name)
    url = reverse("pairs:consent-scan", args=[draft_pair.pk, bank.mentor.person.pk])
    assert client.get(url).status_code == status


def test_the_pair_page_links_the_scan_and_offers_its_replacement(client_for, consent, draft_pair, bank):
    page = client_for("curator").get(reverse("pairs:group-detail", args=[draft_pair.pk])).content.decode()
    assert reverse("pairs:consent-scan", args=[draft_pair.pk, bank.mentor.person.pk]) in page
    assert reverse("pairs:consent-replace", args=[draft_pair.pk, bank.mentor.person.pk]) in page


def test_replacing_the_scan_keeps_the_previous_one_in_history(client_for, consent, draft_pair, bank, cast):
    old_name = consent.scan.name
    client = client_for("curator")
    response = client.post(
        reverse("pairs:consent-replace", args=[draft_pair.pk, bank.mentor.person.pk]),
        {
            f"replace-{bank.mentor.person.pk}-signed_on": "2026-09-10",
            f"replace-{bank.mentor.person.pk}-scan": upload(PNG, "новый скан.png"),
        },
    )
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.signed_on == date(2026, 9, 10) and consent.scan.name.endswith(".png")
    past = DutyConsentScan.objects.get(consent=consent)
    assert (past.scan.name, past.signed_on, past.replaced_by) == (old_name, date(2026, 9, 1), cast.curator)

    current = client.get(reverse("pairs:consent-scan", args=[draft_pair.pk, bank.mentor.person.pk]))
    assert b"".join(current.streaming_content) == PNG
    previous = client.get(
        reverse("pairs:consent-past-scan", args=[draft_pair.pk, bank.mentor.person.pk, past.pk])
    )
    assert b"".join(previous.streaming_content) == PDF
    page = client.get(reverse("pairs:group-detail", args=[draft_pair.pk])).content.decode()
    assert "Прежние сканы: 1" in page


def test_a_replacement_that_is_not_a_scan_changes_nothing(client_for, consent, draft_pair, bank):
    old_name = consent.scan.name
    response = client_for("curator").post(
        reverse("pairs:consent-replace", args=[draft_pair.pk, bank.mentor.person.pk]),
        {
            f"replace-{bank.mentor.person.pk}-signed_on": "2026-09-10",
            f"replace-{bank.mentor.person.pk}-scan": upload(ELF, "x.png"),
        },
    )
    assert response.status_code == 200
    assert "не является файлом PNG" in response.content.decode()
    consent.refresh_from_db()
    assert consent.scan.name == old_name and not DutyConsentScan.objects.exists()


@pytest.mark.parametrize("name", ["mentor", "council", "other_curator"])
def test_only_the_curator_replaces_a_scan(client_for, consent, draft_pair, bank, name):
    response = client_for(name).post(
        reverse("pairs:consent-replace", args=[draft_pair.pk, bank.mentor.person.pk]),
        {
            f"replace-{bank.mentor.person.pk}-signed_on": "2026-09-10",
            f"replace-{bank.mentor.person.pk}-scan": upload(PNG, "x.png"),
        },
    )
    assert response.status_code in (403, 404)
    assert not DutyConsentScan.objects.exists()


def test_a_consent_confirmed_in_the_portal_has_no_scan_to_replace(draft_pair, bank, cast):
    consent = services.duty_consent_confirm(group=draft_pair, user=cast.mentor)
    with pytest.raises(DomainError, match="скана у него нет"):
        services.duty_consent_replace_scan(
            consent=consent, signed_on=date(2026, 9, 1), scan=upload(), user=cast.curator
        )


def test_erasing_the_person_deletes_the_past_scans_too(consent, bank, cast):
    services.duty_consent_replace_scan(
        consent=consent, signed_on=date(2026, 9, 2), scan=upload(PNG, "x.png"), user=cast.curator
    )
    counts, files = services.erase_person_data(person=bank.mentor.person)
    assert counts["duty_consents"] >= 1 and len(files) == 2
    assert not DutyConsentScan.objects.exists()
