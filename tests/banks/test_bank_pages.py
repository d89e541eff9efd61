"""The pages of both banks are one code with a description per bank (apps/banks/views.py ``_Bank``):
each bank's page behaves the same way and keeps its own words."""

from dataclasses import replace

import pytest
from django.urls import reverse

from apps.banks import views
from apps.core.exceptions import DomainError
from tests.factories.banks import StaffPersonFactory, mentee, mentor
from tests.locking import opened_token

pytestmark = pytest.mark.django_db

EDIT_DATA = {
    "mentee": {"category": "young", "request": "Хочу научиться", "source": "curator", "level_subject": "2"},
    "mentor": {"max_mentees": "2", "consent_signed_on": "2026-09-15", "level_subject": "3"},
}


@pytest.fixture
def entries(cast, year):
    return {"mentee": mentee(cast.school, year), "mentor": mentor(cast.school, year, status="candidate")}


@pytest.mark.parametrize("bank", ["mentee", "mentor"])
def test_a_saved_entry_goes_back_to_its_own_banks_page_with_its_own_words(client_for, entries, bank):
    entry = entries[bank]
    url = reverse(f"banks:{bank}-edit", args=[entry.pk])
    client = client_for("curator")
    response = client.post(url, {**EDIT_DATA[bank], "lock_token": opened_token(client, url)}, follow=True)
    assert response.redirect_chain[-1][0] == reverse(f"banks:{bank}-detail", args=[entry.pk])
    words = {
        "mentee": "Запись банка наставляемых сохранена.",
        "mentor": "Запись банка наставников сохранена.",
    }
    assert words[bank] in response.content.decode()


@pytest.mark.parametrize(
    ("bank", "field"), [("mentee", "request"), ("mentor", "motivation"), ("mentor", None)]
)
def test_a_refusal_of_the_service_is_shown_on_the_form(client_for, entries, monkeypatch, bank, field):
    def refuse(**kwargs):
        raise DomainError("Отказано правилом.", field=field)

    described = {"mentee": "MENTEE", "mentor": "MENTOR"}[bank]
    monkeypatch.setattr(views, described, replace(getattr(views, described), update=refuse))
    url = reverse(f"banks:{bank}-edit", args=[entries[bank].pk])
    client = client_for("curator")
    response = client.post(url, {**EDIT_DATA[bank], "lock_token": opened_token(client, url)})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {field or "__all__": ["Отказано правилом."]}


@pytest.mark.parametrize("bank", ["mentee", "mentor"])
def test_the_create_page_offers_only_people_not_yet_in_that_bank(client_for, cast, year, entries, bank):
    newcomer = StaffPersonFactory(organization=cast.school)
    response = client_for("curator").get(reverse(f"banks:{bank}-create"))
    offered = set(response.context["form"].fields["person"].queryset)
    assert newcomer in offered
    assert entries[bank].person not in offered
    other = "mentor" if bank == "mentee" else "mentee"
    assert entries[other].person in offered  # in the other bank only: may enter this one too
