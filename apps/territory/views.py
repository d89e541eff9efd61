"""Pages of the territory app: the organisation's implementation roadmap, the coordinators' view of
their municipality or region, the disclosure consents and the regional base of mentors."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from apps.accounts.permissions import own_organization as _own_organization
from apps.accounts.permissions import require as _require
from apps.accounts.selectors import organizations_of
from apps.accounts.session import active_organization
from apps.core.db_router import reads_from_replica
from apps.core.exceptions import DomainError
from apps.core.forms import add_domain_error
from apps.core.idempotency import one_shot
from apps.core.xlsx import (
    Column,
    Sheet,
    content_disposition,
    dated_filename,
    workbook_response,
    xlsx_response,
)
from apps.orders.selectors import normative_documents
from apps.staff import selectors as staff_selectors
from apps.staff import services as staff_services
from apps.staff.forms import DisclosureConsentForm

from . import documents as documents_module
from . import exports, selectors, services
from . import portfolio as portfolio_module
from .filters import RegionalMentorFilter, TerritoryFilter
from .forms import (
    AnswerForm,
    AwardForm,
    RegulationProtocolForm,
    RegulationSectionForm,
    ReturnForm,
    RoadmapEventForm,
    RouteActionForm,
    RouteForm,
    RouteNoteForm,
    RouteProductForm,
    RouteTutorForm,
)
from .models import RoadmapEvent, RoadmapRemark, RouteAction
from .regional_report import kept_municipalities
from .regulation_model import missing_model_sections


def _year_or_404():
    year = selectors.current_year()
    if year is None:
        raise Http404("Текущий учебный год не задан.")
    return year


# The organisation's roadmap -----------------------------------------------------------------------


@login_required
def roadmap_current(request):
    """The active organisation's roadmap of the current year, or the offer to start one."""
    organization = _own_organization(request, "territory.view_roadmap")
    year = _year_or_404()
    roadmap = selectors.roadmap_of(organization=organization, year=year)
    if roadmap is not None:
        return redirect("territory:roadmap-detail", pk=roadmap.pk)
    return render(request, "territory/roadmap_start.html", {"organization": organization, "year": year})


