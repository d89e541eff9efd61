"""The cast of people every test can use, and the test-only settings.

Two schools in one municipality (``school`` and ``other_school``) and one school in another
municipality (``far_school``) of the same region: enough to test every scope boundary.
"""

from types import SimpleNamespace

import pytest

from apps.accounts.models import Role
from tests.factories.accounts import UserFactory
from tests.factories.organizations import (
    AcademicYearFactory,
    MunicipalityFactory,
    OrganizationFactory,
    RegionFactory,
)


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Territory figures are computed afresh in every test (tests/core/test_cache.py tests the cache).
    settings.CACHES = {
        **settings.CACHES,
        "aggregates": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
    # Tasks run at once in tests; tests of the worker switch to the database backend themselves.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # Rate-limit counters live in the default cache: every test starts with none.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def region(db):
    return RegionFactory(name="Ханты-Мансийский автономный округ — Югра")


@pytest.fixture
def municipality(region):
    return MunicipalityFactory(region=region, name="город Сургут")


@pytest.fixture
def far_municipality(region):
    return MunicipalityFactory(region=region, name="город Нефтеюганск")


@pytest.fixture
def school(municipality):
    return OrganizationFactory(municipality=municipality, short_name="МБОУ СОШ № 7")


@pytest.fixture
def other_school(municipality):
    return OrganizationFactory(municipality=municipality, short_name="МБОУ Гимназия № 2")


@pytest.fixture
def far_school(far_municipality):
    return OrganizationFactory(municipality=far_municipality, short_name="НГ МБОУ СОШ № 1")


@pytest.fixture
def year(db):
    return AcademicYearFactory(start_year=2026, is_current=True)


@pytest.fixture
def cast(school, other_school, far_school, municipality, far_municipality, region, year):
    """One user per role in ``school``, plus outsiders. Attribute names are the role names."""
    return SimpleNamespace(
        school=school,
        other_school=other_school,
        far_school=far_school,
        admin=UserFactory(username="admin", roles=[(Role.ADMIN, None)]),
        director=UserFactory(
            username="director",
            last_name="Кузнецова",
            first_name="Наталья",
            patronymic="Викторовна",
            roles=[(Role.DIRECTOR, school)],
        ),
        curator=UserFactory(
            username="curator",
            last_name="Соловьёва",
            first_name="Елена",
            patronymic="Петровна",
            roles=[(Role.CURATOR, school)],
        ),
        council=UserFactory(username="council", roles=[(Role.COUNCIL, school)]),
        psychologist=UserFactory(username="psychologist", roles=[(Role.PSYCHOLOGIST, school)]),
        mentor=UserFactory(
            username="mentor",
            last_name="Морозова",
            first_name="Татьяна",
            patronymic="Сергеевна",
            roles=[(Role.MENTOR, school)],
        ),
        mentee=UserFactory(
            username="mentee",
            last_name="Васильев",
            first_name="Артём",
            patronymic="Дмитриевич",
            roles=[(Role.MENTEE, school)],
        ),
        two_roles=UserFactory(username="two_roles", roles=[(Role.MENTOR, school), (Role.MENTEE, school)]),
        other_curator=UserFactory(username="other_curator", roles=[(Role.CURATOR, other_school)]),
        other_director=UserFactory(username="other_director", roles=[(Role.DIRECTOR, other_school)]),
        other_teacher=UserFactory(username="other_teacher", roles=[(Role.MENTOR, other_school)]),
        far_curator=UserFactory(username="far_curator", roles=[(Role.CURATOR, far_school)]),
        municipal=UserFactory(username="municipal", roles=[(Role.MUNICIPAL, municipality)]),
        far_municipal=UserFactory(username="far_municipal", roles=[(Role.MUNICIPAL, far_municipality)]),
        regional=UserFactory(username="regional", roles=[(Role.REGIONAL, region)]),
        nobody=UserFactory(username="nobody"),
    )


ALL_ROLES = [
    "admin",
    "director",
    "curator",
    "council",
    "psychologist",
    "mentor",
    "mentee",
    "two_roles",
    "other_curator",
    "other_director",
    "other_teacher",
    "far_curator",
    "municipal",
    "far_municipal",
    "regional",
    "nobody",
]


@pytest.fixture
def client_for(client, cast):
    """client_for("curator") → a test client signed in as that member of the cast (None: anonymous)."""

    def make(name: str | None):
        client.logout()
        if name is not None:
            client.force_login(getattr(cast, name))
        return client

    return make
