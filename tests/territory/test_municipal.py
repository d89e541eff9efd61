"""The municipality's documents: its Regulation from the model text of seed 000, edited in versions and
approved by a registered order of the education authority (numbered without gaps in the year); the
справка on the schools' roadmaps and self-diagnosis; the region's template of the seven stages."""

import subprocess
from datetime import date, timedelta

import pytest
from django.db import IntegrityError, InternalError, transaction
from django.urls import reverse
from django.utils import timezone

from apps.core.exceptions import DomainError
from apps.core.russian import municipality_name_in, organization_name_in
from apps.organizations.models import Region
from apps.territory import municipal_services as services
from apps.territory import services as school_services
from apps.territory.municipal_documents import findings
from apps.territory.municipal_models import MunicipalOrder, MunicipalRegulation, MunicipalRegulationVersion
from apps.territory.municipal_selectors import certificate_rows
from apps.territory.stages import group_by_stage, stage_choices

pytestmark = pytest.mark.django_db


def _pdf_text(content: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=content, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().split())


@pytest.fixture
def surgut(cast):
    municipality = cast.school.municipality
    municipality.name = "город Сургут"
    municipality.authority_name = "Департамент образования Администрации города Сургута"
    municipality.authority_head_position = "Директор департамента"
    municipality.authority_head_name = "Томазова Анна Николаевна"
    municipality.locality = "г. Сургут"
    municipality.save()
    return municipality


def _approved(municipality, cast, on=date(2026, 9, 15)):
    regulation = services.municipal_regulation_start(municipality=municipality, user=cast.municipal)
    order = services.municipal_order_create(regulation=regulation, user=cast.municipal)
    services.municipal_order_register(order=order, signed_on=on, user=cast.municipal)
    regulation.refresh_from_db()
    return regulation


# The names ---------------------------------------------------------------------------------------


def test_municipality_and_authority_names_are_declined():
    assert municipality_name_in("город Сургут", "genitive") == "города Сургута"
    assert municipality_name_in("город Ханты-Мансийск", "genitive") == "города Ханты-Мансийска"
    assert municipality_name_in("Сургутский район", "genitive") == "Сургутского района"
    assert municipality_name_in("городской округ Славгород", "genitive") == "городского округа Славгород"
    assert (
        organization_name_in(
            "Комитет администрации г. Славгорода по образованию", "genitive", in_sentence=False
        )
        == "Комитета администрации г. Славгорода по образованию"
    )
    assert (
        organization_name_in("Управление образования администрации района", "genitive", in_sentence=False)
        == "Управления образования администрации района"
    )


def test_the_model_text_names_the_municipality_and_the_authority(surgut, cast):
    regulation = services.municipal_regulation_start(municipality=surgut, user=cast.municipal)
    text = " ".join(s["title"] + " " + s["text"] for s in regulation.versions.get().sections)
    assert "в муниципальных образовательных организациях города Сургута" in text
    assert "приказом Департамента образования Администрации города Сургута" in text
    assert "{" not in text


def test_the_card_genitive_wins_over_the_declension(surgut, cast):
    surgut.name_genitive = "муниципального образования город Сургут"
    surgut.save()
    regulation = services.municipal_regulation_start(municipality=surgut, user=cast.municipal)
    assert (
        "организациях муниципального образования город Сургут"
        in regulation.versions.get().sections[0]["text"]
    )


# Editions, versions, the order ----------------------------------------------------------------


def test_each_save_is_a_new_version_and_the_order_approves_the_latest(surgut, cast):
    regulation = services.municipal_regulation_start(municipality=surgut, user=cast.municipal)
    sections = regulation.versions.get().sections
    services.municipal_regulation_section_save(
        regulation=regulation,
        number=2,
        title=sections[1]["title"],
        text="Новый текст цели.",
        user=cast.municipal,
    )
    order = services.municipal_order_create(regulation=regulation, user=cast.municipal)
    assert order.status == MunicipalOrder.Status.DRAFT and order.number is None
    services.municipal_order_register(order=order, signed_on=date(2026, 9, 15), user=cast.municipal)
    regulation.refresh_from_db()
    order.refresh_from_db()
    assert regulation.is_approved and regulation.approved_version == 2
    assert (order.number, order.year, order.signer_name) == (1, 2026, "А. Н. Томазова")


