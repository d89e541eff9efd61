"""The nomenclature of positions (ПП РФ № 225 of 21.02.2022) and the subjects are in every database:
the data migration loads them from fixtures/."""

import json
from pathlib import Path

import pytest
from django.conf import settings

from apps.staff.models import Position, Subject

pytestmark = pytest.mark.django_db

OTHER_PEDAGOGICAL = [
    "Учитель",
    "Преподаватель",
    "Воспитатель",
    "Старший воспитатель",
    "Педагог дополнительного образования",
    "Старший педагог дополнительного образования",
    "Педагог-психолог",
    "Социальный педагог",
    "Учитель-логопед",
    "Учитель-дефектолог",
    "Тьютор",
    "Методист",
    "Старший методист",
    "Педагог-организатор",
    "Педагог-библиотекарь",
    "Советник директора по воспитанию и взаимодействию с детскими общественными объединениями",
    "Старший вожатый",
    "Инструктор-методист",
    "Старший инструктор-методист",
    "Инструктор по труду",
    "Инструктор по физической культуре",
    "Музыкальный руководитель",
    "Концертмейстер",
    "Преподаватель-организатор основ безопасности и защиты Родины",
    "Руководитель физического воспитания",
    "Мастер производственного обучения",
    "Тренер-преподаватель",
    "Старший тренер-преподаватель",
]
PROFESSORIAL = [
    "Ассистент",
    "Старший преподаватель",
    "Доцент",
    "Профессор",
    "Заведующий кафедрой",
    "Декан факультета (института)",
]
MANAGEMENT = [
    "Директор",
    "Заместитель директора",
    "Заместитель директора по учебно-воспитательной работе",
    "Заместитель директора по воспитательной работе",
]


def test_every_position_of_the_nomenclature_is_loaded_in_its_section():
    sections = dict(Position.objects.values_list("name", "section"))
    assert {name: sections.get(name) for name in OTHER_PEDAGOGICAL} == dict.fromkeys(
        OTHER_PEDAGOGICAL, "teaching"
    )
    assert {name: sections.get(name) for name in PROFESSORIAL} == dict.fromkeys(PROFESSORIAL, "higher")
    assert {name: sections.get(name) for name in MANAGEMENT} == dict.fromkeys(MANAGEMENT, "management")


def test_database_holds_exactly_the_fixtures():
    for model, name in ((Position, "positions.json"), (Subject, "subjects.json")):
        rows = json.loads((Path(settings.BASE_DIR) / "fixtures" / name).read_text(encoding="utf-8"))
        assert set(model.objects.values_list("name", flat=True)) >= {row["fields"]["name"] for row in rows}


def test_subjects_cover_school_subjects_and_areas_of_additional_education():
    kinds = dict(Subject.objects.values_list("name", "kind"))
    assert kinds["Математика"] == "subject"
    assert kinds["Основы безопасности и защиты Родины"] == "subject"
    assert kinds["Художественная направленность"] == "additional"
    assert kinds["Техническая направленность"] == "additional"
