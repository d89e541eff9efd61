"""Writes of the territory app: the roadmap workflow (draft → approved by the director → agreed or
returned by the municipal coordinator), the editable Regulation approved by an order, the individual
routes and the awards of mentors. The disclosure consents are the staff registry's (``apps.staff``)."""

import re
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.html import strip_tags

from apps.core.exceptions import DomainError
from apps.core.russian import organization_name_in
from apps.organizations.models import Organization

from . import regulation_model_v1
from .model_roadmap import MODEL_EVENTS, deadline_for
from .models import (
    Award,
    Regulation,
    RegulationVersion,
    Roadmap,
    RoadmapEvent,
    RoadmapHistory,
    RoadmapRemark,
    Route,
    RouteAction,
    RouteNote,
    RouteStep,
)

EVENT_FIELDS = ("stage", "title", "deadline", "responsible", "expected_result", "document")


def _log(roadmap: Roadmap, *, from_status: str, action: str, user, comment: str = "") -> None:
    RoadmapHistory.objects.create(
        roadmap=roadmap,
        from_status=from_status,
        to_status=roadmap.status,
        action=action,
        comment=comment,
        user=user,
    )


def _lock(roadmap: Roadmap) -> Roadmap:
    return (
        Roadmap.objects.select_for_update(of=("self",))
        .select_related("year", "organization")
        .get(pk=roadmap.pk)
    )


@transaction.atomic
def roadmap_start(*, organization, year, user) -> Roadmap:
    """A new roadmap for the year, filled from the model roadmap of seed 001's annex."""
    if Roadmap.objects.filter(organization=organization, year=year).exists():
        raise DomainError(f"Дорожная карта на {year.label} учебный год уже есть.")
    try:
        with transaction.atomic():
            roadmap = Roadmap.objects.create(organization=organization, year=year, created_by=user)
    except IntegrityError:
        raise DomainError(f"Дорожная карта на {year.label} учебный год уже есть.") from None
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
        for i, (stage, title, month, responsible, result, document) in enumerate(MODEL_EVENTS)
    )
    _log(roadmap, from_status="", action="Создана по примерной дорожной карте", user=user)
    return roadmap


def _check_event_data(roadmap: Roadmap, data: dict) -> None:
    if not (data.get("title") or "").strip():
        raise DomainError("Укажите мероприятие.", field="title")
    if not (data.get("responsible") or "").strip():
        raise DomainError("Укажите ответственного.", field="responsible")
    deadline = data.get("deadline")
    if deadline is None:
        raise DomainError("Укажите срок.", field="deadline")
    if not (roadmap.year.starts_on <= deadline <= roadmap.year.ends_on):
        raise DomainError(
            f"Срок должен быть в пределах {roadmap.year.label} учебного года "
            f"({roadmap.year.starts_on:%d.%m.%Y} – {roadmap.year.ends_on:%d.%m.%Y}).",
            field="deadline",
        )


def _require_editable(roadmap: Roadmap) -> None:
    if not roadmap.is_editable:
        raise DomainError(
            "Дорожная карта утверждена: изменить её можно, только если координатор вернёт её с замечаниями."
        )


@transaction.atomic
def event_add(*, roadmap: Roadmap, data: dict, user) -> RoadmapEvent:
    roadmap = _lock(roadmap)
    _require_editable(roadmap)
    _check_event_data(roadmap, data)
    return RoadmapEvent.objects.create(roadmap=roadmap, **{f: data.get(f, "") for f in EVENT_FIELDS})


@transaction.atomic
def event_update(*, event: RoadmapEvent, data: dict, user) -> RoadmapEvent:
    roadmap = _lock(event.roadmap)
    _require_editable(roadmap)
    _check_event_data(roadmap, data)
    changed = [f for f in EVENT_FIELDS if getattr(event, f) != data.get(f, "")]
    for f in changed:
        setattr(event, f, data.get(f, ""))
    if changed:
        event.save(update_fields=[*changed, "updated_at"])
    return event


@transaction.atomic
def event_delete(*, event: RoadmapEvent, user) -> None:
    roadmap = _lock(event.roadmap)
    _require_editable(roadmap)
    event.delete()