def test_an_approved_edition_is_frozen_and_a_new_one_starts_from_it(surgut, cast):
    regulation = _approved(surgut, cast)
    with pytest.raises(DomainError, match=r"утверждено приказом от 15\.09\.2026 № 1"):
        services.municipal_regulation_section_save(
            regulation=regulation, number=1, title="Общие положения", text="Другое.", user=cast.municipal
        )
    with pytest.raises((IntegrityError, InternalError)), transaction.atomic():
        MunicipalRegulationVersion.objects.create(regulation=regulation, number=9, sections=[])
    with pytest.raises((IntegrityError, InternalError)), transaction.atomic():
        MunicipalRegulation.objects.filter(pk=regulation.pk).update(approved_version=5)
    with pytest.raises((IntegrityError, InternalError)), transaction.atomic():
        MunicipalOrder.objects.filter(pk=regulation.order_id).update(number=7)
    second = services.municipal_regulation_start(municipality=surgut, user=cast.municipal)
    assert second.versions.get().sections == regulation.versions.get(number=1).sections
    assert "приказом от 15.09.2026 № 1" in second.versions.get().note
    with pytest.raises(DomainError, match="уже создан"):
        services.municipal_regulation_start(municipality=surgut, user=cast.municipal)


def test_orders_are_numbered_without_gaps_within_a_year(surgut, cast):
    first = _approved(surgut, cast, on=date(2026, 9, 15))
    second = _approved(surgut, cast, on=date(2026, 10, 1))
    third = _approved(surgut, cast, on=date(2026, 11, 2))
    assert [r.order.number for r in (first, second, third)] == [1, 2, 3]
    # Another municipality keeps its own register.
    far = cast.far_school.municipality
    far.authority_name, far.authority_head_position, far.authority_head_name = (
        "Комитет по образованию",
        "Председатель",
        "Иванов Иван Иванович",
    )
    far.save()
    regulation = services.municipal_regulation_start(municipality=far, user=cast.far_municipal)
    order = services.municipal_order_create(regulation=regulation, user=cast.far_municipal)
    assert (
        services.municipal_order_register(
            order=order, signed_on=date(2026, 9, 20), user=cast.far_municipal
        ).number
        == 1
    )


def test_registering_refuses_a_future_date_and_a_second_registration(surgut, cast):
    regulation = services.municipal_regulation_start(municipality=surgut, user=cast.municipal)
    order = services.municipal_order_create(regulation=regulation, user=cast.municipal)
    with pytest.raises(DomainError, match="позже сегодняшней"):
        services.municipal_order_register(
            order=order, signed_on=timezone.localdate() + timedelta(days=1), user=cast.municipal
        )
    services.municipal_order_register(order=order, signed_on=date(2026, 9, 15), user=cast.municipal)
    with pytest.raises(DomainError, match="уже зарегистрирован"):
        services.municipal_order_register(order=order, signed_on=date(2026, 9, 16), user=cast.municipal)


def test_an_order_needs_the_authority_on_the_card(surgut, cast):
    surgut.authority_name = ""
    surgut.save()
    regulation = services.municipal_regulation_start(municipality=surgut, user=cast.municipal)
    with pytest.raises(DomainError, match="орган управления образованием"):
        services.municipal_order_create(regulation=regulation, user=cast.municipal)


def test_the_order_prints_as_an_order_of_the_authority_with_the_regulation_annexed(surgut, cast, client_for):
    regulation = _approved(surgut, cast)
    response = client_for("municipal").get(
        reverse("territory:municipal-order-pdf", args=[regulation.order_id])
    )
    assert response.status_code == 200
    text = _pdf_text(response.content)
    assert "ДЕПАРТАМЕНТ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ГОРОДА СУРГУТА" in text
    assert "СУРГУТАПРИКАЗ15.09.2026№1г.Сургут" in text.replace(" ", "").replace("\xa0", "")
    assert "15.09.2026 № 1" in text and "г. Сургут" in text
    assert "Об утверждении Положения о системе наставничества педагогических работников" in text
    assert "ПРИКАЗЫВАЮ:" in text and "Директор департамента А. Н. Томазова" in text
    assert (
        "Приложение к приказу Департамента образования Администрации города Сургута от 15.09.2026 № 1" in text
    )
    assert "ПРОЕКТ" not in text


