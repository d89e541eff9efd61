"""The mentees' signed agreement uploaded with a new pair or group (issue 14): one scan and one date in
the pair form record the consent of each mentee, all or nothing, so that the curator does not upload it
person by person on the pair's page."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from apps.pairs.models import DutyConsent, MentoringGroup

SCAN_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _group(bank, **extra):
    return {
        "mentees": [bank.mentee.pk, bank.mentee2.pk],
        "mentor": bank.mentor.pk,
        "form": "teacher_group",
        "types": ["group"],
        "direction": "methods",
        "planned_start": "2026-10-01",
        "planned_end": "2027-05-31",
        **extra,
    }


def _scan(name="soglasie.pdf", content=SCAN_PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_the_scan_records_the_consent_of_each_mentee_and_not_the_mentor(client_for, bank, cast):
    today = timezone.localdate()
    data = _group(bank, mentee_consent_scan=_scan(), mentee_consent_signed_on=today.isoformat())
    response = client_for("curator").post(reverse("pairs:group-create"), data)
    group = MentoringGroup.objects.get()
    assert response.status_code == 302
    consents = DutyConsent.objects.filter(group=group)
    assert {c.person_id for c in consents} == {bank.mentee.person_id, bank.mentee2.person_id}
    for consent in consents:
        assert consent.form == DutyConsent.Form.SCAN and consent.signed_on == today
        assert consent.recorded_by == cast.curator
        assert consent.scan.read().startswith(b"%PDF-")


def test_without_a_scan_the_pair_is_formed_and_no_consent_is_recorded(client_for, bank):
    response = client_for("curator").post(reverse("pairs:group-create"), _group(bank))
    assert response.status_code == 302
    assert MentoringGroup.objects.exists() and not DutyConsent.objects.exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"mentee_consent_scan": "exe"}, "не принят: загрузите"),
        ({"mentee_consent_signed_on": "future"}, "Дата согласия не может быть в будущем"),
        ({"mentee_consent_signed_on": ""}, "Укажите дату, когда наставляемые подписали согласие"),
    ],
)
def test_a_bad_scan_or_date_is_refused_at_the_field_and_nothing_is_saved(client_for, bank, extra, message):
    data = _group(
        bank, mentee_consent_scan=_scan(), mentee_consent_signed_on=timezone.localdate().isoformat()
    )
    if extra.get("mentee_consent_scan") == "exe":
        data["mentee_consent_scan"] = _scan("soglasie.exe", b"MZ\x90\x00")
    elif "mentee_consent_signed_on" in extra:
        future = (timezone.localdate() + timedelta(days=1)).isoformat()
        data["mentee_consent_signed_on"] = future if extra["mentee_consent_signed_on"] == "future" else ""
    response = client_for("curator").post(reverse("pairs:group-create"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not MentoringGroup.objects.exists() and not DutyConsent.objects.exists()


def test_a_refused_pair_leaves_no_consent_behind(client_for, bank):
    """A pair the rules refuse (two mentees in the form of a pair): neither the pair nor the consents."""
    data = _group(
        bank, form="teacher_teacher", mentee_consent_scan=_scan(), mentee_consent_signed_on="2026-09-01"
    )
    response = client_for("curator").post(reverse("pairs:group-create"), data)
    assert response.status_code == 200 and "В паре ровно один наставляемый" in response.content.decode()
    assert not MentoringGroup.objects.exists() and not DutyConsent.objects.exists()


def test_the_edit_form_takes_no_consent_scan(client_for, draft_pair, bank):
    url = reverse("pairs:group-edit", args=[draft_pair.pk])
    client = client_for("curator")
    assert "mentee_consent_scan" not in client.get(url).content.decode()
    data = _group(bank, mentees=[bank.mentee.pk], form="teacher_teacher", types=["traditional"])
    data.update(mentee_consent_scan=_scan(), mentee_consent_signed_on="2026-09-01")
    assert client.post(url, data).status_code == 302
    assert not DutyConsent.objects.exists()