@transaction.atomic
def event_set_status(*, event: RoadmapEvent, status: str, user, on: date | None = None) -> RoadmapEvent:
    """Marking execution is allowed in every state of the roadmap: it is how progress is reported."""
    if status not in RoadmapEvent.Status.values:
        raise DomainError("Неизвестный статус мероприятия.", field="status")
    on = on or timezone.localdate()
    event.status = status
    event.done_on = on if status == RoadmapEvent.Status.DONE else None
    event.save(update_fields=["status", "done_on", "updated_at"])
    return event


@transaction.atomic
def roadmap_approve(*, roadmap: Roadmap, director) -> Roadmap:
    """The director approves (утверждает) the roadmap; it goes to the municipal coordinator. A roadmap
    returned with remarks is approved again only when every remark has an answer."""
    roadmap = _lock(roadmap)
    from_status = roadmap.status
    roadmap.require_move(
        Roadmap.Status.APPROVED,
        "Утвердить можно только проект или возвращённую с замечаниями дорожную карту.",
    )
    if roadmap.status == Roadmap.Status.RETURNED and roadmap.remarks.filter(answer="").exists():
        raise DomainError("Сначала ответьте на все замечания муниципального координатора.")
    if not roadmap.events.exists():
        raise DomainError("В дорожной карте нет ни одного мероприятия.")
    roadmap.status, roadmap.approved_by, roadmap.approved_at = (
        Roadmap.Status.APPROVED,
        director,
        timezone.now(),
    )
    roadmap.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    _log(
        roadmap,
        from_status=from_status,
        action="Утверждена руководителем, направлена на согласование",
        user=director,
    )
    return roadmap


@transaction.atomic
def roadmap_agree(*, roadmap: Roadmap, coordinator) -> Roadmap:
    roadmap = _lock(roadmap)
    roadmap.require_move(
        Roadmap.Status.AGREED, "Согласовать можно только дорожную карту, утверждённую руководителем."
    )
    from_status = roadmap.status
    roadmap.status, roadmap.agreed_by, roadmap.agreed_at = Roadmap.Status.AGREED, coordinator, timezone.now()
    roadmap.save(update_fields=["status", "agreed_by", "agreed_at", "updated_at"])
    _log(roadmap, from_status=from_status, action="Согласована муниципальным координатором", user=coordinator)
    return roadmap


@transaction.atomic
def roadmap_return(*, roadmap: Roadmap, coordinator, remarks: str) -> Roadmap:
    """Return with remarks: each non-empty line becomes a remark the organisation must answer."""
    roadmap = _lock(roadmap)
    roadmap.require_move(
        Roadmap.Status.RETURNED, "Вернуть можно только дорожную карту, утверждённую руководителем."
    )
    lines = [line.strip() for line in (remarks or "").splitlines() if line.strip()]
    if not lines:
        raise DomainError(
            "Напишите замечания: без них организация не узнает, что исправить.", field="remarks"
        )
    from_status = roadmap.status
    RoadmapRemark.objects.bulk_create(
        RoadmapRemark(roadmap=roadmap, text=t, author=coordinator) for t in lines
    )
    roadmap.status = Roadmap.Status.RETURNED
    roadmap.save(update_fields=["status", "updated_at"])
    _log(
        roadmap,
        from_status=from_status,
        action="Возвращена муниципальным координатором с замечаниями",
        user=coordinator,
        comment="\n".join(lines),
    )
    return roadmap


@transaction.atomic
def remark_answer(*, remark: RoadmapRemark, answer: str, user) -> RoadmapRemark:
    roadmap = _lock(remark.roadmap)
    if roadmap.status != Roadmap.Status.RETURNED:
        raise DomainError("Отвечать на замечания можно, пока дорожная карта возвращена на доработку.")
    answer = (answer or "").strip()
    if not answer:
        raise DomainError("Напишите ответ на замечание.", field="answer")
    remark.answer, remark.answered_by, remark.answered_at = answer, user, timezone.now()
    remark.save(update_fields=["answer", "answered_by", "answered_at", "updated_at"])
    return remark


# Individual educational routes (ИОМ) ------------------------------------------------------------

ROUTE_NOTE_STEPS = (
    RouteStep.SELF_DETERMINATION,
    RouteStep.ACHIEVEMENTS,
    RouteStep.DEFICITS,
    RouteStep.CORRECTION,
    RouteStep.REFLECTION,
)


