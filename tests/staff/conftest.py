"""The test schools get addresses: a consent names the operator and its address (152-ФЗ art. 9)."""

import pytest


@pytest.fixture(autouse=True)
def _school_addresses(request):
    for number, name in enumerate(("school", "other_school", "far_school"), start=1):
        if name not in request.fixturenames and "cast" not in request.fixturenames:
            continue
        school = request.getfixturevalue(name)
        school.address = f"62840{number}, ХМАО — Югра, г. Сургут, ул. Школьная, д. {number}"
        school.full_name = f"Муниципальное бюджетное общеобразовательное учреждение «{school.short_name}»"
        school.save(update_fields=["address", "full_name"])
