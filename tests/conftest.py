"""The cast of people every test can use, and the test-only settings.

Two schools in one municipality (``school`` and ``other_school``) and one school in another
municipality (``far_school``) of the same region: enough to test every scope boundary.
"""

from types import SimpleNamespace

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from pytest_django.plugin import blocking_manager_key

from apps.accounts.models import Role
from tests import seeding
from tests.factories.accounts import UserFactory
from tests.factories.organizations import (
    AcademicYearFactory,
    MunicipalityFactory,
    OrganizationFactory,
    RegionFactory,
)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed test says how to run it again with the same data (and, for the whole run, the same order)."""
    report = yield
    if report.failed and isinstance(item.config.getoption("randomly_seed", default=None), int):
        run_seed = item.config.getoption("randomly_seed", default=None)
        report.sections.append(
            (
                "Test data seed",
                f"run seed {run_seed}; this test's data: seed {seeding.data_seed(item.config, item.nodeid)}.\n"
                f"This test alone, same data:  make test PYTEST_ARGS=\"--randomly-seed={run_seed} '{item.nodeid}'\"\n"
                f"The whole run in the same order, one process:  "
                f".venv/bin/python -m pytest -p no:xdist --randomly-seed={run_seed} -m 'not e2e and not cluster'",
            )
        )
    return report


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The rows the migrations install (positions, subjects, questionnaires…), kept as a string: a
    transactional test flushes the database when it ends, and the next test of the worker must find
    them again whatever the order (see ``pytest_runtest_teardown``)."""
    with django_db_blocker.unblock():
        connection = connections[DEFAULT_DB_ALIAS]
        if not getattr(connection, "_test_serialized_contents", None):
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    flag = marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0]))
    return bool(flag) or bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test has flushed the database, put the migrations' rows back and commit.
    Not after the worker's last test: its teardown has dropped the test database already."""
    result = yield
    contents = getattr(connections[DEFAULT_DB_ALIAS], "_test_serialized_contents", None)
    if contents and nextitem is not None and _is_transactional(item):
        with item.config.stash[blocking_manager_key].unblock():
            # The flush emitted post_migrate, whose receivers (the portal administrators' group, a test that
            # ran migrations itself) may have written rows again: empty the tables once more, silently,
            # so that the snapshot goes back into empty tables.
            call_command(
                "flush", verbosity=0, interactive=False, database=DEFAULT_DB_ALIAS, inhibit_post_migrate=True
            )
            connections[DEFAULT_DB_ALIAS].creation.deserialize_db_from_string(contents)
    return result


@pytest.fixture(autouse=True, scope="module")
def _module_data(request):
    """Data built once per module is drawn from the module's own seed, whichever of its tests runs first."""
    seed = seeding.data_seed(request.config, request.node.nodeid)
    if seed is not None:
        seeding.reseed(seed)
    seeding.reset_sequences(seeding.MODULE_BASE)


@pytest.fixture(autouse=True)
def _test_data(request, _module_data):
    """Each test starts from its own seed, fresh factory sequences and empty caches, whatever ran before."""
    seed = seeding.data_seed(request.config, request.node.nodeid)
    if seed is not None:
        seeding.reseed(seed)
    seeding.reset_sequences(0)
    for alias in caches:
        caches[alias].clear()


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
def cast(school, other_school, far_school, municipality, far_municipality, region, year, alien):
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
        # Added for the permission matrix (issue 12 item 10): each is a boundary of its own.
        other_mentee=UserFactory(username="other_mentee", roles=[(Role.MENTEE, other_school)]),
        # A former curator of ``school``: the membership is kept but no longer active (like ``nobody``).
        inactive_member=_inactive(UserFactory(username="inactive_member", roles=[(Role.CURATOR, school)])),
        # A mentor of ``school``; memberships are not year-scoped, so the past year is in the records: the
        # trust world gives this mentor a bank entry of the last academic year only.
        past_mentor=UserFactory(username="past_mentor", roles=[(Role.MENTOR, school)]),
        # Another region («Ямало-Ненецкий автономный округ»): a curator of its school and its regional operator.
        alien_curator=UserFactory(username="alien_curator", roles=[(Role.CURATOR, alien.school)]),
        alien_regional=UserFactory(username="alien_regional", roles=[(Role.REGIONAL, alien.region)]),
        # A teacher of ``other_school``; the trust world makes him the distance mentor of a pair of ``school``.
        distance_mentor=UserFactory(
            username="distance_mentor", last_name="Дюма", roles=[(Role.MENTOR, other_school)]
        ),
        # A staff account (``is_staff``) without the group «Администраторы портала» and without roles.
        staff_user=UserFactory(username="staff_user", is_staff=True),
        # The school's accountant: the allowance basis and nothing else about people (issue 16).
        accountant=UserFactory(
            username="accountant",
            last_name="Романова",
            first_name="Галина",
            patronymic="Борисовна",
            roles=[(Role.ACCOUNTANT, school)],
        ),
    )


def _inactive(user):
    user.memberships.update(is_active=False)
    user.__dict__.pop("active_memberships", None)
    return user


@pytest.fixture
def alien(db):
    """Another region with one municipality and one school."""
    region = RegionFactory(name="Ямало-Ненецкий автономный округ")
    municipality = MunicipalityFactory(region=region, name="город Салехард")
    return SimpleNamespace(
        region=region,
        municipality=municipality,
        school=OrganizationFactory(municipality=municipality, short_name="МАОУ СОШ № 4"),
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
    "other_mentee",
    "inactive_member",
    "past_mentor",
    "alien_curator",
    "alien_regional",
    "distance_mentor",
    "staff_user",
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
