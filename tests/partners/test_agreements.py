"""Cooperation agreements with partner organisations (seed 002 §1.3): who keeps and reads them, the
rules of the dates and the INN, the people of the school who work at the partner, and what the person's
card, the mentor bank, the subject's data and the erasure show of it."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from apps.core.exceptions import DomainError
from apps.partners import erasure, services
from apps.partners.models import CooperationAgreement, PartnerKind, PartnerPerson
from apps.partners.subject_data import sections
from tests.factories import pairs as f

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _data(**overrides):
    data = {
        "partner_name": "Сургутский государственный педагогический университет",
        "partner_kind": PartnerKind.UNIVERSITY,
        "partner_inn": "8602200001",
        "number": "12/НП",
        "signed_on": date(2025, 9, 1),
        "ends_on": date(2028, 8, 31),
        "subject": "Наставники из числа преподавателей университета.",
    }
    return data | overrides


def _school_agreement(cast, **overrides):
    return services.agreement_create(user=cast.curator, organization=cast.school, data=_data(**overrides))


def _municipal_agreement(cast):
    return services.agreement_create(
        user=cast.municipal,
        municipality=cast.school.municipality,
        data=_data(
            partner_name="ЦНППМ «Институт развития образования»",
            partner_kind=PartnerKind.CNPPM,
            number="45-С",
        ),
    )


# --- The rules of an agreement ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"partner_name": "  "}, "partner_name"),
        ({"partner_kind": "friend"}, "partner_kind"),
        ({"partner_inn": "12345"}, "partner_inn"),
        ({"partner_inn": "86022000AB"}, "partner_inn"),
        ({"number": ""}, "number"),
        ({"subject": ""}, "subject"),
        ({"signed_on": None}, "signed_on"),
        ({"ends_on": date(2025, 8, 31)}, "ends_on"),
        ({"number": "1" * 51}, "number"),
    ],
)
def test_a_bad_agreement_is_refused_at_its_field_and_nothing_is_saved(cast, overrides, field):
    with pytest.raises(DomainError) as error:
        _school_agreement(cast, **overrides)
    assert error.value.field == field
    assert not CooperationAgreement.objects.exists()


def test_an_agreement_signed_in_the_future_is_refused(cast):
    with pytest.raises(DomainError) as error:
        _school_agreement(cast, signed_on=timezone.localdate() + timedelta(days=1), ends_on=None)
    assert error.value.field == "signed_on"


def test_an_inn_of_twelve_digits_and_an_agreement_without_term_are_accepted(cast):
    agreement = _school_agreement(cast, partner_inn="860220000112", ends_on=None)
    assert agreement.status == CooperationAgreement.Status.ACTIVE


def test_status_is_computed_from_the_end_date(cast):
    agreement = _school_agreement(cast, ends_on=date(2026, 6, 30))
    assert agreement.status_on(date(2026, 6, 30)) == CooperationAgreement.Status.ACTIVE
    assert agreement.status_on(date(2026, 7, 1)) == CooperationAgreement.Status.EXPIRED


@pytest.mark.parametrize("who", ["mentor", "council", "other_curator", "municipal"])
def test_only_the_school_managers_make_its_agreements(cast, who):
    with pytest.raises(DomainError):
        services.agreement_create(user=getattr(cast, who), organization=cast.school, data=_data())
    assert not CooperationAgreement.objects.exists()


@pytest.mark.parametrize("who", ["curator", "far_municipal"])
def test_only_the_coordinator_of_the_municipality_makes_its_agreements(cast, who):
    with pytest.raises(DomainError):
        services.agreement_create(
            user=getattr(cast, who), municipality=cast.school.municipality, data=_data()
        )


def test_an_agreement_belongs_to_a_school_or_to_a_municipality_never_both(cast):
    with pytest.raises(DomainError):
        services.agreement_create(
            user=cast.curator, organization=cast.school, municipality=cast.school.municipality, data=_data()
        )


# --- Pages -----------------------------------------------------------------------------------------------


def test_the_school_list_shows_its_own_and_its_municipality_agreements_only(client_for, cast):
    own = _school_agreement(cast)
    municipal = _municipal_agreement(cast)
    services.agreement_create(
        user=cast.other_curator,
        organization=cast.other_school,
        data=_data(partner_name="Колледж соседней школы"),
    )
    page = client_for("curator").get(reverse("partners:agreement-list")).content.decode()
    assert own.partner_name in page and municipal.partner_name in page
    assert "Колледж соседней школы" not in page


def test_the_coordinator_lists_the_municipality_agreements_not_the_schools(client_for, cast):
    _school_agreement(cast, partner_name="Вуз школы")
    municipal = _municipal_agreement(cast)
    page = client_for("municipal").get(reverse("partners:agreement-list")).content.decode()
    assert municipal.partner_name in page and "Вуз школы" not in page


@pytest.mark.parametrize(
    ("who", "status"), [("mentor", 403), ("council", 403), ("nobody", 403), ("regional", 403)]
)
def test_the_list_is_refused_to_everyone_else(client_for, cast, who, status):
    assert client_for(who).get(reverse("partners:agreement-list")).status_code == status


@pytest.mark.parametrize(
    ("who", "status"),
    [("curator", 200), ("director", 200), ("other_curator", 404), ("municipal", 404), ("far_curator", 404)],
)
def test_a_school_agreement_is_seen_by_its_managers_only(client_for, cast, who, status):
    agreement = _school_agreement(cast)
    assert (
        client_for(who).get(reverse("partners:agreement-detail", args=[agreement.pk])).status_code == status
    )


@pytest.mark.parametrize(
    ("who", "status"), [("municipal", 200), ("curator", 200), ("other_curator", 200), ("far_municipal", 404)]
)
def test_a_municipal_agreement_is_read_by_its_coordinator_and_the_schools_of_the_municipality(
    client_for, cast, who, status
):
    agreement = _municipal_agreement(cast)
    assert (
        client_for(who).get(reverse("partners:agreement-detail", args=[agreement.pk])).status_code == status
    )


def test_a_school_manager_cannot_edit_a_municipal_agreement(client_for, cast):
    agreement = _municipal_agreement(cast)
    response = client_for("curator").post(
        reverse("partners:agreement-edit", args=[agreement.pk]), _data(number="99")
    )
    assert response.status_code == 403
    agreement.refresh_from_db()
    assert agreement.number == "45-С"


def test_curator_creates_an_agreement_with_a_scan_and_downloads_it(client_for, cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = client_for("curator")
    data = _data(signed_on="2025-09-01", ends_on="2028-08-31")
    data["scan"] = SimpleUploadedFile("agreement.pdf", PDF, content_type="application/pdf")
    response = client.post(reverse("partners:agreement-create"), data)
    agreement = CooperationAgreement.objects.get()
    assert response.status_code == 302 and agreement.organization == cast.school and agreement.scan
    download = client.get(reverse("partners:agreement-scan", args=[agreement.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert (
        client_for("other_curator").get(reverse("partners:agreement-scan", args=[agreement.pk])).status_code
        == 404
    )


def test_a_bad_date_order_is_shown_at_the_field(client_for, cast):
    response = client_for("curator").post(
        reverse("partners:agreement-create"), _data(signed_on="2025-09-01", ends_on="2025-01-01")
    )
    assert response.status_code == 200
    assert "не может закончиться раньше" in response.content.decode()
    assert not CooperationAgreement.objects.exists()


# --- People of the partner -------------------------------------------------------------------------------


def test_a_person_of_the_school_is_marked_and_shown_on_the_card_and_in_the_mentor_bank(
    client_for, cast, year
):
    agreement = _school_agreement(cast)
    entry = f.mentor_entry(cast.school, year)
    person = entry.person
    client = client_for("curator")
    response = client.post(
        reverse("partners:person-add", args=[agreement.pk]),
        {"person": person.pk, "role": "mentor", "position_at_partner": "доцент кафедры"},
    )
    assert response.status_code == 302
    link = PartnerPerson.objects.get(person=person)
    assert link.agreement == agreement and link.position_at_partner == "доцент кафедры"
    assert (
        person.full_name
        in client.get(reverse("partners:agreement-detail", args=[agreement.pk])).content.decode()
    )
    card = client.get(reverse("staff:person-detail", args=[person.pk])).content.decode()
    assert agreement.partner_name in card and "доцент кафедры" in card
    bank = client.get(reverse("banks:mentor-list")).content.decode()
    assert "от партнёра" in bank


def test_a_person_of_another_school_cannot_be_marked_by_a_crafted_post(client_for, cast):
    agreement = _school_agreement(cast)
    stranger = f.person(cast.other_school)
    client_for("curator").post(
        reverse("partners:person-add", args=[agreement.pk]), {"person": stranger.pk, "role": "mentor"}
    )
    assert not PartnerPerson.objects.exists()
    with pytest.raises(DomainError):
        services.partner_person_add(agreement=agreement, person=stranger, role="mentor", user=cast.curator)


def test_a_person_works_at_one_partner_only(cast):
    first = _school_agreement(cast)
    second = _school_agreement(
        cast, partner_name="Работодатель", partner_kind=PartnerKind.EMPLOYER, number="3"
    )
    person = f.person(cast.school)
    services.partner_person_add(agreement=first, person=person, role="curator", user=cast.curator)
    with pytest.raises(DomainError):
        services.partner_person_add(agreement=second, person=person, role="mentor", user=cast.curator)
    assert PartnerPerson.objects.get(person=person).agreement == first


def test_nobody_is_marked_under_an_expired_agreement(cast):
    agreement = _school_agreement(cast, signed_on=date(2023, 9, 1), ends_on=date(2024, 6, 30))
    with pytest.raises(DomainError):
        services.partner_person_add(
            agreement=agreement, person=f.person(cast.school), role="mentor", user=cast.curator
        )


def test_people_are_not_marked_under_a_municipal_agreement(cast):
    agreement = _municipal_agreement(cast)
    with pytest.raises(DomainError):
        services.partner_person_add(
            agreement=agreement, person=f.person(cast.school), role="mentor", user=cast.municipal
        )


def test_the_coordinator_never_sees_the_people_of_a_school(client_for, cast):
    agreement = _school_agreement(cast)
    person = f.person(cast.school, last_name="Абрамова")
    services.partner_person_add(agreement=agreement, person=person, role="mentor", user=cast.curator)
    # The school's agreement does not exist for the coordinator; the municipal one lists nobody.
    assert (
        client_for("municipal").get(reverse("partners:agreement-detail", args=[agreement.pk])).status_code
        == 404
    )


@pytest.mark.parametrize("who", ["mentor", "other_curator", "municipal"])
def test_only_the_managers_mark_and_unmark_people(client_for, cast, who):
    agreement = _school_agreement(cast)
    person = f.person(cast.school)
    services.partner_person_add(agreement=agreement, person=person, role="mentor", user=cast.curator)
    response = client_for(who).post(reverse("partners:person-remove", args=[agreement.pk, person.pk]))
    assert response.status_code in (403, 404)
    assert PartnerPerson.objects.filter(person=person).exists()
    client_for("curator").post(reverse("partners:person-remove", args=[agreement.pk, person.pk]))
    assert not PartnerPerson.objects.filter(person=person).exists()


def test_erasure_and_subject_data_cover_the_partner_link(cast):
    agreement = _school_agreement(cast)
    person = f.person(cast.school)
    services.partner_person_add(
        agreement=agreement, person=person, role="mentor", position_at_partner="доцент", user=cast.curator
    )
    (section,) = sections(person=person)
    assert section.rows == [
        [agreement.partner_name, "№ 12/НП от 01.09.2025", "наставник от организации-партнёра", "доцент"]
    ]
    result = erasure.erase(person=person, user=None)
    assert result.destroyed == [("сведения о работе в организации-партнёре", 1)]
    assert not PartnerPerson.objects.filter(person=person).exists()
    assert CooperationAgreement.objects.filter(pk=agreement.pk).exists()
