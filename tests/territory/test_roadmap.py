from datetime import date

import pytest

from apps.core.exceptions import DomainError
from apps.territory import services
from apps.territory.models import Roadmap, RoadmapEvent, Stage
from tests.factories import territory as tf

pytestmark = pytest.mark.django_db


def test_new_roadmap_is_the_model_roadmap_with_all_seven_stages(cast, year):
    roadmap = tf.roadmap(cast.school, year, cast.curator)
    stages = set(roadmap.events.values_list("stage", flat=True))
    assert stages == set(Stage.values)
    assert roadmap.status == Roadmap.Status.DRAFT
    assert all(year.contains(d) for d in roadmap.events.values_list("deadline", flat=True))
    assert roadmap.history.count() == 1


def test_second_roadmap_for_the_same_year_is_refused(cast, year):
    tf.roadmap(cast.school, year, cast.curator)
    with pytest.raises(DomainError, match="уже есть"):
        tf.roadmap(cast.school, year, cast.curator)


def test_event_deadline_outside_the_academic_year_is_refused(cast, year):
    roadmap = tf.roadmap(cast.school, year, cast.curator)
    data = {"stage": 1, "title": "Семинар", "deadline": date(2028, 1, 1), "responsible": "Куратор"}
    with pytest.raises(DomainError) as error:
        services.event_add(roadmap=roadmap, data=data, user=cast.curator)
    assert error.value.field == "deadline"


def test_approved_roadmap_cannot_be_edited(cast, year):
    roadmap = tf.approved(cast.school, year, cast.curator, cast.director)
    event = roadmap.events.first()
    data = {f: getattr(event, f) for f in services.EVENT_FIELDS} | {"title": "Другое"}
    with pytest.raises(DomainError, match="утверждена"):
        services.event_update(event=event, data=data, user=cast.curator)


def test_director_approves_and_municipal_coordinator_agrees(cast, year):
    roadmap = tf.approved(cast.school, year, cast.curator, cast.director)
    assert roadmap.status == Roadmap.Status.APPROVED
    roadmap = services.roadmap_agree(roadmap=roadmap, coordinator=cast.municipal)
    assert roadmap.status == Roadmap.Status.AGREED
    assert roadmap.agreed_by == cast.municipal
    assert list(roadmap.history.values_list("to_status", flat=True)) == ["draft", "approved", "agreed"]


def test_draft_cannot_be_agreed(cast, year):
    roadmap = tf.roadmap(cast.school, year, cast.curator)
    with pytest.raises(DomainError):
        services.roadmap_agree(roadmap=roadmap, coordinator=cast.municipal)


def test_return_without_remarks_is_refused(cast, year):
    roadmap = tf.approved(cast.school, year, cast.curator, cast.director)
    with pytest.raises(DomainError) as error:
        services.roadmap_return(roadmap=roadmap, coordinator=cast.municipal, remarks="  \n ")
    assert error.value.field == "remarks"


def test_returned_roadmap_cannot_be_approved_until_every_remark_is_answered(cast, year):
    roadmap = tf.approved(cast.school, year, cast.curator, cast.director)
    roadmap = services.roadmap_return(
        roadmap=roadmap, coordinator=cast.municipal, remarks="Уточните сроки этапа 4\nДобавьте семинар"
    )
    assert roadmap.status == Roadmap.Status.RETURNED
    first, second = roadmap.remarks.all()
    services.remark_answer(remark=first, answer="Сроки уточнены", user=cast.curator)
    with pytest.raises(DomainError, match="ответьте на все замечания"):
        services.roadmap_approve(roadmap=roadmap, director=cast.director)
    services.remark_answer(remark=second, answer="Семинар добавлен", user=cast.curator)
    roadmap = services.roadmap_approve(roadmap=roadmap, director=cast.director)
    assert roadmap.status == Roadmap.Status.APPROVED


def test_returned_roadmap_is_editable_again(cast, year):
    roadmap = tf.approved(cast.school, year, cast.curator, cast.director)
    roadmap = services.roadmap_return(roadmap=roadmap, coordinator=cast.municipal, remarks="Добавьте семинар")
    data = {
        "stage": 4,
        "title": "Семинар наставников",
        "deadline": date(2026, 11, 20),
        "responsible": "Куратор",
    }
    event = services.event_add(roadmap=roadmap, data=data, user=cast.curator)
    assert event.pk


def test_marking_an_event_done_records_the_date(cast, year):
    roadmap = tf.approved(cast.school, year, cast.curator, cast.director)
    event = roadmap.events.first()
    services.event_set_status(
        event=event, status=RoadmapEvent.Status.DONE, user=cast.curator, on=date(2026, 9, 20)
    )
    event.refresh_from_db()
    assert event.done_on == date(2026, 9, 20)
