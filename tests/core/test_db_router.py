"""The replica router (apps/core/db_router.py): reads of figures go to the replica only inside the
replica scope, outside transactions, never for sign-in data, and never for a user who has just written;
writes always go to the primary; without DATABASE_REPLICA_URL nothing is routed.

In tests the alias ``replica`` mirrors the test database (mentoring_portal/scaleout.py), so the
queries each alias receives can be counted with one PostgreSQL."""

import pytest
from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.accounts.models import Membership, User
from apps.audit.models import AccessEvent
from apps.core.db_router import (
    PRIMARY_COOKIE,
    ROUTER_PATH,
    PrimaryAfterWriteMiddleware,
    ReplicaRouter,
    read_alias,
    reads_from_replica,
    replica_reads,
)
from apps.organizations.models import Organization
from apps.programs.models import Program

ROUTER = ReplicaRouter()
BOTH = ["default", "replica"]


@pytest.fixture
def routed(settings, db):
    """The router installed, as with DATABASE_REPLICA_URL. The mirror is a connection of its own, which
    would not see the test's uncommitted data: here it speaks through the primary's session (the
    queries are still counted per alias), instead of committing and flushing in every test."""
    settings.DATABASE_ROUTERS = [ROUTER_PATH]
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "apps.core.db_router.PrimaryAfterWriteMiddleware"]
    primary, replica = connections["default"], connections["replica"]
    primary.ensure_connection()
    replica.connection, replica.autocommit = primary.connection, True
    yield
    replica.connection = None


def test_outside_the_scope_every_read_goes_to_the_primary():
    assert ROUTER.db_for_read(Organization) == "default"
    assert ROUTER.db_for_read(Program) == "default"


def test_inside_the_scope_the_figures_are_read_from_the_replica():
    with replica_reads():
        assert ROUTER.db_for_read(Organization) == "replica"
        assert ROUTER.db_for_read(Program) == "replica"


def test_sign_in_sessions_memberships_and_audit_are_read_from_the_primary_even_in_the_scope():
    from django.contrib.sessions.models import Session

    with replica_reads():
        for model in (User, Membership, Session, AccessEvent):
            assert ROUTER.db_for_read(model) == "default", model


def test_a_scope_opened_for_a_writing_request_reads_the_primary():
    with replica_reads(False):
        assert ROUTER.db_for_read(Organization) == "default"


@pytest.mark.django_db(databases=BOTH)
def test_inside_a_transaction_the_primary_is_read():
    with replica_reads(), transaction.atomic():
        assert ROUTER.db_for_read(Organization) == "default"


def test_writes_go_to_the_primary_in_the_scope_too():
    with replica_reads():
        assert ROUTER.db_for_write(Organization) == "default"
        assert ROUTER.db_for_write(AccessEvent) == "default"


def test_nothing_is_migrated_on_the_replica():
    assert ROUTER.allow_migrate("replica", "organizations") is False
    assert ROUTER.allow_migrate("default", "organizations") is True


def test_without_a_configured_replica_the_scope_changes_nothing(settings):
    assert settings.DATABASE_ROUTERS == []  # no DATABASE_REPLICA_URL in tests
    with replica_reads():
        assert read_alias() == "default"


@pytest.mark.django_db(databases=BOTH)
def test_read_alias_follows_the_router(routed):
    assert read_alias() == "default"
    with replica_reads():
        assert read_alias() == "replica"
        with transaction.atomic():
            assert read_alias() == "default"


@pytest.mark.django_db(databases=BOTH)
def test_queries_in_the_scope_reach_the_replica_connection(routed, cast):
    with CaptureQueriesContext(connections["replica"]) as replica:
        assert Organization.objects.filter(pk=cast.school.pk).exists()
    assert len(replica) == 0
    with replica_reads(), CaptureQueriesContext(connections["replica"]) as replica:
        assert Organization.objects.filter(pk=cast.school.pk).exists()
    assert len(replica) == 1


