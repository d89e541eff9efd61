"""The administrator's list of every order reads its page and its years by this index (issue 18)."""

from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY: orders can still be signed while it is built

    dependencies = [
        ("orders", "0006_signed_order_content_sha256"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="order",
            index=models.Index(fields=["year", "number", "created_at"], name="order_list_order_idx"),
        ),
    ]
