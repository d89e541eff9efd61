"""The benchmark's read-only connection (bench/readonly.py): it reads a database seeded for other runs
and must leave it as it was (issue 18, the comparison of scale 1 and scale 10)."""

import pytest
from django.db import DatabaseError, connection, connections

from bench.readonly import SHADOWED, check_read_only, shadow

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def reader():
    wrapper = connections.create_connection("default")
    shadow(wrapper)
    yield wrapper
    wrapper.close()


def test_a_write_to_a_table_of_the_database_is_refused(reader):
    check_read_only(reader)
    with pytest.raises(DatabaseError, match="read-only"), reader.cursor() as cursor:
        cursor.execute(
            "INSERT INTO organizations_region (created_at, updated_at, name) VALUES (now(), now(), 'x')"
        )
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM organizations_region WHERE name = 'x'")
        assert cursor.fetchone()[0] == 0


def test_what_a_page_writes_goes_to_private_tables_and_leaves_the_database_as_it_was(reader):
    with reader.cursor() as cursor:
        cursor.execute(
            "INSERT INTO django_session (session_key, session_data, expire_date) VALUES ('k', 'd', now())"
        )
        cursor.execute("SELECT count(*) FROM django_session WHERE session_key = 'k'")
        assert cursor.fetchone()[0] == 1
    with connection.cursor() as cursor:  # another connection: the database's own table
        cursor.execute("SELECT count(*) FROM django_session WHERE session_key = 'k'")
        assert cursor.fetchone()[0] == 0
    assert "monitoring_territoryfigures" in SHADOWED and "audit_accessevent" in SHADOWED


def test_a_connection_made_again_is_not_taken_for_the_read_only_one(reader):
    with pytest.raises(RuntimeError, match="no longer read-only"):
        check_read_only(connection)


def test_a_shadowed_table_the_database_has_not_got_is_made_from_its_model():
    """The scale databases were seeded before the kept workbooks' migration: their temporary copy is made
    from the model, with the migrated table's columns, and takes a row the database never sees."""
    from bench.readonly import temporary_table_sql

    assert "territory_keptworkbook" in SHADOWED
    columns = """SELECT column_name, data_type, is_nullable, is_identity FROM information_schema.columns
                 WHERE table_name = 'territory_keptworkbook' AND table_schema {} ORDER BY column_name"""
    with connection.cursor() as cursor:
        cursor.execute(columns.format("= 'public'"))
        migrated = cursor.fetchall()
    wrapper = connections.create_connection("default")
    try:
        with wrapper.cursor() as cursor:
            cursor.execute(temporary_table_sql(wrapper, "territory_keptworkbook"))
            cursor.execute(columns.format("LIKE 'pg_temp%%'"))
            assert cursor.fetchall() == migrated
            cursor.execute(
                "INSERT INTO territory_keptworkbook (year_id, region_id, content, computed_at) "
                "VALUES (1, 1, 'x', now()) RETURNING id"
            )
            assert cursor.fetchone()[0] == 1
    finally:
        wrapper.close()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM territory_keptworkbook")
        assert cursor.fetchone()[0] == 0