def test_a_draft_order_is_marked_and_has_no_number(surgut, cast, client_for):
    regulation = services.municipal_regulation_start(municipality=surgut, user=cast.municipal)
    order = services.municipal_order_create(regulation=regulation, user=cast.municipal)
    text = _pdf_text(
        client_for("municipal").get(reverse("territory:municipal-order-pdf", args=[order.pk])).content
    )
    assert "ПРОЕКТ" in text and "№ ____" in text


# The справка -----------------------------------------------------------------------------------


def _row(name, **kw):
    row = {
        "name": name,
        "roadmap_status": "agreed",
        "roadmap_label": "согласована",
        "total": 10,
        "done": 10,
        "overdue": 0,
        "has_regulation": True,
        "has_curator": True,
        "active_pairs": 2,
        "n_mentors": 2,
        "n_mentees": 2,
        "implements": True,
    }
    return row | kw


def test_findings_name_each_gap_and_recommend_its_remedy():
    rows = [
        _row("СОШ № 1"),
        _row("СОШ № 2", roadmap_status="", total=0, done=0),
        _row("СОШ № 3", roadmap_status="returned", overdue=3, done=7),
        _row("СОШ № 4", has_regulation=False, has_curator=False, active_pairs=0, implements=False),
    ]
    result = findings(rows, {"total": 4, "implementing": 3, "share": 75.0})
    conclusions, recommendations = " ".join(result["conclusions"]), " ".join(result["recommendations"])
    assert "3 из 4 (75,0 %)" in conclusions
    assert "Не разработаны дорожные карты на учебный год: СОШ № 2." in conclusions
    assert "Возвращены с замечаниями и не доработаны дорожные карты: СОШ № 3." in conclusions
    assert "просроченные мероприятия дорожных карт: СОШ № 3 (3)" in conclusions
    assert "Не утверждено Положение о системе наставничества: СОШ № 4." in conclusions
    assert "Не назначен куратор" in conclusions
    assert "разработать и утвердить дорожные карты" in recommendations
    assert "ответить на замечания" in recommendations
    assert "Назначить приказом руководителя куратора" in recommendations
    assert "конкурс" not in recommendations


def test_findings_without_gaps_recommend_the_regional_contest():
    result = findings([_row("СОШ № 1")], {"total": 1, "implementing": 1, "share": 100.0})
    assert result["recommendations"] == [
        "Продолжить реализацию дорожных карт; представить лучшие практики наставничества на ежегодный "
        "региональный конкурс муниципальных моделей наставничества."
    ]


def test_certificate_rows_read_one_query_per_level(surgut, cast, year, django_assert_max_num_queries):
    for school, curator in ((cast.school, cast.curator), (cast.other_school, cast.other_curator)):
        school_services.roadmap_start(organization=school, year=year, user=curator)
    with django_assert_max_num_queries(4):
        rows, indicator = certificate_rows(user=cast.municipal, municipality=surgut, year=year)
    assert {r["name"] for r in rows} == {cast.school.short_name, cast.other_school.short_name}
    assert all(r["total"] == 15 and r["roadmap_status"] == "draft" for r in rows)
    assert indicator["total"] == 2


def test_the_certificate_pdf_has_the_schools_conclusions_and_the_signature(surgut, cast, year, client_for):
    school_services.roadmap_start(organization=cast.school, year=year, user=cast.curator)
    response = client_for("municipal").get(reverse("territory:municipal-certificate-pdf", args=[surgut.pk]))
    assert response.status_code == 200
    text = _pdf_text(response.content)
    assert "ГОРОДАСУРГУТАСПРАВКАпоитогамконтроля" in text.replace(" ", "")
    assert "по итогам контроля реализации дорожных карт" in text and "города Сургута" in text
    assert cast.school.short_name in text and cast.other_school.short_name in text
    assert "Не разработаны дорожные карты на учебный год" in text
    assert "Муниципальный координатор" in text
    regional = _pdf_text(
        client_for("regional").get(reverse("territory:municipal-certificate-pdf", args=[surgut.pk])).content
    )
    assert "Региональный оператор" in regional


