"""Consents entered once (issue 14): the mentor's written consent to be a mentor, recorded with the bank
entry (ТК РФ ст. 351.8), serves every pair of that mentor; only a participant with no consent on record
(the mentee) needs one on the pair page, and the order is formed and signed without re-entering it."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.banks.models import MentorEntry
from apps.orders.services import order_blockers, order_send_for_signature, order_sign
from apps.pairs import services
from apps.pairs.models import DutyConsent, MentoringGroup
from apps.pairs.selectors import duty_consents_on_record, group_list, missing_consents

pytestmark = pytest.mark.django_db


def scan():
    return SimpleUploadedFile("consent.pdf", b"%PDF-1.4 scan", content_type="application/pdf")


def test_the_bank_entry_consent_serves_the_mentor_of_the_pair(draft_pair, bank):
    records = duty_consents_on_record(draft_pair)
    mentor = records[bank.mentor.person_id]
    assert mentor.from_bank and mentor.signed_on == bank.mentor.consent_signed_on
    assert missing_consents(draft_pair) == [bank.mentee.person]


def test_a_mentor_without_the_bank_consent_still_needs_one_for_the_pair(draft_pair, bank):
    MentorEntry.objects.filter(pk=bank.mentor.pk).update(consent_signed_on=None)
    draft_pair = MentoringGroup.objects.get(pk=draft_pair.pk)
    assert missing_consents(draft_pair) == [bank.mentor.person, bank.mentee.person]


def test_a_released_mentors_bank_consent_no_longer_serves(draft_pair, bank):
    MentorEntry.objects.filter(pk=bank.mentor.pk).update(status=MentorEntry.Status.RELEASED)
    draft_pair = MentoringGroup.objects.get(pk=draft_pair.pk)
    assert bank.mentor.person in missing_consents(draft_pair)


def test_a_consent_recorded_for_the_pair_takes_precedence(draft_pair, bank, cast):
    services.duty_consent_upload(
        group=draft_pair,
        person=bank.mentor.person,
        signed_on=date(2026, 9, 3),
        scan=scan(),
        user=cast.curator,
    )
    draft_pair = MentoringGroup.objects.get(pk=draft_pair.pk)
    record = duty_consents_on_record(draft_pair)[bank.mentor.person_id]
    assert not record.from_bank and record.signed_on == date(2026, 9, 3)


def test_the_order_is_signed_with_the_mentees_consent_only(draft_pair, bank, cast):
    order = services.groups_submit_to_order(groups=[draft_pair], user=cast.curator)
    blockers = order_blockers(order)
    assert len(blockers) == 1 and bank.mentee.person.short_name in blockers[0]
    assert bank.mentor.person.short_name not in blockers[0]
    services.duty_consent_upload(
        group=draft_pair,
        person=bank.mentee.person,
        signed_on=date(2026, 9, 3),
        scan=scan(),
        user=cast.curator,
    )
    assert order_blockers(order) == []
    order_send_for_signature(order=order, user=cast.director)
    order_sign(order=order, director=cast.director)
    draft_pair.refresh_from_db()
    assert draft_pair.status == MentoringGroup.Status.ACTIVE
    assert not DutyConsent.objects.filter(person=bank.mentor.person).exists()  # never entered twice


def test_the_pair_page_shows_the_bank_consent_and_offers_the_upload_for_the_mentee_only(
    client_for, draft_pair, bank
):
    page = client_for("curator").get(reverse("pairs:group-detail", args=[draft_pair.pk])).content.decode()
    assert f"согласие от {bank.mentor.consent_signed_on:%d.%m.%Y}" in page
    assert "внесено в банк наставников" in page
    assert reverse("banks:mentor-detail", args=[bank.mentor.pk]) in page
    upload = page.split("Загрузить скан бумажного согласия", 1)[1]
    assert f'value="{bank.mentee.person.pk}"' in upload
    assert f'value="{bank.mentor.person.pk}"' not in upload


def test_the_upload_refuses_a_mentor_whose_consent_is_on_record(client_for, draft_pair, bank):
    response = client_for("curator").post(
        reverse("pairs:consent-upload", args=[draft_pair.pk]),
        {"person": bank.mentor.person.pk, "signed_on": "2026-09-01", "scan": scan()},
    )
    assert response.status_code == 200
    assert not DutyConsent.objects.filter(group=draft_pair).exists()


def test_the_pair_list_counts_the_bank_consent(cast, draft_pair, bank):
    row = group_list(user=cast.curator, organization=bank.school).get(pk=draft_pair.pk)
    assert row.consent_count == 1
    services.duty_consent_upload(
        group=draft_pair,
        person=bank.mentor.person,
        signed_on=date(2026, 9, 3),
        scan=scan(),
        user=cast.curator,
    )
    assert group_list(user=cast.curator, organization=bank.school).get(pk=draft_pair.pk).consent_count == 1


def test_the_mentor_is_not_asked_on_the_dashboard_to_consent_again(client_for, draft_pair):
    page = client_for("mentor").get(reverse("accounts:dashboard")).content.decode()
    assert reverse("pairs:group-detail", args=[draft_pair.pk]) in page
    assert f"/pairs/{draft_pair.pk}/consent/" not in page
