"""The readable address of the public page: /public/<slug>/nastavnichestvo/, the old one redirects."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from apps.core.translit import slug_from
from apps.organizations.models import Organization
from tests.factories.organizations import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_slug_is_transliterated_from_the_short_name():
    assert slug_from("МБОУ СОШ № 7") == "mbou-sosh-7"
    assert slug_from("МБОУ Гимназия № 2") == "mbou-gimnaziya-2"
    assert (
        slug_from("МАУ ДО «Центр детского творчества „Ёлочка“»")
        == "mau-do-tsentr-detskogo-tvorchestva-elochka"
    )
    assert slug_from("Щучья школа-интернат") == "shchuchya-shkola-internat"


def test_a_new_organisation_gets_a_unique_slug(cast, municipality, far_municipality):
    assert cast.school.slug == "mbou-sosh-7"
    same = OrganizationFactory(municipality=far_municipality, short_name="МБОУ СОШ № 7")
    third = OrganizationFactory(municipality=municipality, short_name="МБОУ СОШ № 7")
    assert (same.slug, third.slug) == ("mbou-sosh-7-2", "mbou-sosh-7-3")


def test_page_answers_at_the_readable_address(client_for, cast):
    url = cast.school.public_url()
    assert url == "/public/mbou-sosh-7/nastavnichestvo/"
    response = client_for(None).get(url)
    assert response.status_code == 200 and "МБОУ СОШ № 7" in response.content.decode()


def test_old_address_by_id_redirects_permanently(client_for, cast):
    response = client_for(None).get(reverse("public:page-by-id", args=[cast.school.pk]))
    assert response.status_code == 301
    assert response["Location"] == "/public/mbou-sosh-7/nastavnichestvo/"


def test_organisation_without_a_slug_still_answers_by_id(client_for, cast):
    Organization.objects.filter(pk=cast.school.pk).update(slug=None)
    school = Organization.objects.get(pk=cast.school.pk)
    assert school.public_url() == f"/public/{school.pk}/"
    assert client_for(None).get(school.public_url()).status_code == 200


def test_data_migration_fills_existing_rows_without_clashes(cast):
    Organization.objects.update(slug=None)
    migration = importlib.import_module("apps.organizations.migrations.0002_organization_public_slug")
    migration.fill_slugs(django_apps, None)
    slugs = dict(Organization.objects.values_list("short_name", "slug"))
    assert slugs["МБОУ СОШ № 7"] == "mbou-sosh-7" and slugs["МБОУ Гимназия № 2"] == "mbou-gimnaziya-2"
    assert not Organization.objects.filter(slug__isnull=True).exists()


def _card(organization, **changes):
    data = {
        "full_name": organization.full_name,
        "short_name": organization.short_name,
        "kind": organization.kind,
        "inn": organization.inn,
        "address": organization.address,
        "locality": organization.locality,
        "phone": organization.phone,
        "email": organization.email,
        "website": organization.website,
        "director_position": organization.director_position,
        "director_name": organization.director_name,
        "curator_name": organization.curator_name,
        "slug": organization.slug,
    }
    data.update(changes)
    return data


def test_director_changes_the_slug_and_the_old_slug_is_gone(client_for, cast):
    client = client_for("director")
    url = reverse("organizations:organization-edit", args=[cast.school.pk])
    assert client.post(url, _card(cast.school, slug="sosh7-surgut")).status_code == 302
    assert client_for(None).get("/public/sosh7-surgut/nastavnichestvo/").status_code == 200
    assert client_for(None).get("/public/mbou-sosh-7/nastavnichestvo/").status_code == 404
    # The address by id follows the change.
    response = client_for(None).get(reverse("public:page-by-id", args=[cast.school.pk]))
    assert response["Location"] == "/public/sosh7-surgut/nastavnichestvo/"


def test_bad_or_taken_slug_is_refused_at_the_field(client_for, cast):
    client = client_for("director")
    url = reverse("organizations:organization-edit", args=[cast.school.pk])
    page = client.post(url, _card(cast.school, slug="школа 7")).content.decode()
    assert "Только латинские буквы, цифры и дефис" in page
    page = client.post(url, _card(cast.school, slug=cast.other_school.slug)).content.decode()
    assert "Этот адрес уже занят" in page
    assert Organization.objects.get(pk=cast.school.pk).slug == "mbou-sosh-7"


def test_empty_slug_is_made_from_the_short_name(client_for, cast):
    client = client_for("director")
    url = reverse("organizations:organization-edit", args=[cast.school.pk])
    client.post(url, _card(cast.school, slug="", short_name="МБОУ Лицей № 1"))
    assert Organization.objects.get(pk=cast.school.pk).slug == "mbou-litsey-1"


def test_curator_and_other_school_cannot_edit_the_card(client_for, cast):
    url = reverse("organizations:organization-edit", args=[cast.school.pk])
    assert client_for("curator").post(url, _card(cast.school, slug="x-x")).status_code == 403
    assert client_for("other_director").post(url, _card(cast.school, slug="x-x")).status_code == 404
    assert Organization.objects.get(pk=cast.school.pk).slug == "mbou-sosh-7"