# Who may do what --------------------------------------------------------------------------------


def test_the_coordinator_edits_the_regional_operator_reads(surgut, cast, client_for):
    regulation = services.municipal_regulation_start(municipality=surgut, user=cast.municipal)
    section = reverse("territory:municipal-regulation-section", args=[regulation.pk, 1])
    detail = reverse("territory:municipal-detail", args=[surgut.pk])
    assert client_for("municipal").get(section).status_code == 200
    assert client_for("regional").get(detail).status_code == 200
    assert client_for("regional").get(section).status_code == 403
    response = client_for("regional").post(section, {"title": "Общие положения", "text": "Чужой текст."})
    assert response.status_code == 403
    assert regulation.versions.count() == 1


def test_another_municipality_and_the_schools_cannot_reach_the_drafts(surgut, cast, client_for):
    regulation = services.municipal_regulation_start(municipality=surgut, user=cast.municipal)
    urls = [
        reverse("territory:municipal-detail", args=[surgut.pk]),
        reverse("territory:municipal-regulation-section", args=[regulation.pk, 1]),
        reverse("territory:municipal-regulation-version", args=[regulation.pk, 1]),
        reverse("territory:municipal-regulation-pdf", args=[regulation.pk]),
        reverse("territory:municipal-certificate-pdf", args=[surgut.pk]),
    ]
    for role in ("far_municipal", "alien_regional", "director", "curator", "mentor", "nobody"):
        for url in urls:
            assert client_for(role).get(url).status_code == 404, (role, url)


def test_crafted_posts_on_a_foreign_municipality_change_nothing(surgut, cast, client_for):
    regulation = services.municipal_regulation_start(municipality=surgut, user=cast.municipal)
    far = client_for("far_municipal")
    assert far.post(reverse("territory:municipal-order-create", args=[regulation.pk])).status_code == 404
    response = far.post(
        reverse("territory:municipal-regulation-section", args=[regulation.pk, 1]),
        {"title": "X", "text": "Y"},
    )
    assert response.status_code == 404
    assert far.post(reverse("territory:municipal-regulation-start", args=[surgut.pk])).status_code == 404
    regulation.refresh_from_db()
    assert regulation.order_id is None and regulation.versions.count() == 1
    order = services.municipal_order_create(regulation=regulation, user=cast.municipal)
    register = reverse("territory:municipal-order-register", args=[order.pk])
    assert far.post(register, {"signed_on": "2026-09-15"}).status_code == 404
    assert client_for("regional").post(register, {"signed_on": "2026-09-15"}).status_code == 403
    order.refresh_from_db()
    assert order.number is None


def test_the_schools_of_the_municipality_read_the_approved_regulation_only(surgut, cast, client_for):
    url = reverse("territory:municipal-regulation-in-force-pdf", args=[surgut.pk])
    assert client_for("director").get(url).status_code == 404  # nothing approved yet
    _approved(surgut, cast)
    services.municipal_regulation_start(municipality=surgut, user=cast.municipal)  # a draft beside it
    for role in ("director", "curator", "mentor", "mentee", "other_teacher", "municipal", "regional"):
        response = client_for(role).get(url)
        assert response.status_code == 200, role
    text = _pdf_text(client_for("mentor").get(url).content)
    assert (
        "УТВЕРЖДЕНО приказом Департамента образования Администрации города Сургута от 15.09.2026 № 1" in text
    )
    assert "ПРОЕКТ" not in text
    for role in ("far_curator", "far_municipal", "alien_regional", "nobody"):
        assert client_for(role).get(url).status_code == 404, role


