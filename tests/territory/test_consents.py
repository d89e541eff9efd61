from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.core.exceptions import DomainError
from apps.staff import services
from apps.staff.models import DisclosureConsent
from tests.factories import pairs as f
from tests.factories import territory as tf

pytestmark = pytest.mark.django_db


def test_second_active_consent_of_the_same_kind_is_refused(cast):
    person = f.person(cast.school)
    tf.consent(person)
    with pytest.raises(DomainError, match="уже действует"):
        tf.consent(person)


def test_consent_dated_in_the_future_is_refused(cast):
    with pytest.raises(DomainError) as error:
        tf.consent(f.person(cast.school), signed_on=timezone.localdate() + timedelta(days=1))
    assert error.value.field == "signed_on"


def test_after_withdrawal_a_new_consent_can_be_given(cast):
    person = f.person(cast.school)
    services.disclosure_consent_withdraw(consent=tf.consent(person), user=cast.curator)
    assert tf.consent(person).is_active


def test_curator_records_and_withdraws_through_the_page(client_for, cast):
    person = f.person(cast.school, last_name="Зайцева")
    client = client_for("curator")
    response = client.post(
        reverse("territory:consent-list"),
        {"person": person.pk, "kind": DisclosureConsent.Kind.PUBLICATION, "signed_on": "2026-09-10"},
    )
    assert response.status_code == 302
    consent = DisclosureConsent.objects.get(person=person)
    client.post(reverse("territory:consent-withdraw", args=[consent.pk]))
    consent.refresh_from_db()
    assert consent.withdrawn_on is not None


def test_person_of_another_school_cannot_be_chosen(client_for, cast):
    stranger = f.person(cast.other_school)
    response = client_for("curator").post(
        reverse("territory:consent-list"),
        {"person": stranger.pk, "kind": "publication", "signed_on": "2026-09-10"},
    )
    assert response.status_code == 200 and "person" in response.context["form"].errors


def test_consent_of_another_school_is_404_and_mentor_gets_403(client_for, cast):
    consent = tf.consent(f.person(cast.other_school), signed_on=date(2026, 9, 1))
    assert (
        client_for("curator").post(reverse("territory:consent-withdraw", args=[consent.pk])).status_code
        == 404
    )
    assert client_for("mentor").get(reverse("territory:consent-list")).status_code == 403
