"""An agreement is given to an edition (редакция) of the program, kept apart from the lock counter."""

from django.db import migrations, models

# The agreements given so far name the version that was the edition until now. The history triggers
# are off for this copy: it is no change of a program anybody made.
REVISION_FROM_VERSION = """
ALTER TABLE programs_program DISABLE TRIGGER USER;
UPDATE programs_program SET revision = version;
ALTER TABLE programs_program ENABLE TRIGGER USER;
"""


class Migration(migrations.Migration):
    dependencies = [("programs", "0005_free_text_fields_bounded")]

    operations = [
        migrations.RemoveConstraint(model_name="programagreement", name="program_agreement_once_per_version"),
        migrations.RenameField(model_name="programagreement", old_name="version", new_name="revision"),
        migrations.AlterField(
            model_name="programagreement",
            name="revision",
            field=models.PositiveIntegerField(verbose_name="редакция"),
        ),
        migrations.AddConstraint(
            model_name="programagreement",
            constraint=models.UniqueConstraint(
                fields=("program", "person", "revision"), name="program_agreement_once_per_revision"
            ),
        ),
        migrations.AddField(
            model_name="program",
            name="revision",
            field=models.PositiveIntegerField(default=1, verbose_name="редакция"),
        ),
        migrations.RunSQL(REVISION_FROM_VERSION, migrations.RunSQL.noop),
    ]