def test_the_registration_page_registers_and_the_detail_shows_the_history(surgut, cast, client_for):
    regulation = services.municipal_regulation_start(municipality=surgut, user=cast.municipal)
    order = services.municipal_order_create(regulation=regulation, user=cast.municipal)
    client = client_for("municipal")
    response = client.post(
        reverse("territory:municipal-order-register", args=[order.pk]), {"signed_on": "2026-09-15"}
    )
    assert response.status_code == 302
    services.municipal_regulation_start(municipality=surgut, user=cast.municipal)
    page = client.get(reverse("territory:municipal-detail", args=[surgut.pk])).content.decode()
    assert "приказ от 15.09.2026 № 1" in page and "Версия 1" in page


def test_a_bad_date_is_a_message_at_the_field(surgut, cast, client_for):
    regulation = services.municipal_regulation_start(municipality=surgut, user=cast.municipal)
    order = services.municipal_order_create(regulation=regulation, user=cast.municipal)
    response = client_for("municipal").post(
        reverse("territory:municipal-order-register", args=[order.pk]),
        {"signed_on": (timezone.localdate() + timedelta(days=3)).isoformat()},
    )
    assert response.status_code == 200
    assert "позже сегодняшней" in response.content.decode()
    order.refresh_from_db()
    assert order.number is None


# The stages of the region -----------------------------------------------------------------------


def test_the_regional_operator_chooses_the_stages_and_roadmaps_follow(cast, year, client_for):
    roadmap = school_services.roadmap_start(organization=cast.school, year=year, user=cast.curator)
    url = reverse("territory:roadmap-detail", args=[roadmap.pk])
    page = client_for("curator").get(url).content.decode()
    assert "5. Организация и осуществление работы наставнических пар (групп)" in page
    response = client_for("regional").post(reverse("territory:stage-template"), {"template": "seed002"})
    assert response.status_code == 302
    cast.school.municipality.region.refresh_from_db()
    assert cast.school.municipality.region.stage_template == Region.StageTemplate.REGIONAL
    page = client_for("curator").get(url).content.decode()
    assert "5. Формирование наставнических пар или групп" in page
    assert "6. Организация работы наставнических пар или групп" in page
    assert "7. Завершение наставничества" in page
    assert "Информационное сопровождение (на всех этапах)" in page


def test_only_a_regional_operator_chooses_the_stages(cast, client_for):
    url = reverse("territory:stage-template")
    assert client_for("regional").get(url).status_code == 200
    for role in ("municipal", "director", "curator", "admin", "nobody"):
        assert client_for(role).get(url).status_code == 403, role
        assert client_for(role).post(url, {"template": "seed002"}).status_code == 403, role
    assert client_for("regional").post(url, {"template": "mine"}).status_code == 200
    region = cast.school.municipality.region
    region.refresh_from_db()
    assert region.stage_template == Region.StageTemplate.SCHOOL_ANNEX


def test_every_stored_stage_has_a_place_in_both_templates(cast, year):
    roadmap = school_services.roadmap_start(organization=cast.school, year=year, user=cast.curator)
    events = list(roadmap.events.all())
    region = cast.school.municipality.region
    for template in Region.StageTemplate.values:
        region.stage_template = template
        groups = group_by_stage(region, events)
        assert sum(len(g["events"]) for g in groups) == len(events)
        assert len([g for g in groups if g["number"]]) == 7
    region.stage_template = Region.StageTemplate.SCHOOL_ANNEX
    assert [label for _, label in stage_choices(region)][3] == "4. Отбор и обучение"


def test_the_demo_step_shows_an_approved_edition_a_draft_and_the_regional_stages(surgut, cast, year):
    from apps.core.demo import DemoContext
    from apps.territory import municipal_demo

    ctx = DemoContext()
    for key, value in {
        "user_municipal": cast.municipal,
        "user_regional": cast.regional,
        "municipality": surgut,
        "region": surgut.region,
        "year": year,
    }.items():
        ctx[key] = value
    municipal_demo.seed(ctx)
    municipal_demo.seed(ctx)  # safe to repeat
    editions = list(MunicipalRegulation.objects.filter(municipality=surgut).order_by("created_at", "pk"))
    assert [e.status for e in editions] == ["approved", "draft"]
    assert editions[0].order.number == 1 and editions[1].versions.count() == 2
    surgut.region.refresh_from_db()
    assert surgut.region.stage_template == Region.StageTemplate.REGIONAL
