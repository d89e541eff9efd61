"""The Regulation's model text grows from 8 sections to the full text of seeds 000, 001 and 002
(``apps/territory/regulation_model.txt``). Each editable draft gets one new version: a section the school
never edited (equal to the old model text filled with the card) is replaced by the sections of the new
model that cover it; a section the school edited is kept as it is, and the new model sections of its
part are then offered in the editor (``missing_model_sections``). Approved editions and drafts whose
approving order awaits signature are not touched. Versions are never changed or deleted, so there is
nothing to reverse: the earlier version stays the previous one."""

from django.db import migrations

from apps.territory.regulation_model_v1 import upgraded


def forward(apps, schema_editor):
    Regulation = apps.get_model("territory", "Regulation")
    RegulationVersion = apps.get_model("territory", "RegulationVersion")
    drafts = Regulation.objects.filter(status="draft").select_related("organization", "order")
    for regulation in drafts:
        if regulation.order_id and regulation.order.status != "draft":
            continue  # the director is looking at this very text: it changes only after a return
        latest = RegulationVersion.objects.filter(regulation=regulation).order_by("-number").first()
        if latest is None:
            continue
        sections = upgraded(latest.sections, regulation.organization)
        if sections is None:
            continue
        RegulationVersion.objects.create(
            regulation=regulation,
            number=latest.number + 1,
            sections=sections,
            note="Разделы примерного текста, не изменённые организацией, заменены полным примерным текстом",
            author=None,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("territory", "0005_disclosure_consent_moved_to_staff"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
