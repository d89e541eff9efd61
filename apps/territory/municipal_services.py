"""Writes of the municipality's documents: editions and versions of the municipal Regulation, the
authority's order that approves an edition (drafted here, registered once the head has signed it,
numbered without gaps in the authority's register of the year), and the region's stage template."""

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from apps.core.exceptions import DomainError
from apps.core.names import initials_surname
from apps.organizations.models import Municipality, Region

from .model_roadmap import MUNICIPAL_MODEL_EVENTS, deadline_for
from .models import Roadmap, RoadmapEvent, RoadmapRemark
from .municipal_documents import model_sections, municipality_in
from .municipal_models import MunicipalOrder, MunicipalRegulation, MunicipalRegulationVersion
from .services import _lock as _lock_roadmap
from .services import _log, section_edited

ORDER_TITLE = (
    "Об утверждении Положения о системе наставничества педагогических работников в муниципальных "
    "образовательных организациях {muni_gen}"
)
ORDER_PREAMBLE = (
    "Во исполнение пункта 33 распоряжения Правительства Российской Федерации от 31.12.2019 № 3273-р "
    "«Об утверждении основных принципов национальной системы профессионального роста педагогических "
    "работников Российской Федерации, включая национальную систему учительского роста», в соответствии "
    "с Методическими рекомендациями по разработке и внедрению системы (целевой модели) наставничества "
    "педагогических работников в образовательных организациях (письмо Министерства просвещения "
    "Российской Федерации от 21.12.2021 № АЗ-1128/08), в целях реализации регионального комплекса мер "
    "(«дорожной карты») по внедрению системы (целевой модели) наставничества педагогических работников"
)


def _frozen_message(regulation: MunicipalRegulation) -> str | None:
    if regulation.is_approved:
        order = regulation.order
        return (
            f"Положение утверждено приказом от {order.date:%d.%m.%Y} № {order.number}: текст изменить "
            "нельзя. Изменения вносятся новой редакцией, утверждаемой новым приказом."
        )
    return None


def municipal_regulation_is_editable(regulation: MunicipalRegulation) -> bool:
    return _frozen_message(regulation) is None


def _lock(regulation: MunicipalRegulation) -> MunicipalRegulation:
    return (
        MunicipalRegulation.objects.select_for_update(of=("self",))
        .select_related("municipality__region", "order")
        .get(pk=regulation.pk)
    )


def _latest(regulation: MunicipalRegulation) -> MunicipalRegulationVersion:
    return regulation.versions.order_by("-number").first()


@transaction.atomic
def municipal_regulation_start(*, municipality: Municipality, user) -> MunicipalRegulation:
    """A new draft edition: from the edition in force when there is one, else from the model text
    (seed 000) with the municipality's and the authority's names declined."""
    if MunicipalRegulation.objects.filter(
        municipality=municipality, status=MunicipalRegulation.Status.DRAFT
    ).exists():
        raise DomainError("Проект Положения уже создан: продолжите его редактирование.")
    in_force = (
        MunicipalRegulation.objects.filter(
            municipality=municipality, status=MunicipalRegulation.Status.APPROVED
        )
        .order_by("-approved_at", "-pk")
        .first()
    )
    if in_force is not None:
        sections = in_force.versions.get(number=in_force.approved_version).sections
        order = in_force.order
        note = (
            "Новая редакция на основе Положения, утверждённого приказом "
            f"от {order.date:%d.%m.%Y} № {order.number}"
        )
    else:
        sections = model_sections(municipality)
        note = "Примерное Положение с наименованиями муниципалитета и органа управления образованием"
    try:
        with transaction.atomic():
            regulation = MunicipalRegulation.objects.create(municipality=municipality, created_by=user)
    except IntegrityError:
        raise DomainError("Проект Положения уже создан: продолжите его редактирование.") from None
    MunicipalRegulationVersion.objects.create(
        regulation=regulation, number=1, sections=sections, note=note, author=user
    )
    return regulation


@transaction.atomic
def municipal_regulation_section_save(
    *, regulation: MunicipalRegulation, number: int, title: str, text: str, user
) -> MunicipalRegulationVersion:
    """Save one section (1-based ``number``): a new version of the whole text; earlier ones stay."""
    regulation = _lock(regulation)
    frozen = _frozen_message(regulation)
    if frozen:
        raise DomainError(frozen)
    latest = _latest(regulation)
    sections, note = section_edited(latest.sections, number=number, title=title, text=text)
    return MunicipalRegulationVersion.objects.create(
        regulation=regulation, number=latest.number + 1, sections=sections, note=note, author=user
    )