def route_tutor_account(login: str):
    """The tutor's account by its login or e-mail, typed by the curator: the portal never lists the accounts
    of other organisations. None for an empty login; a refusal when nobody or several match."""
    from django.contrib.auth import get_user_model

    login = (login or "").strip()
    if not login:
        return None
    users = list(
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(username__iexact=login) | Q(email__iexact=login))[:2]
    )
    if len(users) != 1:
        raise DomainError(
            "Учётная запись тьютора не найдена: проверьте логин или адрес электронной почты.",
            field="tutor_login",
        )
    return users[0]


@transaction.atomic
def route_create(
    *, organization, person, tutor_name: str = "", start_year: int, end_year: int, user, tutor_login: str = ""
) -> Route:
    if person.organization_id != organization.pk:
        raise DomainError("Педагог должен работать в этой организации.", field="person")
    if not (Route.MIN_YEARS <= end_year - start_year <= Route.MAX_YEARS):
        raise DomainError("ИОМ рассчитан на 4–5 лет: проверьте годы начала и окончания.", field="end_year")
    tutor = route_tutor_account(tutor_login)
    if tutor is not None and tutor.pk == getattr(person, "user_id", None):
        raise DomainError("Педагог не может быть тьютором своего маршрута.", field="tutor_login")
    tutor_name = (tutor_name or "").strip() or (tutor.get_full_name() if tutor else "")
    if not tutor_name:
        raise DomainError("Укажите тьютора, сопровождающего маршрут.", field="tutor_name")
    if Route.objects.filter(person=person, status=Route.Status.ACTIVE).exists():
        raise DomainError("У педагога уже есть действующий ИОМ.", field="person")
    return Route.objects.create(
        organization=organization,
        person=person,
        tutor_name=tutor_name,
        tutor=tutor,
        start_year=start_year,
        end_year=end_year,
        created_by=user,
    )


@transaction.atomic
def route_tutor_set(*, route: Route, tutor_login: str, user) -> Route:
    """Give a route its tutor's account (or take it away with an empty login): the routes entered with a
    typed name get their tutor this way."""
    route = Route.objects.select_for_update().get(pk=route.pk)
    if not user.has_perm("territory.manage_routes", route.organization):
        raise DomainError("Тьютора назначает руководитель или куратор организации.")
    tutor = route_tutor_account(tutor_login)
    if tutor is not None and tutor.pk == route.person.user_id:
        raise DomainError("Педагог не может быть тьютором своего маршрута.", field="tutor_login")
    route.tutor = tutor
    fields = ["tutor", "updated_at"]
    if tutor is not None:
        route.tutor_name = tutor.get_full_name() or route.tutor_name
        fields.append("tutor_name")
    route.save(update_fields=fields)
    return route


def _steps_done(route: Route) -> set[int]:
    done = set(route.notes.values_list("step", flat=True).distinct())
    if route.actions.exists():
        done.add(RouteStep.ROADMAP)
    if route.actions.filter(done_on__isnull=False).exists():
        done.add(RouteStep.REALISATION)
    return done


def route_next_allowed(done: set[int]) -> set[int]:
    """Which steps may be written now: the algorithm goes in order 1 → 2 → 3 → 4 → 5; correction (6)
    runs beside the realisation once a roadmap exists; reflection (7) needs at least one product."""
    allowed = {RouteStep.SELF_DETERMINATION}
    for step in (RouteStep.ACHIEVEMENTS, RouteStep.DEFICITS, RouteStep.ROADMAP):
        if step - 1 in done:
            allowed.add(step)
    if RouteStep.ROADMAP in done:
        allowed |= {RouteStep.REALISATION, RouteStep.CORRECTION}
    if RouteStep.REALISATION in done:
        allowed.add(RouteStep.REFLECTION)
    return allowed | (done & set(RouteStep.values))


def _require_step(route: Route, step: int) -> None:
    if route.status != Route.Status.ACTIVE:
        raise DomainError("Маршрут завершён.")
    if step not in route_next_allowed(_steps_done(route)):
        previous = (
            RouteStep(max(step - 1, 1)).label if step != RouteStep.REFLECTION else "реализация с продуктами"
        )
        raise DomainError(f"Сначала выполните предыдущий шаг: «{previous}».", field="step")


