"""Person pickers tell namesakes apart: the year of birth, then the subjects; a unique name stays short."""

import re
from datetime import date

import pytest
from django.urls import reverse

from apps.staff.models import Position, Subject
from apps.staff.pickers import PersonChoiceField, disambiguated, person_label
from tests.factories.banks import StaffPersonFactory

pytestmark = pytest.mark.django_db

ELKIN = {"last_name": "Ёлкин", "first_name": "Пётр", "patronymic": "Фомич", "sex": "m"}


@pytest.fixture
def teacher():
    return Position.objects.get_or_create(name="Учитель")[0]


def _options(page: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S).group(1)
    return [re.sub(r"\s+", " ", o).strip() for o in re.findall(r"<option[^>]*>([^<]*)</option>", select)]


def test_namesakes_get_their_year_of_birth_and_a_unique_name_stays_short(client, cast, teacher):
    StaffPersonFactory(organization=cast.school, position=teacher, birth_date=date(1985, 3, 1), **ELKIN)
    StaffPersonFactory(organization=cast.school, position=teacher, birth_date=date(1992, 7, 9), **ELKIN)
    single = StaffPersonFactory(
        organization=cast.school, position=teacher, last_name="Гусь", first_name="Ольга"
    )
    client.force_login(cast.curator)
    options = _options(client.get(reverse("banks:mentor-create")).content.decode(), "person")
    assert "Ёлкин Пётр Фомич — учитель (1985 г. р.)" in options
    assert "Ёлкин Пётр Фомич — учитель (1992 г. р.)" in options
    assert f"{single.full_name} — учитель" in options  # no date of birth where none is needed


def test_namesakes_born_the_same_year_get_their_subjects(cast, teacher):
    maths, physics = (Subject.objects.get_or_create(name=n)[0] for n in ("Математика", "Физика"))
    one = StaffPersonFactory(organization=cast.school, position=teacher, birth_date=date(1985, 3, 1), **ELKIN)
    two = StaffPersonFactory(organization=cast.school, position=teacher, birth_date=date(1985, 9, 1), **ELKIN)
    one.subjects.add(maths)
    two.subjects.add(physics)
    assert disambiguated([one, two], person_label, lambda p: p) == [
        "Ёлкин Пётр Фомич — учитель (1985 г. р.; Математика)",
        "Ёлкин Пётр Фомич — учитель (1985 г. р.; Физика)",
    ]


def test_the_field_still_validates_the_chosen_person(cast, teacher):
    one = StaffPersonFactory(organization=cast.school, position=teacher, **ELKIN)
    field = PersonChoiceField(queryset=type(one).objects.filter(pk=one.pk))
    assert field.clean(str(one.pk)) == one
    assert [label for _, label in field.choices] == ["---------", "Ёлкин Пётр Фомич — учитель"]
