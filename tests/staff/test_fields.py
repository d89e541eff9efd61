"""apps/staff/fields.py: the one list of a registry entry's fields, and the four places that use it."""

from apps.staff import exports, imports, services
from apps.staff.fields import EXPORT_COLUMNS, FIELDS, FORM_FIELDS, IMPORT_COLUMNS, PERSON_FIELDS
from apps.staff.forms import PersonForm
from apps.staff.models import Person
from tests.factories.staff import PersonFactory
from tests.xlsx.conftest import read_response


def test_every_listed_field_is_a_field_of_the_person_and_listed_once():
    keys = [f.key for f in FIELDS]
    assert len(keys) == len(set(keys))
    assert set(keys) <= {f.name for f in Person._meta.get_fields()}


def test_the_edit_form_has_the_listed_fields_in_their_order(db, school):
    assert list(PersonForm(instance=PersonFactory(organization=school)).fields) == list(FORM_FIELDS)
    # On creation the declined forms of the name are filled from the name, not asked for.
    assert list(PersonForm().fields) == [k for k in FORM_FIELDS if not k.startswith("name_")]


def test_the_service_writes_the_listed_fields_but_the_many_to_many_subjects():
    assert services.PERSON_FIELDS == PERSON_FIELDS
    assert "subjects" not in PERSON_FIELDS
    assert [k for k in FORM_FIELDS if k != "subjects"] == list(PERSON_FIELDS)


def test_the_export_has_a_column_per_titled_field_then_the_consent():
    assert [c.title for c in exports.COLUMNS] == [
        *(f.title for f in FIELDS if f.title),
        "Согласие на обработку ПДн",
    ]


def test_the_import_template_has_the_imported_columns_in_the_same_order(db):
    assert [c.key for c in imports.COLUMNS] == [f.key for f in IMPORT_COLUMNS]
    assert [f.key for f in IMPORT_COLUMNS] == [f.key for f in EXPORT_COLUMNS if f.key != "left_on"]
    header = next(read_response(imports.template_xlsx()).worksheets[0].iter_rows(values_only=True))
    assert [title.rstrip("*") for title in header] == [f.title for f in IMPORT_COLUMNS]