@transaction.atomic
def route_note_add(*, route: Route, step: int, text: str, user) -> RouteNote:
    route = Route.objects.select_for_update().get(pk=route.pk)
    if step not in ROUTE_NOTE_STEPS:
        raise DomainError("Этот шаг заполняется мероприятиями дорожной карты.", field="step")
    if not (text or "").strip():
        raise DomainError("Напишите содержание.", field="text")
    _require_step(route, step)
    return RouteNote.objects.create(route=route, step=step, text=text.strip(), author=user)


@transaction.atomic
def route_action_add(*, route: Route, kind: str, title: str, deadline: date, user) -> RouteAction:
    route = Route.objects.select_for_update().get(pk=route.pk)
    _require_step(route, RouteStep.ROADMAP)
    if not (title or "").strip():
        raise DomainError("Укажите мероприятие.", field="title")
    if not (route.start_year <= deadline.year <= route.end_year):
        raise DomainError(
            f"Срок должен быть в пределах маршрута ({route.start_year}–{route.end_year}).", field="deadline"
        )
    return RouteAction.objects.create(route=route, kind=kind, title=title.strip(), deadline=deadline)


@transaction.atomic
def route_product_record(
    *, action: RouteAction, product: str, attitude: str, done_on: date, user
) -> RouteAction:
    """Realisation: a done measure is fixed as a concrete pedagogical product (seed 002 §4.3.3 p. 5)."""
    route = Route.objects.select_for_update().get(pk=action.route_id)
    if route.status != Route.Status.ACTIVE:
        raise DomainError("Маршрут завершён.")
    if not (product or "").strip():
        raise DomainError(
            "Укажите педагогический продукт: методическая разработка, сценарий, диагностика…", field="product"
        )
    if done_on > timezone.localdate():
        raise DomainError("Дата выполнения не может быть в будущем.", field="done_on")
    action.product, action.attitude, action.done_on = product.strip(), (attitude or "").strip(), done_on
    action.save(update_fields=["product", "attitude", "done_on", "updated_at"])
    return action


@transaction.atomic
def route_finish(*, route: Route, user) -> Route:
    route = Route.objects.select_for_update().get(pk=route.pk)
    if route.status != Route.Status.ACTIVE:
        raise DomainError("Маршрут уже завершён.")
    if RouteStep.REFLECTION not in _steps_done(route):
        raise DomainError("Завершению маршрута предшествует рефлексивный анализ его эффективности (шаг 7).")
    route.status = Route.Status.FINISHED
    route.save(update_fields=["status", "updated_at"])
    return route


# The Regulation: versions of an editable draft, approval by the director's order ------------------

SECTION_TITLE_MAX = 200
SECTION_TEXT_MAX = 20_000
# Control characters, zero-width and bidirectional-override characters (they could reorder printed text).
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


def plain_text(text: str) -> str:
    """Plain text with paragraphs: no markup (tags are dropped; the PDF escapes whatever is left), no
    control characters, one paragraph per line, inner whitespace collapsed, empty lines removed."""
    text = _CONTROL_CHARS.sub("", strip_tags(str(text or "")).replace("\r\n", "\n").replace("\r", "\n"))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _regulation_frozen_message(regulation: Regulation) -> str | None:
    """Why the text of ``regulation`` cannot change now, or None when it can."""
    order = regulation.order
    if regulation.is_approved:
        signed = f" от {order.date:%d.%m.%Y} № {order.number}" if order and order.number else ""
        return (
            f"Положение утверждено приказом{signed}: текст изменить нельзя. "
            "Изменения вносятся новой редакцией, утверждаемой новым приказом."
        )
    if order is not None and order.status == order.Status.AWAITING_SIGNATURE:
        return (
            "Приказ об утверждении Положения направлен на подпись: текст изменить нельзя. "
            "Чтобы исправить текст, руководитель возвращает приказ на доработку."
        )
    if order is not None and order.status == order.Status.SIGNED:
        return "Приказ об утверждении Положения подписан: текст изменить нельзя."
    return None


def regulation_is_editable(regulation: Regulation) -> bool:
    return _regulation_frozen_message(regulation) is None


def _lock_regulation(regulation: Regulation) -> Regulation:
    return (
        Regulation.objects.select_for_update(of=("self",))
        .select_related("organization", "order")
        .get(pk=regulation.pk)
    )


