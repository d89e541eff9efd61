"""Consents to personal-data processing: gating, recording (paper with a scan, or in the portal by the
person), the name-only card, and withdrawal that takes the person out of the banks at once."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.banks.models import MenteeEntry, MentorEntry
from apps.core.exceptions import DomainError
from apps.staff import consent_texts, services
from apps.staff.hooks import consent_withdrawn
from apps.staff.models import PersonalDataConsent
from apps.staff.selectors import has_valid_consent, people_with_valid_consent
from tests.factories.organizations import AcademicYearFactory
from tests.factories.staff import (
    JPEG_BYTES,
    PDF_BYTES,
    PNG_BYTES,
    PersonFactory,
    give_consent,
    scan_file,
)

pytestmark = pytest.mark.django_db


# --- Gating --------------------------------------------------------------------------------------


def test_person_without_consent_is_refused_by_the_gating_rule(school):
    person = PersonFactory(organization=school)
    with pytest.raises(DomainError) as error:
        services.person_require_consent(person=person)
    assert "нет действующего согласия" in error.value.message
    assert error.value.field == "person"


def test_person_with_a_valid_consent_passes_the_gating_rule(school):
    person = PersonFactory(organization=school)
    give_consent(person)
    services.person_require_consent(person=person)
    assert has_valid_consent(person)
    assert list(people_with_valid_consent()) == [person]


def test_withdrawn_consent_no_longer_passes_the_gating_rule(school):
    person = PersonFactory(organization=school)
    consent = give_consent(person)
    services.consent_withdraw(consent=consent, withdrawn_by=None)
    with pytest.raises(DomainError):
        services.person_require_consent(person=person)
    assert not people_with_valid_consent().exists()


@pytest.mark.parametrize("viewer", ["council", "psychologist"])
def test_card_without_consent_shows_only_the_name_to_council_and_psychologist(client_for, cast, viewer):
    person = PersonFactory(
        organization=cast.school,
        last_name="Седых",
        first_name="Анна",
        patronymic="Викторовна",
        phone="+7 912 111-22-33",
        email="a.sedykh@example.ru",
    )
    page = client_for(viewer).get(reverse("staff:person-detail", args=[person.pk])).content.decode()
    assert "Седых Анна Викторовна" in page
    assert "видно только ФИО" in page
    assert "+7 912 111-22-33" not in page
    assert "a.sedykh@example.ru" not in page
    assert "Учитель" not in page


@pytest.mark.parametrize("viewer", ["council", "psychologist"])
def test_card_with_consent_shows_the_data_to_council_and_psychologist(client_for, cast, viewer):
    person = PersonFactory(organization=cast.school, phone="+7 912 111-22-33")
    give_consent(person)
    page = client_for(viewer).get(reverse("staff:person-detail", args=[person.pk])).content.decode()
    assert "+7 912 111-22-33" in page
    assert "видно только ФИО" not in page


@pytest.mark.parametrize("viewer", ["curator", "director"])
def test_card_without_consent_shows_everything_to_curator_and_director(client_for, cast, viewer):
    person = PersonFactory(organization=cast.school, phone="+7 912 111-22-33")
    page = client_for(viewer).get(reverse("staff:person-detail", args=[person.pk])).content.decode()
    assert "+7 912 111-22-33" in page
    assert "Согласие на обработку персональных данных не оформлено" in page


# --- Recording -----------------------------------------------------------------------------------


def paper_post(**overrides) -> dict:
    data = {
        "subject_address": "628400, г. Сургут, ул. Ленина, д. 1, кв. 2",
        "subject_document": "паспорт 67 10 123456, выдан УМВД России по ХМАО — Югре 12.03.2015",
        "representative": "",
        "signed_on": timezone.localdate().isoformat(),
        "scan": scan_file(),
    }
    data.update(overrides)
    return data


def test_curator_records_a_paper_consent_with_every_item_and_the_text_snapshot(client_for, cast):
    person = PersonFactory(
        organization=cast.school, last_name="Гусев", first_name="Лев", patronymic="Аркадьевич"
    )
    response = client_for("curator").post(reverse("staff:consent-create", args=[person.pk]), paper_post())
    assert response.status_code == 302
    consent = PersonalDataConsent.objects.get(person=person)
    assert consent.form == PersonalDataConsent.Form.PAPER
    assert consent.recorded_by == cast.curator
    assert consent.operator_name == cast.school.full_name
    assert consent.operator_address == cast.school.address
    assert consent.purpose == consent_texts.PURPOSE
    assert consent.data_list == consent_texts.DATA_LIST
    assert consent.actions == consent_texts.ACTIONS
    assert consent.term == consent_texts.TERM
    assert consent.withdrawal_procedure == consent_texts.WITHDRAWAL
    assert consent.text_version == consent_texts.VERSION
    assert "Я, Гусев Лев Аркадьевич" in consent.text_snapshot
    assert "ул. Ленина, д. 1" in consent.text_snapshot
    assert cast.school.full_name in consent.text_snapshot
    assert consent.scan.name.endswith(".pdf") and "Гусев" not in consent.scan.name


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (scan_file(b"GIF89a" + b"\x00" * 40, "scan.pdf"), "Файл «scan.pdf» не является файлом PDF"),
        (scan_file(JPEG_BYTES, "scan.pdf"), "не является файлом PDF: его содержимое другого типа"),
        (scan_file(PDF_BYTES, "scan.docx"), "не принят: загрузите PDF, JPEG или PNG."),
        (scan_file(b"", "scan.pdf"), "Отправленный файл пуст."),
        (scan_file(PDF_BYTES + b"0" * (10 * 1024 * 1024), "scan.pdf"), "слишком большой"),
    ],
    ids=["not-a-scan", "jpeg-named-pdf", "wrong-extension", "empty", "too-big"],
)
def test_bad_scan_is_refused_at_the_field(client_for, cast, upload, message):
    person = PersonFactory(organization=cast.school)
    upload.seek(0)
    response = client_for("curator").post(
        reverse("staff:consent-create", args=[person.pk]), paper_post(scan=upload)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PersonalDataConsent.objects.filter(person=person).exists()


@pytest.mark.parametrize(("content", "name"), [(PNG_BYTES, "scan.png"), (JPEG_BYTES, "скан.JPG")])
def test_png_and_jpeg_scans_are_accepted(client_for, cast, content, name):
    person = PersonFactory(organization=cast.school)
    response = client_for("curator").post(
        reverse("staff:consent-create", args=[person.pk]), paper_post(scan=scan_file(content, name))
    )
    assert response.status_code == 302


def test_paper_consent_without_a_scan_nor_where_the_paper_is_kept_is_refused(school):
    person = PersonFactory(organization=school)
    with pytest.raises(DomainError) as error:
        services.consent_record_paper(
            person=person,
            subject_address="г. Сургут",
            subject_document="паспорт",
            signed_on=timezone.localdate(),
            scan=None,
            recorded_by=None,
        )
    assert error.value.field == "paper_location"
    assert not PersonalDataConsent.objects.filter(person=person).exists()


def test_consent_dated_in_the_future_is_refused_at_the_field(client_for, cast):
    person = PersonFactory(organization=cast.school)
    response = client_for("curator").post(
        reverse("staff:consent-create", args=[person.pk]),
        paper_post(signed_on=(timezone.localdate() + timedelta(days=1)).isoformat()),
    )
    assert "Дата согласия не может быть в будущем." in response.content.decode()


def test_second_consent_while_one_is_valid_is_refused(school):
    person = PersonFactory(organization=school)
    give_consent(person)
    with pytest.raises(DomainError) as error:
        give_consent(person)
    assert "уже есть действующее согласие" in error.value.message


def test_consent_without_the_operator_address_is_refused(school):
    person = PersonFactory(organization=school)
    school.address = ""
    school.save()
    with pytest.raises(DomainError) as error:
        give_consent(person)
    assert "адрес оператора" in error.value.message


def test_person_confirms_the_consent_in_the_portal_on_their_own_page(client_for, cast):
    person = PersonFactory(organization=cast.school, user=cast.mentor)
    client = client_for("mentor")
    assert "Подтвердить согласие" in client.get(reverse("staff:my-consent")).content.decode()
    page = client.get(reverse("staff:consent-confirm", args=[person.pk])).content.decode()
    assert consent_texts.PURPOSE[:60] in page
    response = client.post(
        reverse("staff:consent-confirm", args=[person.pk]),
        {
            "subject_address": "г. Сургут, ул. Мира, д. 5",
            "subject_document": "паспорт 67 11 654321",
            "agree": "on",
        },
    )
    assert response.status_code == 302
    consent = PersonalDataConsent.objects.get(person=person)
    assert consent.form == PersonalDataConsent.Form.PORTAL
    assert consent.confirmed_by == cast.mentor
    assert consent.signed_on == timezone.localdate()


def test_confirmation_without_the_agreement_mark_is_refused(client_for, cast):
    person = PersonFactory(organization=cast.school, user=cast.mentor)
    response = client_for("mentor").post(
        reverse("staff:consent-confirm", args=[person.pk]),
        {"subject_address": "г. Сургут", "subject_document": "паспорт"},
    )
    assert "Отметьте согласие" in response.content.decode()
    assert not PersonalDataConsent.objects.exists()


@pytest.mark.parametrize(("name", "status"), [("curator", 403), ("mentee", 403), ("other_curator", 404)])
def test_nobody_but_the_person_confirms_in_the_portal(client_for, cast, name, status):
    person = PersonFactory(organization=cast.school, user=cast.mentor)
    response = client_for(name).post(
        reverse("staff:consent-confirm", args=[person.pk]),
        {"subject_address": "г. Сургут", "subject_document": "паспорт", "agree": "on"},
    )
    assert response.status_code == status
    assert not PersonalDataConsent.objects.exists()


def test_service_refuses_a_portal_confirmation_for_someone_else(school, cast):
    person = PersonFactory(organization=school, user=cast.mentor)
    with pytest.raises(DomainError):
        services.consent_confirm_in_portal(
            person=person, user=cast.mentee, subject_address="г. Сургут", subject_document="паспорт"
        )


def test_scan_is_served_only_to_those_who_may_see_consents(client_for, cast):
    person = PersonFactory(organization=cast.school)
    consent = give_consent(person)
    url = reverse("staff:consent-scan", args=[consent.pk])
    response = client_for("curator").get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert client_for("council").get(url).status_code == 403
    assert client_for("other_curator").get(url).status_code == 404


# --- Withdrawal ----------------------------------------------------------------------------------


@pytest.fixture
def banked(cast):
    """A person with a consent in both banks of the current year, and a finished entry of last year."""
    year, last_year = cast_year(cast), AcademicYearFactory(start_year=2025, is_current=False)
    person = PersonFactory(organization=cast.school)
    consent = give_consent(person)
    mentee = MenteeEntry.objects.create(
        organization=cast.school, year=year, person=person, category=MenteeEntry.Category.NEW_TECHNOLOGY
    )
    mentor = MentorEntry.objects.create(
        organization=cast.school, year=year, person=person, status=MentorEntry.Status.ACTIVE
    )
    old = MentorEntry.objects.create(
        organization=cast.school, year=last_year, person=person, status=MentorEntry.Status.ACTIVE
    )
    return person, consent, mentee, mentor, old


def cast_year(cast):
    from apps.organizations.models import AcademicYear

    return AcademicYear.objects.get(is_current=True)


def test_withdrawal_takes_the_person_out_of_the_banks_at_once(banked):
    _, consent, mentee, mentor, old = banked
    services.consent_withdraw(consent=consent, withdrawn_by=None)
    mentee.refresh_from_db()
    mentor.refresh_from_db()
    old.refresh_from_db()
    assert mentee.status == MenteeEntry.Status.LEFT
    assert mentor.status == MentorEntry.Status.RELEASED
    assert mentor.released_on == timezone.localdate()
    assert old.status == MentorEntry.Status.ACTIVE  # a past year is history, not processing


def test_withdrawal_schedules_destruction_in_thirty_days(banked):
    _, consent, *_ = banked
    consent = services.consent_withdraw(
        consent=consent, withdrawn_by=None, withdrawn_on=timezone.localdate() - timedelta(days=2)
    )
    assert consent.withdrawn_on == timezone.localdate() - timedelta(days=2)
    assert consent.destruction_due == timezone.localdate() + timedelta(days=28)


def test_withdrawal_keeps_a_finished_mentee_entry_finished(cast):
    year = cast_year(cast)
    person = PersonFactory(organization=cast.school)
    consent = give_consent(person)
    entry = MenteeEntry.objects.create(
        organization=cast.school,
        year=year,
        person=person,
        category=MenteeEntry.Category.YOUNG,
        status=MenteeEntry.Status.FINISHED,
    )
    services.consent_withdraw(consent=consent, withdrawn_by=None)
    entry.refresh_from_db()
    assert entry.status == MenteeEntry.Status.FINISHED


def test_withdrawal_tells_the_other_apps_inside_the_transaction(banked):
    person, consent, *_ = banked
    received = []

    def receiver(*, consent, person):
        received.append((consent.pk, person.pk))

    consent_withdrawn.register(receiver)
    try:
        services.consent_withdraw(consent=consent, withdrawn_by=None)
    finally:
        consent_withdrawn.unregister(receiver)
    assert received == [(consent.pk, person.pk)]


def test_withdrawing_twice_is_refused(banked):
    _, consent, *_ = banked
    services.consent_withdraw(consent=consent, withdrawn_by=None)
    with pytest.raises(DomainError) as error:
        services.consent_withdraw(consent=consent, withdrawn_by=None)
    assert "уже отозвано" in error.value.message


def test_withdrawal_before_the_consent_date_is_refused(banked):
    _, consent, *_ = banked
    with pytest.raises(DomainError) as error:
        services.consent_withdraw(consent=consent, withdrawn_by=None, withdrawn_on=date(2020, 1, 1))
    assert error.value.field == "withdrawn_on"


def test_curator_withdraws_on_the_confirmation_page(client_for, cast, banked):
    _, consent, mentee, *_ = banked
    url = reverse("staff:consent-withdraw", args=[consent.pk])
    client = client_for("curator")
    assert "Отзыв согласия" in client.get(url).content.decode()
    response = client.post(url, {"withdrawn_on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    consent.refresh_from_db()
    mentee.refresh_from_db()
    assert consent.withdrawn_by == cast.curator
    assert mentee.status == MenteeEntry.Status.LEFT


def test_person_withdraws_their_own_consent(client_for, cast):
    person = PersonFactory(organization=cast.school, user=cast.mentee)
    consent = give_consent(person)
    response = client_for("mentee").post(reverse("staff:consent-withdraw", args=[consent.pk]), {})
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:my-consent")
    consent.refresh_from_db()
    assert consent.withdrawn_on == timezone.localdate()


@pytest.mark.parametrize(("name", "status"), [("council", 403), ("mentor", 403), ("other_director", 404)])
def test_others_cannot_withdraw_a_consent(client_for, cast, name, status):
    person = PersonFactory(organization=cast.school, user=cast.mentee)
    consent = give_consent(person)
    assert (
        client_for(name).post(reverse("staff:consent-withdraw", args=[consent.pk]), {}).status_code == status
    )
    consent.refresh_from_db()
    assert consent.withdrawn_on is None
