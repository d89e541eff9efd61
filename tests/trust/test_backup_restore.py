"""scripts/backup.sh and scripts/restore.sh round-trip the database and the uploaded files."""

import os
import subprocess
import uuid
from pathlib import Path

import psycopg2
import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def _url(name: str) -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


def _counts(url: str) -> dict[str, int]:
    with psycopg2.connect(url) as conn, conn.cursor() as cur:
        cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        tables = [t for (t,) in cur.fetchall()]
        counts = {}
        for table in tables:
            cur.execute(f'SELECT count(*) FROM "{table}"')
            counts[table] = cur.fetchone()[0]
    conn.close()
    return counts


def _run(script: str, *args, env):
    result = subprocess.run(
        [str(ROOT / "scripts" / script), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_then_restore_into_a_fresh_database_keeps_every_row_and_file(tmp_path):
    # pg_dump sees only committed rows. A transactional test restores the reference data installed by
    # the migrations (positions, subjects, questionnaires…) and commits it, whatever test ran before
    # on this worker: an earlier transactional test flushes the database when it ends.
    media = tmp_path / "media"
    (media / "consents").mkdir(parents=True)
    (media / "consents" / "scan.pdf").write_bytes(b"%PDF-1.7 signed consent")
    source = connection.settings_dict["NAME"]
    env = {**os.environ, "DATABASE_URL": _url(source), "MEDIA_ROOT": str(media)}
    dump, archive = _run("backup.sh", str(tmp_path / "backups"), env=env)

    fresh = f"{source}_restore_{uuid.uuid4().hex[:8]}"
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", connection.settings_dict["USER"], fresh], check=True)
    try:
        restored_media = tmp_path / "restored-media"
        env = {**os.environ, "DATABASE_URL": _url(fresh), "MEDIA_ROOT": str(restored_media)}
        _run("restore.sh", dump, archive, env=env)
        before, after = _counts(_url(source)), _counts(_url(fresh))
        assert after == before and before["staff_position"] > 0 and sum(before.values()) > 100
        assert (restored_media / "consents" / "scan.pdf").read_bytes() == b"%PDF-1.7 signed consent"
        # Restoring over data is refused: a restore never mixes two databases.
        refused = subprocess.run(
            [str(ROOT / "scripts" / "restore.sh"), dump], cwd=ROOT, env=env, capture_output=True, text=True
        )
        assert refused.returncode != 0 and "not empty" in refused.stderr
    finally:
        subprocess.run(
            ["dropdb", "-h", "127.0.0.1", "-U", connection.settings_dict["USER"], "--force", fresh]
        )