def _latest_version(regulation: Regulation) -> RegulationVersion | None:
    return regulation.versions.order_by("-number").first()


@transaction.atomic
def regulation_start(*, organization, user) -> Regulation:
    """A new draft edition: from the edition in force when there is one, else from the model text
    with the organisation's details (name, address, director, curator) filled in."""
    from .documents import model_sections

    if Regulation.objects.filter(organization=organization, status=Regulation.Status.DRAFT).exists():
        raise DomainError("Проект Положения уже создан: продолжите его редактирование.")
    in_force = (
        Regulation.objects.filter(organization=organization, status=Regulation.Status.APPROVED)
        .order_by("-approved_at", "-pk")
        .first()
    )
    if in_force is not None:
        base = in_force.versions.get(number=in_force.approved_version).sections
        note = "Новая редакция на основе действующего Положения"
        upgraded = regulation_model_v1.upgraded(base, organization)
        if upgraded is not None:
            # Sections the school never edited in an edition approved on the first, shorter model text
            # take the current model's; its own sections stay as approved.
            base = upgraded
            note += (
                "; разделы примерного текста, не изменённые организацией, заменены полным примерным текстом"
            )
    else:
        base = model_sections(organization)
        note = "Примерное Положение с реквизитами организации"
    try:
        with transaction.atomic():
            regulation = Regulation.objects.create(organization=organization, created_by=user)
    except IntegrityError:
        raise DomainError("Проект Положения уже создан: продолжите его редактирование.") from None
    RegulationVersion.objects.create(regulation=regulation, number=1, sections=base, note=note, author=user)
    return regulation


def section_edited(sections: list[dict], *, number: int, title: str, text: str) -> tuple[list[dict], str]:
    """The sections of a Regulation (the school's or the municipality's) with section ``number`` (1-based)
    replaced, and the note of the new version; a DomainError at the field for bad or unchanged input."""
    sections = [dict(s) for s in sections]
    if not 1 <= number <= len(sections):
        raise DomainError("Такого раздела в Положении нет.")
    title = " ".join(plain_text(title).split())
    text = plain_text(text)
    if not title:
        raise DomainError("Укажите заголовок раздела.", field="title")
    if len(title) > SECTION_TITLE_MAX:
        raise DomainError(f"Заголовок раздела длиннее {SECTION_TITLE_MAX} символов.", field="title")
    if not text:
        raise DomainError("Раздел не может быть пустым: напишите хотя бы один пункт.", field="text")
    if len(text) > SECTION_TEXT_MAX:
        raise DomainError(f"Текст раздела длиннее {SECTION_TEXT_MAX} символов.", field="text")
    section = sections[number - 1]
    if (section.get("title"), section.get("text")) == (title, text):
        raise DomainError("Изменений нет: текст раздела совпадает с сохранённым.", field="text")
    # The key ties a section to the model text (``regulation_model``); an edited section keeps it.
    key = {"key": section["key"]} if section.get("key") else {}
    sections[number - 1] = {**key, "title": title, "text": text}
    return sections, f"Изменён раздел {number} «{title[:120]}»"


@transaction.atomic
def regulation_section_save(
    *, regulation: Regulation, number: int, title: str, text: str, user
) -> RegulationVersion:
    """Save one section (1-based ``number``): a new version of the whole text; the earlier ones stay."""
    regulation = _lock_regulation(regulation)
    frozen = _regulation_frozen_message(regulation)
    if frozen:
        raise DomainError(frozen)
    latest = _latest_version(regulation)
    sections, note = section_edited(latest.sections, number=number, title=title, text=text)
    return RegulationVersion.objects.create(
        regulation=regulation, number=latest.number + 1, sections=sections, note=note, author=user
    )


def _model_index(section: dict) -> int | None:
    """The place of a stored section in the model text (by its key, else by its title)."""
    from .regulation_model import model

    title = " ".join(section.get("title", "").lower().replace("ё", "е").split())
    for index, model_section in enumerate(model()):
        if section.get("key") == model_section.key:
            return index
        if title == " ".join(model_section.title.lower().replace("ё", "е").split()):
            return index
    return None


