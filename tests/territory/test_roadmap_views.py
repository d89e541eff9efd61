import pytest
from django.urls import reverse

from apps.territory.models import Roadmap
from tests.factories import territory as tf

pytestmark = pytest.mark.django_db


@pytest.fixture
def roadmap(cast, year):
    return tf.roadmap(cast.school, year, cast.curator)


def _url(name, roadmap, *args):
    return reverse(f"territory:{name}", args=[roadmap.pk, *args])


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("curator", 200),
        ("director", 200),
        ("council", 200),
        ("municipal", 200),
        ("regional", 200),
        ("mentor", 403),
        ("mentee", 403),
        ("other_curator", 404),
        ("far_municipal", 404),
        ("far_curator", 404),
    ],
)
def test_who_sees_the_roadmap(client_for, roadmap, who, status):
    assert client_for(who).get(_url("roadmap-detail", roadmap)).status_code == status


def test_curator_starts_the_roadmap_from_the_menu(client_for, cast, year):
    client = client_for("curator")
    assert client.get(reverse("territory:roadmap-current")).status_code == 200
    response = client.post(reverse("territory:roadmap-start"))
    roadmap = Roadmap.objects.get(organization=cast.school, year=year)
    assert response.url == _url("roadmap-detail", roadmap)
    assert client.get(reverse("territory:roadmap-current")).url == _url("roadmap-detail", roadmap)


def test_mentor_cannot_start_a_roadmap(client_for):
    assert client_for("mentor").post(reverse("territory:roadmap-start")).status_code == 403


def test_only_the_director_approves(client_for, roadmap):
    assert client_for("curator").post(_url("roadmap-approve", roadmap)).status_code == 403
    assert client_for("other_director").post(_url("roadmap-approve", roadmap)).status_code == 404
    client_for("director").post(_url("roadmap-approve", roadmap))
    roadmap.refresh_from_db()
    assert roadmap.status == Roadmap.Status.APPROVED


def test_only_the_municipal_coordinator_of_the_municipality_agrees(client_for, cast, year):
    roadmap = tf.approved(cast.school, year, cast.curator, cast.director)
    assert client_for("far_municipal").post(_url("roadmap-agree", roadmap)).status_code == 404
    assert client_for("regional").post(_url("roadmap-agree", roadmap)).status_code == 403
    assert client_for("director").post(_url("roadmap-agree", roadmap)).status_code == 403
    page = client_for("municipal").get(_url("roadmap-detail", roadmap)).content.decode()
    assert "Согласовать" in page
    client_for("municipal").post(_url("roadmap-agree", roadmap))
    roadmap.refresh_from_db()
    assert roadmap.status == Roadmap.Status.AGREED


def test_return_form_shows_the_error_at_the_field(client_for, cast, year):
    roadmap = tf.approved(cast.school, year, cast.curator, cast.director)
    response = client_for("municipal").post(_url("roadmap-return", roadmap), {"remarks": " "})
    assert response.status_code == 200
    assert "remarks" in response.context["form"].errors


def test_return_and_answer_through_the_pages(client_for, cast, year):
    roadmap = tf.approved(cast.school, year, cast.curator, cast.director)
    client_for("municipal").post(_url("roadmap-return", roadmap), {"remarks": "Уточните сроки"})
    roadmap.refresh_from_db()
    assert roadmap.status == Roadmap.Status.RETURNED
    remark = roadmap.remarks.get()
    page = client_for("director").get(_url("roadmap-detail", roadmap)).content.decode()
    assert "Сначала ответьте на замечания" in page
    client_for("director").post(_url("roadmap-approve", roadmap))
    roadmap.refresh_from_db()
    assert roadmap.status == Roadmap.Status.RETURNED
    assert (
        client_for("mentor").post(_url("remark-answer", roadmap, remark.pk), {"answer": "x"}).status_code
        == 403
    )
    client_for("curator").post(_url("remark-answer", roadmap, remark.pk), {"answer": "Сроки уточнены"})
    client_for("director").post(_url("roadmap-approve", roadmap))
    roadmap.refresh_from_db()
    assert roadmap.status == Roadmap.Status.APPROVED


def test_event_edit_pages(client_for, roadmap):
    event = roadmap.events.first()
    client = client_for("curator")
    assert client.get(_url("event-add", roadmap)).status_code == 200
    response = client.post(
        _url("event-edit", roadmap, event.pk),
        {"stage": 1, "title": "Новое", "deadline": "2030-01-01", "responsible": "Куратор"},
    )
    assert response.status_code == 200 and "deadline" in response.context["form"].errors
    client.post(_url("event-delete", roadmap, event.pk))
    assert not roadmap.events.filter(pk=event.pk).exists()
    assert client_for("mentor").get(_url("event-add", roadmap)).status_code == 403
    assert client_for("other_curator").get(_url("event-add", roadmap)).status_code == 404


def test_roadmap_exports_to_xlsx(client_for, roadmap):
    import io

    from openpyxl import load_workbook

    response = client_for("curator").get(_url("roadmap-detail", roadmap) + "?export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][1] == "Мероприятие"
    assert len(rows) == roadmap.events.count() + 1


def test_roadmap_page_makes_the_same_number_of_queries_at_15_and_45_events(
    client_for, cast, roadmap, django_assert_max_num_queries
):
    from datetime import date

    from apps.territory import services

    client = client_for("curator")
    client.get(_url("roadmap-detail", roadmap))
    with django_assert_max_num_queries(20) as small:
        client.get(_url("roadmap-detail", roadmap))
    for i in range(30):
        services.event_add(
            roadmap=roadmap,
            data={
                "stage": 1 + i % 7,
                "title": f"Мероприятие {i}",
                "deadline": date(2026, 12, 1),
                "responsible": "К",
            },
            user=cast.curator,
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(_url("roadmap-detail", roadmap)).status_code == 200
