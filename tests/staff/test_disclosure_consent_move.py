"""The disclosure consent moved from territory to the staff registry (migrations staff.0006 and
territory.0005): a database at the old state keeps its rows, the table takes staff's name, and the
content type (with its permissions) follows the model. A fresh database is migrated by the test run
itself."""

from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from apps.staff.models import DisclosureConsent
from tests.factories.staff import PersonFactory

BEFORE = [("staff", "0005_free_text_fields_bounded"), ("territory", "0004_free_text_fields_bounded")]


def _newest() -> list[tuple[str, str]]:
    """Every app's newest migration: going back to BEFORE also unapplied the later migrations of staff and
    of the apps that depend on it, and the tests that follow on this worker need all of them."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    ContentType.objects.clear_cache()
    return MigrationExecutor(connection)  # the graph as the database now is


@pytest.mark.django_db(transaction=True)
def test_upgrading_a_database_keeps_the_disclosure_consents():
    person = PersonFactory()
    content_type = ContentType.objects.get_for_model(DisclosureConsent)
    permissions = set(Permission.objects.filter(content_type=content_type).values_list("codename", flat=True))
    assert len(permissions) == 4
    try:
        executor = _migrate(BEFORE)
        assert "territory_disclosureconsent" in connection.introspection.table_names()
        assert ContentType.objects.get(pk=content_type.pk).app_label == "territory"
        old = executor.loader.project_state(BEFORE).apps.get_model("territory", "DisclosureConsent")
        row = old.objects.create(person_id=person.pk, kind="transfer", signed_on=date(2026, 9, 5))
    finally:
        executor = _migrate(_newest())
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []  # nothing left unapplied

    tables = connection.introspection.table_names()
    assert "staff_disclosureconsent" in tables and "territory_disclosureconsent" not in tables
    consent = DisclosureConsent.objects.get(pk=row.pk)
    assert (consent.person, consent.kind, consent.signed_on) == (person, "transfer", date(2026, 9, 5))
    moved = ContentType.objects.get(pk=content_type.pk)
    assert (moved.app_label, moved.model) == ("staff", "disclosureconsent")
    assert (
        set(Permission.objects.filter(content_type=moved).values_list("codename", flat=True)) == permissions
    )
    # The identity goes on after the rows that came over.
    assert (
        DisclosureConsent.objects.create(person=person, kind="publication", signed_on=date(2026, 9, 5)).pk
        > row.pk
    )