@transaction.atomic
def regulation_section_add(*, regulation: Regulation, key: str, user) -> RegulationVersion:
    """Add a section of the model text that this edition lacks (an edition started from an older,
    shorter model text), filled with the organisation's card, at its place in the model order."""
    from .regulation_model import missing_model_sections, model, model_sections

    regulation = _lock_regulation(regulation)
    frozen = _regulation_frozen_message(regulation)
    if frozen:
        raise DomainError(frozen)
    latest = _latest_version(regulation)
    sections = [dict(s) for s in latest.sections]
    if key not in {s.key for s in missing_model_sections(sections)}:
        raise DomainError("Этот раздел примерного текста уже есть в Положении.")
    new_index = [s.key for s in model()].index(key)
    section = next(s for s in model_sections(regulation.organization) if s["key"] == key)
    place = len(sections)
    for position, existing in enumerate(sections):
        index = _model_index(existing)
        if index is not None and index > new_index:
            place = position
            break
    sections.insert(place, section)
    return RegulationVersion.objects.create(
        regulation=regulation,
        number=latest.number + 1,
        sections=sections,
        note=f"Добавлен раздел {place + 1} «{section['title']}» примерного текста",
        author=user,
    )


@transaction.atomic
def regulation_section_remove(*, regulation: Regulation, number: int, title: str, user) -> RegulationVersion:
    """Remove section ``number`` (its ``title`` as the editor saw it, so that a repeated request
    never removes the next section); the points of the remaining sections renumber when printed."""
    regulation = _lock_regulation(regulation)
    frozen = _regulation_frozen_message(regulation)
    if frozen:
        raise DomainError(frozen)
    latest = _latest_version(regulation)
    sections = [dict(s) for s in latest.sections]
    if not 1 <= number <= len(sections) or sections[number - 1].get("title") != title:
        raise DomainError("Такого раздела в Положении нет: возможно, он уже удалён.")
    if len(sections) == 1:
        raise DomainError("В Положении должен остаться хотя бы один раздел.")
    removed = sections.pop(number - 1)
    return RegulationVersion.objects.create(
        regulation=regulation,
        number=latest.number + 1,
        sections=sections,
        note=f"Удалён раздел {number} «{removed['title'][:120]}»",
        author=user,
    )


@transaction.atomic
def regulation_council_protocol_set(
    *, regulation: Regulation, number: str, on: date | None, user
) -> Regulation:
    """The protocol of the pedagogical council that considered the text (number and date, both or
    neither): printed as «РАССМОТРЕНО на заседании педагогического совета, протокол от … № …»."""
    regulation = _lock_regulation(regulation)
    frozen = _regulation_frozen_message(regulation)
    if frozen:
        raise DomainError(frozen)
    number = " ".join((number or "").split())
    if number and on is None:
        raise DomainError("Укажите дату протокола педагогического совета.", field="council_protocol_date")
    if on is not None and not number:
        raise DomainError("Укажите номер протокола педагогического совета.", field="council_protocol_number")
    if len(number) > 20:
        raise DomainError("Номер протокола длиннее 20 символов.", field="council_protocol_number")
    if on is not None and on > timezone.localdate():
        raise DomainError(
            "Дата протокола педагогического совета не может быть позже сегодняшней.",
            field="council_protocol_date",
        )
    if (regulation.council_protocol_number, regulation.council_protocol_date) == (number, on):
        raise DomainError("Изменений нет: протокол уже указан.", field="council_protocol_number")
    regulation.council_protocol_number, regulation.council_protocol_date = number, on
    regulation.save(update_fields=["council_protocol_number", "council_protocol_date", "updated_at"])
    return regulation


REGULATION_PREAMBLE = (
    "В соответствии с Федеральным законом от 29.12.2012 № 273-ФЗ «Об образовании в Российской "
    "Федерации», статьёй 351.8 Трудового кодекса Российской Федерации, Методическими рекомендациями по "
    "разработке и внедрению системы (целевой модели) наставничества педагогических работников в "
    "образовательных организациях (письмо Министерства просвещения Российской Федерации от 21.12.2021 "
    "№ АЗ-1128/08), в целях создания условий для профессионального роста педагогических работников"
)