def _replica_sql(client, url, **extra):
    with (
        CaptureQueriesContext(connections["replica"]) as replica,
        CaptureQueriesContext(connections["default"]) as primary,
    ):
        response = client.get(url, **extra)
    assert response.status_code == 200
    return [q["sql"] for q in replica], [q["sql"] for q in primary]


@pytest.mark.django_db(databases=BOTH)
def test_the_territory_page_reads_its_figures_from_the_replica_and_the_user_from_the_primary(
    routed, cast, client
):
    client.force_login(cast.municipal)
    on_replica, on_primary = _replica_sql(client, reverse("territory:overview"))
    assert any('FROM "organizations_organization"' in sql for sql in on_replica)
    assert not any('"accounts_user"' in sql.split("WHERE")[0] for sql in on_replica)
    assert any('FROM "django_session"' in sql for sql in on_primary)


@pytest.mark.django_db(databases=BOTH)
def test_a_page_outside_the_scope_reads_only_the_primary(routed, cast, client):
    client.force_login(cast.municipal)
    on_replica, _ = _replica_sql(client, reverse("accounts:dashboard"))
    assert on_replica == []


@pytest.mark.django_db(databases=BOTH)
def test_after_her_own_write_the_user_reads_the_primary_for_a_while(routed, cast, client):
    client.force_login(cast.municipal)
    response = client.post(reverse("territory:overview"))  # any POST: the cookie comes with its answer
    assert PRIMARY_COOKIE in response.cookies
    assert response.cookies[PRIMARY_COOKIE]["httponly"]
    on_replica, _ = _replica_sql(client, reverse("territory:overview"))
    assert on_replica == []
    client.cookies.pop(PRIMARY_COOKIE)
    on_replica, _ = _replica_sql(client, reverse("territory:overview"))
    assert on_replica


def test_a_reading_request_leaves_no_cookie(rf, settings):
    settings.REPLICA_PRIMARY_AFTER_WRITE_SECONDS = 10
    from django.http import HttpResponse

    middleware = PrimaryAfterWriteMiddleware(lambda request: HttpResponse())
    assert PRIMARY_COOKIE not in middleware(rf.get("/")).cookies
    assert middleware(rf.post("/")).cookies[PRIMARY_COOKIE]["max-age"] == 10


@pytest.mark.django_db(databases=BOTH)
def test_the_audit_of_a_report_in_the_scope_is_written_to_the_primary(routed, cast, client, year):
    client.force_login(cast.director)
    with CaptureQueriesContext(connections["replica"]) as replica:
        response = client.get(reverse("monitoring:annual-report", args=["xlsx"]))
    assert response.status_code == 200
    assert not any(q["sql"].startswith("INSERT") for q in replica)
    assert AccessEvent.objects.using("default").filter(url_name="monitoring:annual-report").exists()


def test_the_view_decorator_keeps_the_view_itself():
    @reads_from_replica
    def page(request):
        """A page."""

    assert page.__name__ == "page" and page.__doc__ == "A page."


@pytest.mark.django_db(databases=BOTH)
def test_the_municipality_page_reads_from_the_replica_and_after_her_write_from_the_primary(
    routed, cast, client, municipality
):
    client.force_login(cast.municipal)
    url = reverse("territory:municipal-detail", args=[municipality.pk])
    on_replica, on_primary = _replica_sql(client, url)
    assert any('FROM "organizations_municipality"' in sql for sql in on_replica)
    assert any('FROM "territory_' in sql for sql in on_replica)
    assert not any('"accounts_user"' in sql.split("WHERE")[0] for sql in on_replica)
    assert any('FROM "django_session"' in sql for sql in on_primary)
    assert PRIMARY_COOKIE in client.post(url).cookies  # any POST (here refused: 405) counts as a write
    on_replica, on_primary = _replica_sql(client, url)
    assert on_replica == [] and any('FROM "territory_' in sql for sql in on_primary)
