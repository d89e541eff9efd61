"""Demo of the municipality's documents: the authority's card of «город Сургут», its Regulation
approved by a registered order of the Department, a draft second edition with one section changed,
the region's choice of the seven stages of seed 002 §IV, and the municipality's own roadmap of the year:
returned once by the regional operator with a remark, answered, approved again and agreed."""

from datetime import date

from apps.organizations.models import Region

from . import municipal_services, services
from .models import Roadmap, RoadmapEvent, Stage
from .municipal_models import MunicipalRegulation


def _roadmap(ctx, municipality, municipal) -> None:
    regional, year = ctx.objects.get("user_regional"), ctx["year"]
    if regional is None or Roadmap.objects.filter(municipality=municipality, year=year).exists():
        return
    roadmap = municipal_services.municipal_roadmap_start(municipality=municipality, year=year, user=municipal)
    first = roadmap.events.order_by("deadline", "position").first()
    services.event_set_status(
        event=first, status=RoadmapEvent.Status.DONE, user=municipal, on=date(year.start_year, 9, 15)
    )
    municipal_services.municipal_roadmap_approve(roadmap=roadmap, coordinator=municipal)
    municipal_services.municipal_roadmap_return(
        roadmap=roadmap,
        operator=regional,
        remarks="Добавьте муниципальный методический семинар для кураторов наставничества.",
    )
    services.event_add(
        roadmap=roadmap,
        data={
            "stage": Stage.SELECTION,
            "title": "Муниципальный методический семинар для кураторов наставничества образовательных "
            "организаций",
            "deadline": date(year.start_year, 11, 20),
            "responsible": "МОУО, муниципальный координатор",
            "expected_result": "Кураторы знают порядок ведения банков наставников и наставляемых",
            "document": "Протокол семинара",
        },
        user=municipal,
    )
    services.remark_answer(
        remark=roadmap.remarks.get(),
        answer="Семинар включён в этап отбора и обучения наставников, срок — 20 ноября.",
        user=municipal,
    )
    municipal_services.municipal_roadmap_approve(roadmap=roadmap, coordinator=municipal)
    municipal_services.municipal_roadmap_agree(roadmap=roadmap, operator=regional)


def seed(ctx) -> None:
    municipal = ctx.objects.get("user_municipal")
    municipality, region = ctx.objects.get("municipality"), ctx.objects.get("region")
    if not (municipal and municipality and region):
        return
    changed = {
        "authority_head_position": "Директор департамента",
        "authority_head_name": "Томазова Анна Николаевна",
        "locality": "г. Сургут",
    }
    if any(getattr(municipality, field) != value for field, value in changed.items()):
        for field, value in changed.items():
            setattr(municipality, field, value)
        municipality.save(update_fields=[*changed, "updated_at"])
    region.refresh_from_db(fields=["stage_template"])
    if region.stage_template != Region.StageTemplate.REGIONAL:
        municipal_services.region_stage_template_set(
            region=region, template=Region.StageTemplate.REGIONAL, user=ctx.objects.get("user_regional")
        )
    _roadmap(ctx, municipality, municipal)
    if MunicipalRegulation.objects.filter(municipality=municipality).exists():
        return
    first = municipal_services.municipal_regulation_start(municipality=municipality, user=municipal)
    order = municipal_services.municipal_order_create(regulation=first, user=municipal)
    municipal_services.municipal_order_register(
        order=order, signed_on=date(ctx["year"].start_year, 9, 15), user=municipal
    )
    second = municipal_services.municipal_regulation_start(municipality=municipality, user=municipal)
    section = second.versions.get(number=1).sections[5]
    municipal_services.municipal_regulation_section_save(
        regulation=second,
        number=6,
        title=section["title"],
        text=section["text"]
        + "\nСправка по итогам контроля реализации дорожных карт и самодиагностики рассматривается на "
        "совещании руководителей муниципальных образовательных организаций в январе.",
        user=municipal,
    )
