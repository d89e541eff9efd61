"""The organisation's card keeps the mentor's allowance its Regulation sets by default: a sum or a
percentage of the salary, one of the two, refused at its field otherwise."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _data(school, **extra):
    return {
        "full_name": school.full_name,
        "short_name": school.short_name,
        "kind": "school",
        "inn": "",
        "address": "",
        "locality": "г. Сургут",
        "phone": "",
        "email": "",
        "website": "",
        "director_position": "Директор",
        "director_name": "Кузнецова Наталья Викторовна",
        "curator_name": "",
        "mentor_allowance_amount": "",
        "mentor_allowance_percent": "",
        **extra,
    }


def test_the_director_sets_the_default_percentage(client_for, cast):
    url = reverse("organizations:organization-edit", args=[cast.school.pk])
    response = client_for("director").post(url, _data(cast.school, mentor_allowance_percent="15"))
    assert response.status_code == 302
    cast.school.refresh_from_db()
    assert (cast.school.mentor_allowance_amount, cast.school.mentor_allowance_percent) == (None, 15)


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        (
            {"mentor_allowance_amount": "3000", "mentor_allowance_percent": "10"},
            "mentor_allowance_amount",
            "Укажите либо сумму, либо процент оклада, но не то и другое.",
        ),
        ({"mentor_allowance_percent": "150"}, "mentor_allowance_percent", "Процент оклада — от 1 до 100."),
        (
            {"mentor_allowance_amount": "0"},
            "mentor_allowance_amount",
            "Сумма доплаты должна быть больше нуля.",
        ),
    ],
)
def test_bad_default_is_refused_at_its_field(client_for, cast, extra, field, message):
    url = reverse("organizations:organization-edit", args=[cast.school.pk])
    response = client_for("director").post(url, _data(cast.school, **extra))
    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    cast.school.refresh_from_db()
    assert (cast.school.mentor_allowance_amount, cast.school.mentor_allowance_percent) == (None, None)
