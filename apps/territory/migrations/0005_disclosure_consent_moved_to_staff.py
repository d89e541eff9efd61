"""The disclosure consent is the staff registry's now (``staff.0006``, which took the table): it leaves
territory's state only, the table and its rows stay."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("territory", "0004_free_text_fields_bounded"),
        ("staff", "0006_disclosure_consent_moved_from_territory"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="DisclosureConsent")],
            database_operations=[],
        ),
    ]
