"""The answer to a subject's request (152-ФЗ art. 14) lists the lines of the allowance bases where the
person is the mentor: the personnel number and the sum are processed without the consent (the labour
contract), and the person is told about them all the same; a person who is no mentor gets an empty sheet."""

from datetime import date

import pytest

from apps.allowances import services
from apps.allowances.subject_data import sections
from apps.pairs.selectors import participants
from apps.staff.models import Person

pytestmark = pytest.mark.django_db


def test_the_mentor_sees_her_lines_and_a_mentee_gets_no_sheet(cast, pair_factory):
    group = pair_factory(amount=3000, started=date(2026, 11, 10))
    mentor = group.mentor.person
    Person.objects.filter(pk=mentor.pk).update(personnel_number="000123")
    services.basis_prepare(organization=cast.school, year=2026, month=11, user=cast.curator)

    (section,) = sections(person=mentor)
    assert section.title == "Доплата за наставничество"
    (row,) = section.rows
    values = dict(zip(section.columns, row, strict=True))
    assert values["Основание"] == "Основание за ноябрь 2026\u00a0г."
    assert values["Табельный номер"] == "000123"
    assert values["Дней работы в месяце"] == 21
    assert values["Доплата, руб. в месяц"] == 3000

    mentee = next(p for p in participants(group) if p.pk != mentor.pk)
    (empty,) = sections(person=mentee)
    assert empty.rows == []
