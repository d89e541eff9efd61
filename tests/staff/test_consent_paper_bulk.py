"""Paper consents to personal-data processing (152-ФЗ art. 9) recorded without a scan — the paper is
kept in the personal file, the record says where — and a folder of them entered at once: one date, where
the papers are kept, a scan optional; all or nothing; only the operator (director, curator) of the
organisation, and never for a person of another organisation."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from apps.core.exceptions import DomainError
from apps.staff import services
from apps.staff.models import PersonalDataConsent
from tests.factories.staff import PersonFactory, give_consent, scan_file
from tests.one_shot import form_token, post_twice, tokens_on, told_repeated

pytestmark = pytest.mark.django_db

URL = "staff:consent-bulk"


def test_a_paper_consent_is_recorded_without_a_scan_with_where_the_paper_is_kept(client_for, cast):
    person = PersonFactory(organization=cast.school)
    response = client_for("curator").post(
        reverse("staff:consent-create", args=[person.pk]),
        {"signed_on": timezone.localdate().isoformat(), "paper_location": "личное дело педагога"},
    )
    assert response.status_code == 302
    consent = PersonalDataConsent.objects.get(person=person)
    assert consent.form == PersonalDataConsent.Form.PAPER
    assert not consent.scan and consent.paper_location == "личное дело педагога"
    card = client_for("curator").get(reverse("staff:person-detail", args=[person.pk])).content.decode()
    assert "хранится: личное дело педагога" in card


def test_a_paper_consent_with_neither_scan_nor_place_is_refused_at_the_field(client_for, cast):
    person = PersonFactory(organization=cast.school)
    response = client_for("curator").post(
        reverse("staff:consent-create", args=[person.pk]),
        {"signed_on": timezone.localdate().isoformat(), "paper_location": "  "},
    )
    assert response.status_code == 200
    assert (
        "Укажите, где хранится бумажный экземпляр согласия, или загрузите его скан."
        in response.content.decode()
    )
    assert not PersonalDataConsent.objects.filter(person=person).exists()


def test_the_database_refuses_a_paper_consent_with_neither_scan_nor_place(school):
    consent = give_consent(PersonFactory(organization=school))
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonalDataConsent.objects.filter(pk=consent.pk).update(form="paper", scan="", paper_location="")


def test_a_consent_in_the_portal_still_needs_the_address_and_the_document(school, cast):
    person = PersonFactory(organization=school, user=cast.mentor)
    with pytest.raises(DomainError) as error:
        services.consent_confirm_in_portal(
            person=person, user=cast.mentor, subject_address="", subject_document=""
        )
    assert error.value.field == "subject_address"


def bulk_post(people, **overrides):
    data = {
        "people": [p.pk for p in people],
        "signed_on": timezone.localdate().isoformat(),
        "paper_location": "личные дела педагогов, кабинет 12",
    }
    data.update(overrides)
    return data


def test_the_curator_records_a_folder_of_consents_at_once(client_for, cast):
    people = [PersonFactory(organization=cast.school) for _ in range(3)]
    curator = client_for("curator")
    response = curator.post(reverse(URL), bulk_post(people[:2], scan=scan_file()))
    assert response.status_code == 302
    consents = PersonalDataConsent.objects.filter(person__in=people).order_by("pk")
    assert {c.person_id for c in consents} == {people[0].pk, people[1].pk}
    assert {c.paper_location for c in consents} == {"личные дела педагогов, кабинет 12"}
    assert all(c.form == "paper" and c.recorded_by == cast.curator for c in consents)
    assert len({c.scan.name for c in consents}) == 1 and consents[0].scan.name
    page = curator.get(response.url).content.decode()
    assert "Внесены согласия на обработку персональных данных: 2 педагога." in page


def test_the_page_lists_only_the_schools_people_without_a_valid_consent(client_for, cast):
    waiting = PersonFactory(organization=cast.school)
    consented = PersonFactory(organization=cast.school)
    give_consent(consented)
    left = PersonFactory(organization=cast.school, left_on=timezone.localdate() - timedelta(days=1))
    elsewhere = PersonFactory(organization=cast.other_school)
    page = client_for("curator").get(reverse(URL)).content.decode()
    assert f'value="{waiting.pk}"' in page
    for person in (consented, left, elsewhere):
        assert f'value="{person.pk}"' not in page


def test_one_refusal_records_none(cast):
    ready = PersonFactory(organization=cast.school)
    consented = PersonFactory(organization=cast.school, last_name="Ёлкина", first_name="Дарья")
    give_consent(consented)
    with pytest.raises(DomainError) as error:
        services.consent_record_paper_bulk(
            organization=cast.school,
            people=[ready, consented],
            signed_on=timezone.localdate(),
            paper_location="личные дела",
            scan=None,
            recorded_by=cast.curator,
        )
    assert "действующее согласие уже есть у Ёлкиной Д." in error.value.message
    assert not PersonalDataConsent.objects.filter(person=ready).exists()


def test_the_place_of_the_papers_is_required(client_for, cast):
    person = PersonFactory(organization=cast.school)
    response = client_for("curator").post(reverse(URL), bulk_post([person], paper_location=""))
    assert response.status_code == 200
    assert "Согласия не внесены" in response.content.decode()
    assert not PersonalDataConsent.objects.filter(person=person).exists()


def test_a_date_in_the_future_is_refused(client_for, cast):
    person = PersonFactory(organization=cast.school)
    future = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client_for("curator").post(reverse(URL), bulk_post([person], signed_on=future))
    assert response.status_code == 200
    assert "Дата согласия не может быть в будущем." in response.content.decode()
    assert not PersonalDataConsent.objects.filter(person=person).exists()


@pytest.mark.parametrize("role", ["curator", "director"])
def test_a_crafted_post_with_a_person_of_another_school_is_refused(client_for, cast, role):
    ours = PersonFactory(organization=cast.school)
    theirs = PersonFactory(organization=cast.other_school)
    response = client_for(role).post(reverse(URL), bulk_post([ours, theirs]))
    assert response.status_code == 200
    assert "Педагог не найден в реестре организации" in response.content.decode()
    assert not PersonalDataConsent.objects.filter(person__in=[ours, theirs]).exists()


def test_the_service_refuses_a_person_of_another_school_whatever_the_form(cast):
    theirs = PersonFactory(organization=cast.other_school)
    with pytest.raises(DomainError):
        services.consent_record_paper_bulk(
            organization=cast.school,
            people=[theirs],
            signed_on=timezone.localdate(),
            paper_location="личные дела",
            scan=None,
            recorded_by=cast.curator,
        )
    assert not PersonalDataConsent.objects.filter(person=theirs).exists()


@pytest.mark.parametrize("role", ["council", "psychologist", "mentor", "mentee"])
def test_only_the_operator_records_consents_in_bulk(client_for, cast, role):
    person = PersonFactory(organization=cast.school)
    assert client_for(role).get(reverse(URL)).status_code == 403
    assert client_for(role).post(reverse(URL), bulk_post([person])).status_code == 403
    assert not PersonalDataConsent.objects.filter(person=person).exists()


def test_destroying_one_persons_data_removes_the_shared_scan_and_the_others_rest_on_their_papers(cast):
    first, second = PersonFactory(organization=cast.school), PersonFactory(organization=cast.school)
    consents = services.consent_record_paper_bulk(
        organization=cast.school,
        people=[first, second],
        signed_on=timezone.localdate(),
        paper_location="личные дела",
        scan=scan_file(),
        recorded_by=cast.curator,
    )
    mine = next(c for c in consents if c.person_id == first.pk)
    mine = services.consent_withdraw(consent=mine, withdrawn_by=cast.curator)
    services.personal_data_destroy(consent=mine, destroyed_by=cast.curator)
    other = PersonalDataConsent.objects.get(person=second)
    assert not other.scan and other.paper_location == "личные дела"


def test_the_form_carries_one_token_and_a_double_submission_records_the_consents_once(client_for, cast):
    people = [PersonFactory(organization=cast.school) for _ in range(2)]
    curator = client_for("curator")
    page = curator.get(reverse(URL)).content.decode()
    assert len(tokens_on(page)) == 1
    first, second = post_twice(curator, reverse(URL), bulk_post(people), form_token(curator, reverse(URL)))
    assert first.status_code == 302 and told_repeated(second)
    assert PersonalDataConsent.objects.filter(person__in=people).count() == 2
