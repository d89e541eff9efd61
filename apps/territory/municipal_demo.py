"""Demo of the municipality's documents: the authority's card of «город Сургут», its Regulation
approved by a registered order of the Department, a draft second edition with one section changed,
and the region's choice of the seven stages of seed 002 §IV."""

from datetime import date

from apps.organizations.models import Region

from . import municipal_services
from .municipal_models import MunicipalRegulation


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
