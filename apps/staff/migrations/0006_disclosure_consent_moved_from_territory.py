"""The disclosure consent (152-ФЗ ст. 10.1, ТК РФ ст. 88) moves from the territory app to the staff
registry, beside the consent to processing, without losing a row: the model enters staff's state on
the existing table, which is then renamed ``staff_disclosureconsent``; territory drops it from its
state only (``territory.0005``). The content type (and so its permissions) follows the model."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _relabel(apps, schema_editor, *, old: str, new: str) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    types = content_type.objects.using(schema_editor.connection.alias)
    if types.filter(app_label=new, model="disclosureconsent").exists():
        return
    types.filter(app_label=old, model="disclosureconsent").update(app_label=new)


def content_type_to_staff(apps, schema_editor):
    _relabel(apps, schema_editor, old="territory", new="staff")


def content_type_to_territory(apps, schema_editor):
    _relabel(apps, schema_editor, old="staff", new="territory")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("staff", "0005_free_text_fields_bounded"),
        ("territory", "0004_free_text_fields_bounded"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="DisclosureConsent",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="создано")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="изменено")),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    (
                                        "publication",
                                        "публикация на странице «Наставничество» сайта организации",
                                    ),
                                    (
                                        "transfer",
                                        "передача сведений муниципалитету, региону и другим организациям региона",
                                    ),
                                ],
                                max_length=20,
                                verbose_name="вид согласия",
                            ),
                        ),
                        ("signed_on", models.DateField(verbose_name="дата согласия")),
                        ("withdrawn_on", models.DateField(blank=True, null=True, verbose_name="дата отзыва")),
                        (
                            "person",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="disclosure_consents",
                                to="staff.person",
                                verbose_name="педагог",
                            ),
                        ),
                        (
                            "recorded_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "согласие на распространение персональных данных",
                        "verbose_name_plural": "согласия на распространение персональных данных",
                        "ordering": ["person__last_name", "person__first_name", "kind"],
                        "db_table": "territory_disclosureconsent",
                        "constraints": [
                            models.UniqueConstraint(
                                condition=models.Q(("withdrawn_on__isnull", True)),
                                fields=("person", "kind"),
                                name="disclosure_one_active_per_kind",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("withdrawn_on__isnull", True),
                                    ("withdrawn_on__gte", models.F("signed_on")),
                                    _connector="OR",
                                ),
                                name="disclosure_withdrawn_after_signed",
                            ),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        # The real operation: the table takes staff's name (its rows, constraints and indexes stay).
        migrations.AlterModelTable(name="disclosureconsent", table=None),
        migrations.RunPython(content_type_to_staff, content_type_to_territory),
    ]