def order_items(municipality: Municipality) -> list[str]:
    muni_gen = municipality_in(municipality, "genitive")
    return [
        "Утвердить прилагаемое Положение о системе наставничества педагогических работников в "
        f"муниципальных образовательных организациях {muni_gen}.",
        "Муниципальному координатору реализации системы наставничества обеспечить согласование "
        "дорожных карт внедрения системы наставничества образовательных организаций и контроль их "
        "реализации, не реже одного раза в год проводить самодиагностику с оформлением справки.",
        "Руководителям муниципальных образовательных организаций: разработать и утвердить положения о "
        "системе наставничества педагогических работников и дорожные карты по их реализации; "
        "разместить положения на официальных сайтах образовательных организаций.",
        "Контроль за исполнением настоящего приказа оставляю за собой.",
    ]


@transaction.atomic
def municipal_order_create(*, regulation: MunicipalRegulation, user) -> MunicipalOrder:
    """A draft order of the authority «Об утверждении Положения…» for this edition, to print and sign."""
    regulation = _lock(regulation)
    frozen = _frozen_message(regulation)
    if frozen:
        raise DomainError(frozen)
    if regulation.order_id is not None:
        raise DomainError("Проект приказа об утверждении этого Положения уже создан.")
    municipality = regulation.municipality
    if not municipality.authority_name:
        raise DomainError(
            "В карточке муниципалитета не указан орган управления образованием: без него приказ не оформить."
        )
    order = MunicipalOrder.objects.create(
        municipality=municipality,
        title=ORDER_TITLE.format(muni_gen=municipality_in(municipality, "genitive")),
        preamble=ORDER_PREAMBLE,
        items=order_items(municipality),
        place=municipality.locality,
        authority_name=municipality.authority_name,
        signer_position=municipality.authority_head_position,
        signer_name=_initials(municipality.authority_head_name),
        created_by=user,
    )
    regulation.order = order
    regulation.save(update_fields=["order", "updated_at"])
    return order


def _initials(full_name: str) -> str:
    parts = (full_name or "").split()
    return initials_surname(parts[0], *parts[1:3]) if len(parts) >= 2 else (full_name or "")


@transaction.atomic
def municipal_order_register(*, order: MunicipalOrder, signed_on: date, user) -> MunicipalOrder:
    """The head of the authority has signed the printed order on ``signed_on``: it takes the next
    number of the authority's register of the year (no gaps: the municipality row is the lock) and
    the edition it approves is approved with its latest version and frozen."""
    Municipality.objects.select_for_update().filter(pk=order.municipality_id).first()
    order = MunicipalOrder.objects.select_for_update().get(pk=order.pk)
    if order.is_signed:
        raise DomainError("Приказ уже зарегистрирован.")
    if signed_on is None:
        raise DomainError("Укажите дату подписания приказа.", field="signed_on")
    if signed_on > timezone.localdate():
        raise DomainError("Дата подписания не может быть позже сегодняшней.", field="signed_on")
    regulation = MunicipalRegulation.objects.select_for_update().filter(order=order).first()
    if regulation is None or regulation.is_approved:
        raise DomainError("Приказ не связан с проектом Положения.")
    if not (order.signer_position and order.signer_name):
        municipality = order.municipality
        if not (municipality.authority_head_position and municipality.authority_head_name):
            raise DomainError(
                "В карточке муниципалитета не указаны должность и ФИО руководителя органа управления "
                "образованием, подписавшего приказ."
            )
        order.signer_position = municipality.authority_head_position
        order.signer_name = _initials(municipality.authority_head_name)
    last = MunicipalOrder.objects.filter(
        municipality_id=order.municipality_id, year=signed_on.year
    ).aggregate(n=Max("number"))["n"]
    now = timezone.now()
    order.status, order.date, order.year, order.number = (
        MunicipalOrder.Status.SIGNED,
        signed_on,
        signed_on.year,
        (last or 0) + 1,
    )
    order.registered_by, order.registered_at = user, now
    order.save()
    latest = _latest(regulation)
    regulation.status = MunicipalRegulation.Status.APPROVED
    regulation.approved_version, regulation.approved_at = latest.number, now
    regulation.save(update_fields=["status", "approved_version", "approved_at", "updated_at"])
    return order


