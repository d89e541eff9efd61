"""A double tap on the consent form records one consent (issue «Trust, tried from outside», 9)."""

import pytest
from django.urls import reverse

from apps.core.idempotency import TOKEN_FIELD
from apps.staff.models import PersonalDataConsent
from tests.factories.staff import PersonFactory
from tests.one_shot import form_token, told_repeated
from tests.staff.test_consents import paper_post

pytestmark = pytest.mark.django_db


def test_two_taps_on_record_consent_record_one(client_for, cast):
    person = PersonFactory(organization=cast.school, last_name="Гусев", first_name="Лев")
    client = client_for("curator")
    url = reverse("staff:consent-create", args=[person.pk])
    token = form_token(client, url)
    first = client.post(url, {**paper_post(), TOKEN_FIELD: token})
    second = client.post(url, {**paper_post(), TOKEN_FIELD: token})  # the browser sends the scan again
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert PersonalDataConsent.objects.filter(person=person).count() == 1
    assert told_repeated(second)