@login_required
@require_POST
@one_shot
def roadmap_start(request):
    organization = _own_organization(request, "territory.start_roadmap")
    year = _year_or_404()
    try:
        roadmap = services.roadmap_start(organization=organization, year=year, user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("territory:roadmap-current")
    messages.success(request, "Дорожная карта создана по примерной: проверьте сроки и ответственных.")
    return redirect("territory:roadmap-detail", pk=roadmap.pk)


@login_required
def roadmap_detail(request, pk: int):
    roadmap = selectors.roadmap_for(user=request.user, pk=pk)
    _require(request.user, "territory.view_roadmap", roadmap.organization)
    context = {
        "roadmap": roadmap,
        "return_form": ReturnForm(),
        **selectors.roadmap_detail(roadmap, reader=request.user),
    }
    if request.GET.get("export") == "xlsx":
        return _roadmap_xlsx(roadmap, context)
    return render(request, "territory/roadmap_detail.html", context)


def _roadmap_xlsx(roadmap, context):
    rows = [
        (
            s["number"],
            e.title,
            e.deadline,
            e.responsible,
            e.expected_result,
            e.document,
            e.get_status_display(),
        )
        for s in context["stages"]
        for e in s["events"]
    ]
    sheet = Sheet(
        title="Дорожная карта",
        columns=[
            Column("Этап", 6),
            Column("Мероприятие", 60, wrap=True),
            Column("Срок", 12),
            Column("Ответственный", 24, wrap=True),
            Column("Ожидаемый результат", 40, wrap=True),
            Column("Документ", 36, wrap=True),
            Column("Статус", 14),
        ],
        rows=rows,
    )
    return xlsx_response(dated_filename(f"Дорожная карта {roadmap.organization.short_name}"), sheet)


def _editable_roadmap(request, pk: int):
    roadmap = selectors.roadmap_for(user=request.user, pk=pk)
    _require(request.user, "territory.edit_roadmap_role", roadmap)
    return roadmap


@login_required
@one_shot
def event_add(request, pk: int):
    roadmap = _editable_roadmap(request, pk)
    form = RoadmapEventForm(
        request.POST or None,
        initial={"deadline": roadmap.year.starts_on},
        region=selectors.roadmap_region(roadmap),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.event_add(roadmap=roadmap, data=form.cleaned_data, user=request.user)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Мероприятие добавлено.")
            return redirect("territory:roadmap-detail", pk=roadmap.pk)
    return render(request, "territory/event_form.html", {"roadmap": roadmap, "form": form})


@login_required
def event_edit(request, pk: int, event_pk: int):
    roadmap = _editable_roadmap(request, pk)
    event = selectors.event_for(roadmap=roadmap, pk=event_pk)
    form = RoadmapEventForm(
        request.POST or None,
        instance=RoadmapEvent.objects.get(pk=event.pk),
        region=selectors.roadmap_region(roadmap),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(event=event, data=form.cleaned_data, user=request.user)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Мероприятие сохранено.")
            return redirect("territory:roadmap-detail", pk=roadmap.pk)
    return render(request, "territory/event_form.html", {"roadmap": roadmap, "form": form, "event": event})


@login_required
@require_POST
def event_delete(request, pk: int, event_pk: int):
    roadmap = _editable_roadmap(request, pk)
    event = selectors.event_for(roadmap=roadmap, pk=event_pk)
    try:
        services.event_delete(event=event, user=request.user)
        messages.success(request, "Мероприятие удалено.")
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("territory:roadmap-detail", pk=roadmap.pk)


@login_required
@require_POST
def event_status(request, pk: int, event_pk: int):
    roadmap = selectors.roadmap_for(user=request.user, pk=pk)
    _require(request.user, "territory.mark_event", roadmap)
    event = selectors.event_for(roadmap=roadmap, pk=event_pk)
    try:
        services.event_set_status(event=event, status=request.POST.get("status", ""), user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect(f"{roadmap_url(roadmap)}#event-{event.pk}")


def roadmap_url(roadmap) -> str:
    from django.urls import reverse

    return reverse("territory:roadmap-detail", args=[roadmap.pk])


@login_required
@require_POST
def roadmap_approve(request, pk: int):
    roadmap = selectors.roadmap_for(user=request.user, pk=pk)
    _require(request.user, "territory.approve_roadmap_role", roadmap)
    try:
        services.roadmap_approve(roadmap=roadmap, director=request.user)
        messages.success(request, "Дорожная карта утверждена и направлена на согласование.")
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("territory:roadmap-detail", pk=roadmap.pk)


@login_required
@require_POST
def roadmap_agree(request, pk: int):
    roadmap = selectors.roadmap_for(user=request.user, pk=pk)
    _require(request.user, "territory.agree_roadmap_role", roadmap)
    try:
        services.roadmap_agree(roadmap=roadmap, coordinator=request.user)
        messages.success(request, "Дорожная карта согласована.")
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("territory:roadmap-detail", pk=roadmap.pk)


@login_required
def roadmap_return(request, pk: int):
    roadmap = selectors.roadmap_for(user=request.user, pk=pk)
    _require(request.user, "territory.agree_roadmap_role", roadmap)
    form = ReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.roadmap_return(
                roadmap=roadmap, coordinator=request.user, remarks=form.cleaned_data["remarks"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Дорожная карта возвращена с замечаниями.")
            return redirect("territory:roadmap-detail", pk=roadmap.pk)
    return render(request, "territory/roadmap_return.html", {"roadmap": roadmap, "form": form})


@login_required
@one_shot
def remark_answer(request, pk: int, remark_pk: int):
    roadmap = selectors.roadmap_for(user=request.user, pk=pk)
    _require(request.user, "territory.answer_remarks_role", roadmap)
    remark = get_object_or_404(RoadmapRemark, pk=remark_pk, roadmap=roadmap)
    form = AnswerForm(request.POST or None, initial={"answer": remark.answer})
    if request.method == "POST" and form.is_valid():
        try:
            services.remark_answer(remark=remark, answer=form.cleaned_data["answer"], user=request.user)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Ответ на замечание сохранён.")
            return redirect("territory:roadmap-detail", pk=roadmap.pk)
    return render(
        request, "territory/remark_answer.html", {"roadmap": roadmap, "remark": remark, "form": form}
    )


# Coordinators: the territory --------------------------------------------------------------------


@login_required
@reads_from_replica
def territory_overview(request):
    _require(request.user, "territory.view_territory")
    year = _year_or_404()
    # The rows without their figures: the page's 25 get theirs in one query (issue 18).
    scope = selectors.territory_scope(user=request.user)
    filterset = TerritoryFilter(request.GET, queryset=scope, scope=organizations_of(request.user), year=year)
    rows = filterset.qs
    # A whole municipality or region: its breakdown and its .xlsx are read from what is kept (issue 18).
    territory = selectors.whole_territory(
        user=request.user, filters=filterset.form.cleaned_data if filterset.form.is_valid() else None
    )
    if request.GET.get("export") == "xlsx":
        return _territory_xlsx(rows, year, territory)
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    selectors.attach_territory_figures(page.object_list, year=year)
    context = {
        "filter": filterset,
        "page_obj": page,
        "year": year,
        "indicator": selectors.indicator(rows, territory=territory, year=year),
        "breakdown": selectors.territory_breakdown(organizations=rows, year=year, territory=territory),
        # The share of the bank's mentors trained within three years (apps.training), one query.
        "trained": selectors.territory_trained(
            organizations=rows, today=timezone.localdate(), territory=territory, year=year
        ),
        # A whole region: its municipalities side by side, from their kept figures (issue 18).
        "municipalities": (
            kept_municipalities(region_id=territory[1], year=year)
            if territory and territory[0] == "r"
            else []
        ),
        "query": request.GET.urlencode(),
    }
    return render(request, "territory/overview.html", context)


def _territory_xlsx(rows, year, territory):
    """The region's (or municipality's) annual figures: the whole scope and each municipality summed, then
    every organisation (apps/territory/exports.py). A whole territory's workbook is the kept one (issue
    18: building it reads and writes every organisation); a filtered one is built now."""
    if territory is not None:
        workbook = exports.kept_territory_workbook(year=year, territory=territory)
    else:
        workbook = exports.territory_workbook(organizations=rows, year=year)
    return workbook_response(exports.workbook_filename(year, workbook.data_time), workbook.content)


@login_required
@reads_from_replica
def territory_organization(request, pk: int):
    """Drill-down to one organisation: aggregates; names only of people with a transfer consent."""
    year = _year_or_404()
    organization = selectors.territory_organization_for(user=request.user, pk=pk, year=year)
    _require(request.user, "territory.view_aggregates", organization)
    single = selectors.territory_scope(user=request.user).filter(pk=organization.pk)
    # rules.has_perm, not user.has_perm: Django grants a superuser every permission, and the portal's
    # technical administrator (a superuser in the demo) is no recipient of the transfer consent.
    may_see_names = rules.has_perm("territory.view_disclosed_mentors", request.user, organization)
    disclosed = selectors.disclosed_mentors(organization=organization, year=year) if may_see_names else []
    context = {
        "organization": organization,
        "year": year,
        "breakdown": selectors.territory_breakdown(organizations=single, year=year),
        "may_see_names": may_see_names,
        "disclosed": disclosed,
        "undisclosed": max(organization.n_mentors - len(disclosed), 0),
        # Signed orders depersonalised as on the public page (kind, number, date): never a title or a name.
        "documents": normative_documents(organization=organization),
    }
    return render(request, "territory/organization.html", context)


# Disclosure consents ----------------------------------------------------------------------------


@login_required
@one_shot
def consent_list(request):
    organization = _own_organization(request, "territory.manage_consents")
    form = DisclosureConsentForm(request.POST or None, organization=organization)
    if request.method == "POST" and form.is_valid():
        try:
            staff_services.disclosure_consent_record(**form.cleaned_data, user=request.user)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Согласие записано.")
            return redirect("territory:consent-list")
    page = Paginator(staff_selectors.disclosure_consents_of(organization=organization), 25).get_page(
        request.GET.get("page")
    )
    return render(
        request, "territory/consent_list.html", {"form": form, "page_obj": page, "organization": organization}
    )


@login_required
@require_POST
def consent_withdraw(request, pk: int):
    consent = staff_selectors.disclosure_consent_for(user=request.user, pk=pk)
    _require(request.user, "territory.manage_consents", consent.person.organization)
    try:
        staff_services.disclosure_consent_withdraw(consent=consent, user=request.user)
        messages.success(
            request, "Согласие отозвано: сведения больше не показываются за пределами организации."
        )
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("territory:consent-list")


# The regional base of mentors -------------------------------------------------------------------


@login_required
def regional_mentors(request):
    organization = _own_organization(request, "territory.search_region")
    year = _year_or_404()
    filterset = RegionalMentorFilter(
        request.GET, queryset=selectors.regional_mentors(organization=organization, year=year)
    )
    page = Paginator(filterset.qs, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "territory/regional_mentors.html",
        {
            "filter": filterset,
            "page_obj": page,
            "organization": organization,
            "year": year,
            "can_form_pairs": request.user.has_perm("pairs.manage_groups", organization),
        },
    )


# Individual educational routes (ИОМ) ------------------------------------------------------------


@login_required
def route_list(request):
    organization = active_organization(request)
    if organization is None or not request.user.has_perm("territory.list_routes", organization):
        raise PermissionDenied
    page = Paginator(selectors.routes_list(user=request.user, organization=organization), 25).get_page(
        request.GET.get("page")
    )
    can_manage = request.user.has_perm("territory.manage_routes", organization)
    return render(
        request,
        "territory/route_list.html",
        {"page_obj": page, "organization": organization, "can_manage": can_manage},
    )


@login_required
@one_shot
def route_create(request):
    organization = _own_organization(request, "territory.manage_routes")
    year = selectors.current_year()
    start = year.start_year if year else None
    form = RouteForm(
        request.POST or None,
        organization=organization,
        initial={"start_year": start, "end_year": start + 4 if start else None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            route = services.route_create(organization=organization, **form.cleaned_data, user=request.user)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Маршрут создан: начните с самоопределения педагога.")
            return redirect("territory:route-detail", pk=route.pk)
    return render(request, "territory/route_form.html", {"form": form})


def _route(request, pk: int, perm: str):
    route = selectors.route_for(user=request.user, pk=pk)
    _require(request.user, perm, route)
    return route


@login_required
def route_tutored(request):
    """The routes the signed-in tutor (ЦНППМ, ГМК) accompanies, in every school: their one page."""
    routes = list(selectors.tutored_routes(user=request.user))
    return render(request, "territory/route_tutored.html", {"routes": routes})


@login_required
@require_POST
def route_tutor(request, pk: int):
    route = _route(request, pk, "territory.manage_routes")
    form = RouteTutorForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Логин тьютора длиннее 254 символов.")
        return _back_to_route(route)
    try:
        route = services.route_tutor_set(
            route=route, tutor_login=form.cleaned_data["tutor_login"], user=request.user
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Тьютор назначен." if route.tutor_id else "Доступ тьютора снят.")
    return _back_to_route(route)


@login_required
def route_detail(request, pk: int):
    route = _route(request, pk, "territory.view_route")
    detail = selectors.route_detail(route)
    note_steps = [
        (s["number"], s["title"])
        for s in detail["steps"]
        if s["allowed"] and s["number"] in services.ROUTE_NOTE_STEPS
    ]
    context = {
        "route": route,
        **detail,
        "note_form": RouteNoteForm(steps=note_steps),
        "note_steps": note_steps,
        "action_form": RouteActionForm(),
        "product_form": RouteProductForm(),
    }
    return render(request, "territory/route_detail.html", context)


def _back_to_route(route):
    return redirect("territory:route-detail", pk=route.pk)


@login_required
@require_POST
@one_shot
def route_note_add(request, pk: int):
    route = _route(request, pk, "territory.write_route")
    try:
        step = int(request.POST.get("step", "0"))
        services.route_note_add(route=route, step=step, text=request.POST.get("text", ""), user=request.user)
        messages.success(request, "Запись добавлена.")
    except ValueError:
        messages.error(request, "Выберите шаг.")
    except DomainError as error:
        messages.error(request, error.message)
    return _back_to_route(route)


@login_required
@require_POST
@one_shot
def route_action_add(request, pk: int):
    route = _route(request, pk, "territory.write_route")
    form = RouteActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Заполните вид, мероприятие и срок.")
        return _back_to_route(route)
    try:
        services.route_action_add(route=route, **form.cleaned_data, user=request.user)
        messages.success(request, "Мероприятие добавлено в дорожную карту ИОМ.")
    except DomainError as error:
        messages.error(request, error.message)
    return _back_to_route(route)


@login_required
@require_POST
@one_shot
def route_product(request, pk: int, action_pk: int):
    route = _route(request, pk, "territory.write_route")
    action = get_object_or_404(RouteAction, pk=action_pk, route=route)
    form = RouteProductForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Укажите продукт и дату выполнения.")
        return _back_to_route(route)
    try:
        services.route_product_record(action=action, **form.cleaned_data, user=request.user)
        messages.success(request, "Продукт зафиксирован.")
    except DomainError as error:
        messages.error(request, error.message)
    return _back_to_route(route)


@login_required
@require_POST
def route_finish(request, pk: int):
    route = _route(request, pk, "territory.manage_routes")
    try:
        services.route_finish(route=route, user=request.user)
        messages.success(request, "Маршрут завершён.")
    except DomainError as error:
        messages.error(request, error.message)
    return _back_to_route(route)


# Documents --------------------------------------------------------------------------------------


def _pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(filename)
    response["Cache-Control"] = "no-store"
    return response


@login_required
def documents(request):
    organization = _own_organization(request, "territory.print_documents")
    year = _year_or_404()
    page = Paginator(selectors.mentors_for_letters(organizations=[organization.pk], year=year), 25).get_page(
        request.GET.get("page")
    )
    context = {
        "organization": organization,
        "year": year,
        "page_obj": page,
        "regulation": selectors.regulation_current(organization=organization),
        "awards": selectors.awards_of_organization(organization=organization)[:50],
    }
    return render(request, "territory/documents.html", context)


@login_required
def regulation_pdf(request):
    organization = _own_organization(request, "territory.print_documents")
    year = _year_or_404()
    roadmap = selectors.roadmap_of(organization=organization, year=year)
    detail = selectors.roadmap_detail(roadmap) if roadmap else None
    # ?edition=in-force prints the approved edition even while a new one is being drafted.
    if request.GET.get("edition") == "in-force":
        current = selectors.regulation_in_force(organization=organization)
    else:
        current = selectors.regulation_current(organization=organization)
    data = documents_module.regulation_pdf(
        organization=organization,
        roadmap_detail=detail,
        roadmap=roadmap,
        regulation=current,
        version=selectors.regulation_version(current) if current else None,
    )
    return _pdf_response(data, f"Положение о наставничестве {organization.short_name}.pdf")


@login_required
def thanks_pdf(request, pk: int):
    year = _year_or_404()
    scope = organizations_of(request.user).values("pk")
    entry = get_object_or_404(selectors.mentors_for_letters(organizations=scope, year=year), pk=pk)
    _require(request.user, "territory.print_documents", entry.organization)
    data = documents_module.thanks_pdf(entry=entry, year=year, groups=entry.n_groups)
    return _pdf_response(data, f"Благодарственное письмо {entry.person.short_name}.pdf")


@login_required
def regional_bank(request):
    _require(request.user, "territory.view_regional_bank")
    qs = selectors.regional_program_bank(user=request.user)
    q = (request.GET.get("q") or "").strip()
    if q:
        qs = qs.filter(title__icontains=q)
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    return render(request, "territory/regional_bank.html", {"page_obj": page, "q": q})


# The Regulation: editable draft, versions, approving order -------------------------------------


@login_required
def regulation(request):
    """The active organisation's Regulation: the draft being edited or the edition in force."""
    organization = _own_organization(request, "territory.edit_regulation")
    current = selectors.regulation_current(organization=organization)
    context = {"organization": organization, "regulation": current}
    if current is not None:
        version = selectors.regulation_version(current)
        context.update(
            version=version,
            sections=documents_module.numbered_sections(version.sections),
            versions=selectors.regulation_versions(current),
            editable=services.regulation_is_editable(current),
            editions=selectors.regulation_editions(organization=organization),
            in_force=selectors.regulation_in_force(organization=organization),
            missing=missing_model_sections(version.sections),
            protocol_form=RegulationProtocolForm(
                initial={
                    "council_protocol_number": current.council_protocol_number,
                    "council_protocol_date": current.council_protocol_date,
                }
            ),
        )
    return render(request, "territory/regulation.html", context)


@login_required
@require_POST
@one_shot
def regulation_start(request):
    organization = _own_organization(request, "territory.edit_regulation")
    try:
        services.regulation_start(organization=organization, user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Проект Положения создан: проверьте реквизиты и отредактируйте разделы.")
    return redirect("territory:regulation")


def _regulation(request, pk: int):
    regulation = selectors.regulation_for(user=request.user, pk=pk)
    _require(request.user, "territory.edit_regulation", regulation)
    return regulation


@login_required
def regulation_section(request, pk: int, number: int):
    regulation = _regulation(request, pk)
    version = selectors.regulation_version(regulation)
    if not 1 <= number <= len(version.sections):
        raise Http404("Такого раздела нет.")
    section = version.sections[number - 1]
    form = RegulationSectionForm(request.POST or None, initial=section)
    editable = services.regulation_is_editable(regulation)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.regulation_section_save(
                regulation=regulation, number=number, user=request.user, **form.cleaned_data
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, f"Раздел {number} сохранён (версия {saved.number}).")
            return redirect("territory:regulation")
    return render(
        request,
        "territory/regulation_section.html",
        {"regulation": regulation, "number": number, "form": form, "editable": editable},
    )


@login_required
@require_POST
def regulation_section_add(request, pk: int):
    """Add a section of the model text the edition lacks (a repeated request is refused: it is there)."""
    regulation = _regulation(request, pk)
    try:
        saved = services.regulation_section_add(
            regulation=regulation, key=request.POST.get("key", ""), user=request.user
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{saved.note} (версия {saved.number}).")
    return redirect("territory:regulation")


@login_required
def regulation_section_remove(request, pk: int, number: int):
    """Remove a section after a confirmation page; the title posted with it guards against removing
    the next one on a repeated request. The earlier versions keep the removed text."""
    regulation = _regulation(request, pk)
    if request.method != "POST":
        version = selectors.regulation_version(regulation)
        if not 1 <= number <= len(version.sections):
            raise Http404("Такого раздела нет.")
        return render(
            request,
            "territory/regulation_section_remove.html",
            {
                "regulation": regulation,
                "number": number,
                "section": documents_module.numbered_sections(version.sections)[number - 1],
                "editable": services.regulation_is_editable(regulation),
            },
        )
    try:
        saved = services.regulation_section_remove(
            regulation=regulation, number=number, title=request.POST.get("title", ""), user=request.user
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{saved.note} (версия {saved.number}).")
    return redirect("territory:regulation")


@login_required
def regulation_version(request, pk: int, number: int):
    regulation = _regulation(request, pk)
    version = selectors.regulation_version(regulation, number)
    return render(
        request,
        "territory/regulation_version.html",
        {
            "regulation": regulation,
            "version": version,
            "sections": documents_module.numbered_sections(version.sections),
        },
    )


@login_required
@require_POST
def regulation_protocol(request, pk: int):
    """The pedagogical council's protocol printed in «РАССМОТРЕНО …» at the top of the Regulation."""
    regulation = _regulation(request, pk)
    form = RegulationProtocolForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Проверьте номер и дату протокола педагогического совета.")
        return redirect("territory:regulation")
    try:
        services.regulation_council_protocol_set(
            regulation=regulation,
            number=form.cleaned_data["council_protocol_number"],
            on=form.cleaned_data["council_protocol_date"],
            user=request.user,
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Протокол педагогического совета сохранён.")
    return redirect("territory:regulation")


@login_required
@require_POST
@one_shot
def regulation_order(request, pk: int):
    regulation = _regulation(request, pk)
    try:
        order = services.regulation_order_create(regulation=regulation, user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("territory:regulation")
    messages.success(
        request,
        "Проект приказа об утверждении Положения создан. После подписи руководителем текст Положения "
        "больше не меняется.",
    )
    return redirect("orders:order-detail", pk=order.pk)


# Awards and the portfolio ----------------------------------------------------------------------


@login_required
@one_shot
def award_create(request):
    organization = _own_organization(request, "territory.issue_award")
    initial = {"on": timezone.localdate(), "person": request.GET.get("person") or None}
    form = AwardForm(request.POST or None, organization=organization, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            award = services.award_issue(
                organization=organization,
                person=data["person"],
                kind=data["kind"],
                reason=data["reason"],
                on=data["on"],
                user=request.user,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, f"{award} оформлено: {award.person.short_name}.")
            return redirect("territory:documents")
    return render(request, "territory/award_form.html", {"form": form, "organization": organization})


@login_required
def award_pdf(request, pk: int):
    award = selectors.award_for(user=request.user, pk=pk)
    _require(request.user, "territory.view_award", award)
    data = documents_module.award_pdf(award=award)
    kind = "Грамота" if award.kind == award.Kind.DIPLOMA else "Благодарственное письмо"
    return _pdf_response(data, f"{kind} № {award.number} {award.person.short_name}.pdf")


@login_required
def portfolio_pdf(request, pk: int):
    person = portfolio_module.person_for_portfolio(user=request.user, pk=pk)
    _require(request.user, "territory.view_portfolio", person)
    data = documents_module.portfolio_pdf(**portfolio_module.portfolio(person), today=timezone.localdate())
    return _pdf_response(data, f"Портфолио наставничества {person.short_name}.pdf")
