"""A double tap on a bank's form adds one entry (issue «Trust, tried from outside», 9)."""

import pytest
from django.urls import reverse

from apps.banks.models import MenteeEntry
from tests.factories.banks import StaffPersonFactory
from tests.one_shot import form_token, post_twice, told_repeated

pytestmark = pytest.mark.django_db


def test_two_taps_on_add_mentee_add_one_entry(client_for, cast, year):
    person = StaffPersonFactory(organization=cast.school)
    client = client_for("curator")
    token = form_token(client, reverse("banks:mentee-create"))
    data = {
        "person": person.pk,
        "category": MenteeEntry.Category.NON_PEDAGOGICAL,
        "request": "Освоить методику преподавания",
        "source": MenteeEntry.Source.ATTESTATION,
        "level_methodical": "3",
    }
    first, second = post_twice(client, reverse("banks:mentee-create"), data, token)
    entry = MenteeEntry.objects.get(person=person)
    assert second["Location"] == first["Location"] == reverse("banks:mentee-detail", args=[entry.pk])
    assert told_repeated(second)