@transaction.atomic
def region_stage_template_set(*, region: Region, template: str, user) -> Region:
    """The region's choice of the seven stages its roadmaps show (``apps.territory.stages``)."""
    if template not in Region.StageTemplate.values:
        raise DomainError("Выберите один из двух перечней этапов.", field="template")
    region = Region.objects.select_for_update().get(pk=region.pk)
    if region.stage_template == template:
        raise DomainError("Этот перечень этапов уже выбран.", field="template")
    region.stage_template = template
    region.save(update_fields=["stage_template", "updated_at"])
    return region


# The municipality's own roadmap ------------------------------------------------------------------
# The school's roadmap machinery (``Roadmap`` with its events, remarks and history; ``services.event_*``
# and ``services.remark_answer``) held by the municipality: the municipal coordinator drafts and approves
# it, the regional operator of the region agrees it or returns it with remarks.


def municipal_roadmap_start(*, municipality: Municipality, year, user):
    """A new roadmap of the municipality for the year, filled from the municipal events of seed 002."""

    taken = f"Дорожная карта муниципалитета на {year.label} учебный год уже есть."
    if Roadmap.objects.filter(municipality=municipality, year=year).exists():
        raise DomainError(taken)
    try:
        with transaction.atomic():
            roadmap = Roadmap.objects.create(municipality=municipality, year=year, created_by=user)
            RoadmapEvent.objects.bulk_create(
                RoadmapEvent(
                    roadmap=roadmap,
                    stage=stage,
                    position=i,
                    title=title,
                    deadline=deadline_for(year.start_year, month),
                    responsible=responsible,
                    expected_result=result,
                    document=document,
                )
                for i, (stage, title, month, responsible, result, document) in enumerate(
                    MUNICIPAL_MODEL_EVENTS
                )
            )
            _log(roadmap, from_status="", action="Создана по примерной дорожной карте", user=user)
    except IntegrityError:
        raise DomainError(taken) from None
    return roadmap


@transaction.atomic
def municipal_roadmap_approve(*, roadmap, coordinator):
    """The municipal coordinator approves the roadmap and sends it to the regional operator; a returned
    one only once every remark has an answer."""

    roadmap = _lock_roadmap(roadmap)
    from_status = roadmap.status
    roadmap.require_move(
        Roadmap.Status.APPROVED,
        "Утвердить можно только проект или возвращённую с замечаниями дорожную карту.",
    )
    if roadmap.status == Roadmap.Status.RETURNED and roadmap.remarks.filter(answer="").exists():
        raise DomainError("Сначала ответьте на все замечания регионального оператора.")
    if not roadmap.events.exists():
        raise DomainError("В дорожной карте нет ни одного мероприятия.")
    roadmap.status, roadmap.approved_by, roadmap.approved_at = (
        Roadmap.Status.APPROVED,
        coordinator,
        timezone.now(),
    )
    roadmap.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    _log(
        roadmap,
        from_status=from_status,
        action="Утверждена муниципальным координатором, направлена на согласование",
        user=coordinator,
    )
    return roadmap


@transaction.atomic
def municipal_roadmap_agree(*, roadmap, operator):

    roadmap = _lock_roadmap(roadmap)
    roadmap.require_move(
        Roadmap.Status.AGREED, "Согласовать можно только дорожную карту, утверждённую координатором."
    )
    from_status = roadmap.status
    roadmap.status, roadmap.agreed_by, roadmap.agreed_at = Roadmap.Status.AGREED, operator, timezone.now()
    roadmap.save(update_fields=["status", "agreed_by", "agreed_at", "updated_at"])
    _log(roadmap, from_status=from_status, action="Согласована региональным оператором", user=operator)
    return roadmap


@transaction.atomic
def municipal_roadmap_return(*, roadmap, operator, remarks: str):
    """Return with remarks: each non-empty line becomes a remark the coordinator must answer."""

    roadmap = _lock_roadmap(roadmap)
    roadmap.require_move(
        Roadmap.Status.RETURNED, "Вернуть можно только дорожную карту, утверждённую координатором."
    )
    lines = [line.strip() for line in (remarks or "").splitlines() if line.strip()]
    if not lines:
        raise DomainError(
            "Напишите замечания: без них координатор не узнает, что исправить.", field="remarks"
        )
    from_status = roadmap.status
    RoadmapRemark.objects.bulk_create(RoadmapRemark(roadmap=roadmap, text=t, author=operator) for t in lines)
    roadmap.status = Roadmap.Status.RETURNED
    roadmap.save(update_fields=["status", "updated_at"])
    _log(
        roadmap,
        from_status=from_status,
        action="Возвращена региональным оператором с замечаниями",
        user=operator,
        comment="\n".join(lines),
    )
    return roadmap