@transaction.atomic
def regulation_order_create(*, regulation: Regulation, user):
    """A draft order «Об утверждении Положения…» tied to this edition; signing it approves the text."""
    from apps.orders.models import DEFAULT_TITLES, Order
    from apps.orders.services import order_create

    regulation = _lock_regulation(regulation)
    frozen = _regulation_frozen_message(regulation)
    if frozen:
        raise DomainError(frozen)
    if regulation.order is not None:
        raise DomainError("Проект приказа об утверждении этого Положения уже создан.")
    organization = regulation.organization
    name_in = organization_name_in(organization.full_name or organization.short_name, "prepositional")
    order = order_create(
        organization=regulation.organization,
        kind=Order.Kind.REGULATION,
        title=DEFAULT_TITLES[Order.Kind.REGULATION],
        preamble=REGULATION_PREAMBLE,
        items=[
            f"Утвердить Положение о системе наставничества педагогических работников в {name_in} "
            "(приложение).",
            "Куратору реализации программ наставничества ознакомить педагогических работников с Положением.",
            "Разместить Положение на странице «Наставничество» официального сайта организации.",
        ],
        participants=[],
        created_by=user,
    )
    regulation.order = order
    regulation.save(update_fields=["order", "updated_at"])
    return order


def regulation_approve_by_order(order) -> None:
    """Effect of signing an order of kind REGULATION (inside the signing transaction): the edition
    tied to it is approved with its latest version and frozen from now on."""
    for regulation in Regulation.objects.select_for_update().filter(
        order=order, status=Regulation.Status.DRAFT
    ):
        latest = _latest_version(regulation)
        regulation.status = Regulation.Status.APPROVED
        regulation.approved_version = latest.number
        regulation.approved_at = order.signed_at
        regulation.save(update_fields=["status", "approved_version", "approved_at", "updated_at"])


# Awards: letters of thanks and diplomas ------------------------------------------------------------

AWARD_REASON_MAX = 1000


@transaction.atomic
def award_issue(*, organization, person, kind: str, reason: str, on: date, user) -> Award:
    """The director awards a mentor of the organisation; the award gets the next number of the
    organisation's register in the calendar year of its date."""
    from apps.banks.models import MentorEntry
    from apps.orders.services import director_signature

    if kind not in Award.Kind.values:
        raise DomainError("Выберите вид поощрения.", field="kind")
    if person.organization_id != organization.pk:
        raise DomainError("Педагог работает в другой организации.", field="person")
    if not MentorEntry.objects.filter(
        organization=organization,
        person=person,
        status__in=(*MentorEntry.APPROVED_STATUSES, MentorEntry.Status.RELEASED),
    ).exists():
        raise DomainError(
            "Поощрение оформляется наставнику: педагога нет в банке наставников.", field="person"
        )
    reason = " ".join(plain_text(reason).split())
    if not reason:
        raise DomainError("Напишите, за что награждается наставник.", field="reason")
    if len(reason) > AWARD_REASON_MAX:
        raise DomainError(f"Текст длиннее {AWARD_REASON_MAX} символов.", field="reason")
    if on is None:
        raise DomainError("Укажите дату.", field="on")
    if on > timezone.localdate():
        raise DomainError("Дата поощрения не может быть в будущем.", field="on")
    # The organisation row is the lock that keeps the register's numbers consecutive.
    Organization.objects.select_for_update().filter(pk=organization.pk).first()
    last = Award.objects.filter(organization=organization, year=on.year).aggregate(n=Max("number"))["n"]
    return Award.objects.create(
        organization=organization,
        person=person,
        kind=kind,
        reason=reason,
        date=on,
        year=on.year,
        number=(last or 0) + 1,
        signer_position=organization.director_position or "Директор",
        signer_name=director_signature(user),
        issued_by=user,
    )


def erase_person_data(*, person) -> tuple[dict[str, int], dict[str, int]]:
    """Destruction after a withdrawal (152-ФЗ art. 21 p. 5): the individual routes (ИОМ, with their
    notes and actions) are deleted. The awards stay: each is a numbered document of the organisation's
    register signed by the director (kept like an order). Returns the destroyed counts and the kept
    counts."""
    routes = Route.objects.filter(person=person)
    route_ids = list(routes.values_list("pk", flat=True))
    RouteNote.objects.filter(route_id__in=route_ids).delete()
    RouteAction.objects.filter(route_id__in=route_ids).delete()
    destroyed = {"routes": routes.delete()[0]}
    return destroyed, {"awards": Award.objects.filter(person=person).count()}
