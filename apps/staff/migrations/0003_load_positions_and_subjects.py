"""Load the nomenclature of positions (ПП РФ № 225 of 21.02.2022 and management positions) and the
subjects from fixtures/, so every database has them. Safe on a database that already has some rows:
rows are matched by name; the reverse removes the rows that nobody refers to."""

import json
from pathlib import Path

from django.core.management.color import no_style
from django.db import migrations

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"


def _rows(name: str) -> list[dict]:
    with open(FIXTURES / name, encoding="utf-8") as f:
        return [row["fields"] for row in json.load(f)]


def load(apps, schema_editor):
    Position = apps.get_model("staff", "Position")
    Subject = apps.get_model("staff", "Subject")
    for fields in _rows("positions.json"):
        Position.objects.update_or_create(name=fields["name"], defaults=fields)
    for fields in _rows("subjects.json"):
        Subject.objects.update_or_create(name=fields["name"], defaults=fields)
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Position, Subject]):
            cursor.execute(sql)


def unload(apps, schema_editor):
    Position = apps.get_model("staff", "Position")
    Subject = apps.get_model("staff", "Subject")
    Position.objects.filter(
        name__in=[f["name"] for f in _rows("positions.json")], people__isnull=True
    ).delete()
    Subject.objects.filter(name__in=[f["name"] for f in _rows("subjects.json")], people__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("staff", "0002_destruction_act_subject_kind_name_trigram")]

    operations = [migrations.RunPython(load, unload)]
