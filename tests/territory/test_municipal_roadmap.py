"""The municipality's own roadmap: drafted by the municipal coordinator from the municipal events of
seed 002's regional roadmap, approved by her, agreed or returned with remarks by the regional operator
of the region; grouped by the region's stages; nobody else reaches it."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from apps.core.exceptions import DomainError
from apps.organizations.models import Region
from apps.territory import municipal_services as services
from apps.territory import services as school_services
from apps.territory.model_roadmap import MUNICIPAL_MODEL_EVENTS
from apps.territory.models import Roadmap, RoadmapEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def muni(cast):
    return cast.school.municipality


@pytest.fixture
def roadmap(muni, cast, year):
    return services.municipal_roadmap_start(municipality=muni, year=year, user=cast.municipal)


def _event_data(year, **extra):
    data = {
        "stage": 4,
        "title": "Муниципальный семинар кураторов",
        "deadline": date(year.start_year, 11, 20),
        "responsible": "МОУО",
        "expected_result": "",
        "document": "",
    }
    data.update(extra)
    return data


def test_the_draft_holds_the_municipal_events_of_seed_002(roadmap, muni, year):
    assert roadmap.municipality == muni and roadmap.organization is None and roadmap.is_municipal
    titles = list(roadmap.events.values_list("title", flat=True))
    assert len(titles) == len(MUNICIPAL_MODEL_EVENTS)
    assert any("Заключение соглашений о сотрудничестве" in t for t in titles)
    assert any(
        "Проведение самодиагностики по результатам реализации муниципального плана" in t for t in titles
    )
    assert all(year.starts_on <= d <= year.ends_on for d in roadmap.events.values_list("deadline", flat=True))
    assert roadmap.history.get().action == "Создана по примерной дорожной карте"
    with pytest.raises(DomainError):
        services.municipal_roadmap_start(municipality=muni, year=year, user=None)


def test_a_roadmap_has_exactly_one_holder(muni, cast, year):
    with pytest.raises(IntegrityError), transaction.atomic():
        Roadmap.objects.create(year=year)
    with pytest.raises(IntegrityError), transaction.atomic():
        Roadmap.objects.create(year=year, organization=cast.school, municipality=muni)


def test_approve_return_answer_approve_agree(roadmap, cast, year):
    with pytest.raises(DomainError):
        services.municipal_roadmap_agree(roadmap=roadmap, operator=cast.regional)  # a draft
    services.municipal_roadmap_approve(roadmap=roadmap, coordinator=cast.municipal)
    roadmap.refresh_from_db()
    assert roadmap.status_label == "утверждена координатором, на согласовании"
    with pytest.raises(DomainError):
        school_services.event_add(roadmap=roadmap, data=_event_data(year), user=cast.municipal)
    with pytest.raises(DomainError) as error:
        services.municipal_roadmap_return(roadmap=roadmap, operator=cast.regional, remarks="  \n ")
    assert error.value.field == "remarks"
    services.municipal_roadmap_return(roadmap=roadmap, operator=cast.regional, remarks="Первое\nВторое")
    roadmap.refresh_from_db()
    assert roadmap.status == Roadmap.Status.RETURNED and roadmap.remarks.count() == 2
    school_services.event_add(roadmap=roadmap, data=_event_data(year), user=cast.municipal)
    first, second = roadmap.remarks.all()
    school_services.remark_answer(remark=first, answer="Учтено.", user=cast.municipal)
    with pytest.raises(DomainError, match="регионального оператора"):
        services.municipal_roadmap_approve(roadmap=roadmap, coordinator=cast.municipal)
    school_services.remark_answer(remark=second, answer="Исправлено.", user=cast.municipal)
    services.municipal_roadmap_approve(roadmap=roadmap, coordinator=cast.municipal)
    services.municipal_roadmap_agree(roadmap=roadmap, operator=cast.regional)
    roadmap.refresh_from_db()
    assert roadmap.status == Roadmap.Status.AGREED and roadmap.agreed_by == cast.regional
    assert roadmap.status_label == "согласована региональным оператором"
    assert [h.action for h in roadmap.history.all()][-1] == "Согласована региональным оператором"


def test_the_pages_walk_the_whole_flow(muni, cast, year, client_for):
    page = reverse("territory:municipal-roadmap", args=[muni.pk])
    assert "Составить проект дорожной карты" in client_for("municipal").get(page).content.decode()
    assert "Составить проект" not in client_for("regional").get(page).content.decode()
    assert (
        client_for("regional").post(reverse("territory:municipal-roadmap-start", args=[muni.pk])).status_code
        == 403
    )
    assert (
        client_for("municipal").post(reverse("territory:municipal-roadmap-start", args=[muni.pk])).status_code
        == 302
    )
    roadmap = Roadmap.objects.get(municipality=muni, year=year)
    documents = (
        client_for("municipal").get(reverse("territory:municipal-detail", args=[muni.pk])).content.decode()
    )
    assert "Дорожная карта муниципалитета" in documents and page in documents

    add = reverse("territory:municipal-roadmap-event-add", args=[roadmap.pk])
    response = client_for("municipal").post(add, {**_event_data(year), "deadline": "2020-01-01"})
    assert response.status_code == 200 and "Срок должен быть в пределах" in response.content.decode()
    assert (
        client_for("municipal").post(add, {**_event_data(year), "deadline": "2026-11-20"}).status_code == 302
    )
    event = roadmap.events.get(title="Муниципальный семинар кураторов")
    edit = reverse("territory:municipal-roadmap-event-edit", args=[roadmap.pk, event.pk])
    assert client_for("municipal").get(edit).status_code == 200
    assert client_for("regional").get(edit).status_code == 403
    data = {**_event_data(year), "deadline": "2026-11-25", "title": "Семинар кураторов"}
    assert client_for("municipal").post(edit, data).status_code == 302
    event.refresh_from_db()
    assert event.title == "Семинар кураторов"
    delete = reverse("territory:municipal-roadmap-event-delete", args=[roadmap.pk, event.pk])
    assert client_for("regional").post(delete).status_code == 403
    assert client_for("municipal").post(delete).status_code == 302
    assert not RoadmapEvent.objects.filter(pk=event.pk).exists()

    approve = reverse("territory:municipal-roadmap-approve", args=[roadmap.pk])
    agree = reverse("territory:municipal-roadmap-agree", args=[roadmap.pk])
    back = reverse("territory:municipal-roadmap-return", args=[roadmap.pk])
    assert client_for("regional").post(approve).status_code == 403
    assert client_for("municipal").post(approve).status_code == 302
    assert client_for("municipal").post(agree).status_code == 403
    assert client_for("municipal").post(back, {"remarks": "Сам себе"}).status_code == 403
    assert client_for("regional").post(back, {"remarks": ""}).status_code == 200
    assert client_for("regional").post(back, {"remarks": "Уточните сроки"}).status_code == 302
    remark = roadmap.remarks.get()
    answer = reverse("territory:municipal-roadmap-remark-answer", args=[roadmap.pk, remark.pk])
    assert client_for("regional").post(answer, {"answer": "Чужой ответ"}).status_code == 403
    assert client_for("municipal").post(answer, {"answer": "Сроки уточнены"}).status_code == 302
    assert client_for("municipal").post(approve).status_code == 302
    assert client_for("regional").post(agree).status_code == 302
    roadmap.refresh_from_db()
    assert roadmap.status == Roadmap.Status.AGREED
    text = client_for("municipal").get(page).content.decode()
    assert "согласована региональным оператором" in text and "Сроки уточнены" in text


def test_the_certificate_states_the_roadmap_of_the_municipality(muni, cast, year, client_for):
    import subprocess

    url = reverse("territory:municipal-certificate-pdf", args=[muni.pk])

    def text():
        content = client_for("municipal").get(url).content
        out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=content, capture_output=True)
        return " ".join(out.stdout.decode().split())

    assert f"дорожная карта муниципалитета на {year.label} учебный год не составлена" in text()
    roadmap = services.municipal_roadmap_start(municipality=muni, year=year, user=cast.municipal)
    services.municipal_roadmap_approve(roadmap=roadmap, coordinator=cast.municipal)
    assert "учебный год утверждена координатором, на согласовании" in text()


def test_the_coordinator_marks_execution_in_any_state(roadmap, muni, cast, client_for):
    services.municipal_roadmap_approve(roadmap=roadmap, coordinator=cast.municipal)
    event = roadmap.events.first()
    url = reverse("territory:municipal-roadmap-event-status", args=[roadmap.pk, event.pk])
    assert client_for("regional").post(url, {"status": "done"}).status_code == 403
    assert client_for("far_municipal").post(url, {"status": "done"}).status_code == 404
    event.refresh_from_db()
    assert event.status == RoadmapEvent.Status.PLANNED
    response = client_for("municipal").post(url, {"status": "done"})
    assert response.status_code == 302 and response["Location"].endswith(f"#event-{event.pk}")
    event.refresh_from_db()
    assert event.status == RoadmapEvent.Status.DONE and event.done_on
    client_for("municipal").post(url, {"status": "lost"})
    event.refresh_from_db()
    assert event.status == RoadmapEvent.Status.DONE


def test_events_follow_the_stages_of_the_region(roadmap, muni, cast, client_for):
    page = reverse("territory:municipal-roadmap", args=[muni.pk])
    region = muni.region
    region.stage_template = Region.StageTemplate.REGIONAL
    region.save(update_fields=["stage_template"])
    text = client_for("municipal").get(page).content.decode()
    assert "Информационное сопровождение (на всех этапах)" in text
    region.stage_template = Region.StageTemplate.SCHOOL_ANNEX
    region.save(update_fields=["stage_template"])
    text = client_for("municipal").get(page).content.decode()
    assert "1. Подготовка условий реализации системы наставничества" in text


def test_strangers_and_schools_cannot_reach_it(roadmap, muni, cast, year, client_for):
    event = roadmap.events.first()
    gets = [
        reverse("territory:municipal-roadmap", args=[muni.pk]),
        reverse("territory:municipal-roadmap-event-edit", args=[roadmap.pk, event.pk]),
        reverse("territory:municipal-roadmap-event-add", args=[roadmap.pk]),
        reverse("territory:municipal-roadmap-return", args=[roadmap.pk]),
    ]
    posts = [
        reverse("territory:municipal-roadmap-start", args=[muni.pk]),
        reverse("territory:municipal-roadmap-approve", args=[roadmap.pk]),
        reverse("territory:municipal-roadmap-agree", args=[roadmap.pk]),
        reverse("territory:municipal-roadmap-event-delete", args=[roadmap.pk, event.pk]),
    ]
    for role in ("far_municipal", "alien_regional", "director", "curator", "mentor", "nobody"):
        for url in gets:
            assert client_for(role).get(url).status_code == 404, (role, url)
        for url in posts:
            assert client_for(role).post(url).status_code == 404, (role, url)
    # The school's roadmap pages do not open the municipality's roadmap, and it never enters the
    # schools' lists.
    for role in ("municipal", "regional", "director"):
        url = reverse("territory:roadmap-detail", args=[roadmap.pk])
        assert client_for(role).get(url).status_code == 404, role
    roadmap.refresh_from_db()
    assert roadmap.status == Roadmap.Status.DRAFT and roadmap.events.filter(pk=event.pk).exists()


def test_a_crafted_event_or_remark_of_another_roadmap_is_refused(roadmap, muni, cast, year, client_for):
    school = school_services.roadmap_start(organization=cast.school, year=year, user=cast.curator)
    school_event = school.events.first()
    edit = reverse("territory:municipal-roadmap-event-edit", args=[roadmap.pk, school_event.pk])
    assert client_for("municipal").post(edit, _event_data(year, deadline="2026-11-20")).status_code == 404
    delete = reverse("territory:municipal-roadmap-event-delete", args=[roadmap.pk, school_event.pk])
    assert client_for("municipal").post(delete).status_code == 404
    assert school.events.filter(pk=school_event.pk).exists()
    school_services.roadmap_approve(roadmap=school, director=cast.director)
    school_services.roadmap_return(roadmap=school, coordinator=cast.municipal, remarks="Школьное")
    remark = school.remarks.get()
    answer = reverse("territory:municipal-roadmap-remark-answer", args=[roadmap.pk, remark.pk])
    assert client_for("municipal").post(answer, {"answer": "Подмена"}).status_code == 404
    remark.refresh_from_db()
    assert remark.answer == ""


def test_the_demo_step_agrees_the_roadmap_of_surgut(muni, cast, year):
    from apps.core.demo import DemoContext
    from apps.territory import municipal_demo

    muni.authority_name = "Департамент образования Администрации города Сургута"
    muni.save(update_fields=["authority_name"])
    ctx = DemoContext()
    for key, value in {
        "user_municipal": cast.municipal,
        "user_regional": cast.regional,
        "municipality": muni,
        "region": muni.region,
        "year": year,
    }.items():
        ctx[key] = value
    municipal_demo.seed(ctx)
    municipal_demo.seed(ctx)
    roadmap = Roadmap.objects.get(municipality=muni, year=year)
    assert roadmap.status == Roadmap.Status.AGREED
    assert roadmap.remarks.get().answer
    assert roadmap.events.filter(status=RoadmapEvent.Status.DONE).count() == 1
