"""Pages of the municipality's documents (its Regulation, the authority's order, the справка on the
schools' roadmaps and self-diagnosis) and of the region's stage template."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from apps.accounts.permissions import require as _require
from apps.core.db_router import reads_from_replica
from apps.core.exceptions import DomainError
from apps.core.forms import DateInput, add_domain_error
from apps.core.idempotency import one_shot
from apps.core.xlsx import content_disposition
from apps.organizations.models import Region

from . import municipal_documents, municipal_selectors, municipal_services, services
from .documents import signature_of
from .forms import AnswerForm, RegulationSectionForm, ReturnForm, RoadmapEventForm
from .models import RoadmapEvent, RoadmapRemark
from .regulation_model import numbered_sections
from .selectors import current_year, event_for, roadmap_detail, roadmap_region
from .stages import TEMPLATES


def _pdf(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(name)
    response["Cache-Control"] = "no-store"
    return response


def _municipality(request, pk: int, perm: str = "territory.view_municipal_documents"):
    municipality = municipal_selectors.municipality_for(user=request.user, pk=pk)
    _require(request.user, perm, municipality)
    return municipality


@login_required
@require_GET
def municipal_list(request):
    """The municipalities of the coordinator's scope; a municipal coordinator goes to her own."""
    _require(request.user, "territory.view_territory")
    municipalities = list(municipal_selectors.municipalities_of(request.user).order_by("name"))
    if len(municipalities) == 1:
        return redirect("territory:municipal-detail", pk=municipalities[0].pk)
    return render(request, "territory/municipal/list.html", {"municipalities": municipalities})


@login_required
@require_GET
@reads_from_replica
def municipal_detail(request, pk: int):
    """The municipality's page of documents (its Regulation's editions, the roadmap's state), read from
    the replica like the territory pages it is reached from (issue #18). The coordinator's own edits keep
    her next reads on the primary (``PrimaryAfterWriteMiddleware``), and every action offered here is
    checked again by its service on the primary, so a lagging replica only delays what she sees."""
    municipality = _municipality(request, pk)
    editions = municipal_selectors.editions(municipality=municipality)
    current = next((e for e in editions if not e.is_approved), None) or next(iter(editions), None)
    version = municipal_selectors.version_of(current) if current else None
    context = {
        "municipality": municipality,
        "editions": editions,
        "regulation": current,
        "version": version,
        "sections": numbered_sections(version.sections) if version else [],
        "versions": municipal_selectors.versions_of(current) if current else [],
        "editable": bool(current and municipal_services.municipal_regulation_is_editable(current)),
        "can_edit": request.user.has_perm("territory.edit_municipal_documents", municipality),
        "in_force": next((e for e in editions if e.is_approved), None),
        "year": current_year(),
        "roadmap": municipal_selectors.municipal_roadmap_of(municipality=municipality, year=current_year()),
    }
    return render(request, "territory/municipal/detail.html", context)


@login_required
@require_POST
@one_shot
def municipal_regulation_start(request, pk: int):
    municipality = _municipality(request, pk, "territory.edit_municipal_documents")
    try:
        municipal_services.municipal_regulation_start(municipality=municipality, user=request.user)
        messages.success(request, "Проект Положения составлен: проверьте разделы и подготовьте приказ.")
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("territory:municipal-detail", pk=municipality.pk)


def _regulation(request, pk: int, perm: str):
    regulation = municipal_selectors.municipal_regulation_for(user=request.user, pk=pk)
    _require(request.user, perm, regulation.municipality)
    return regulation


@login_required
def municipal_regulation_section(request, pk: int, number: int):
    regulation = _regulation(request, pk, "territory.edit_municipal_documents")
    version = municipal_selectors.version_of(regulation)
    if not 1 <= number <= len(version.sections):
        raise Http404("Такого раздела нет.")
    section = version.sections[number - 1]
    form = RegulationSectionForm(
        request.POST or None, initial={"title": section["title"], "text": section["text"]}
    )
    if request.method == "POST" and form.is_valid():
        try:
            municipal_services.municipal_regulation_section_save(
                regulation=regulation, number=number, user=request.user, **form.cleaned_data
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, f"Раздел {number} сохранён как новая версия.")
            return redirect("territory:municipal-detail", pk=regulation.municipality_id)
    return render(
        request,
        "territory/municipal/section.html",
        {
            "regulation": regulation,
            "municipality": regulation.municipality,
            "number": number,
            "form": form,
            "editable": municipal_services.municipal_regulation_is_editable(regulation),
        },
    )


@login_required
@require_GET
def municipal_regulation_version(request, pk: int, number: int):
    regulation = _regulation(request, pk, "territory.view_municipal_documents")
    version = municipal_selectors.version_of(regulation, number)
    return render(
        request,
        "territory/municipal/version.html",
        {
            "regulation": regulation,
            "municipality": regulation.municipality,
            "version": version,
            "sections": numbered_sections(version.sections),
        },
    )


@login_required
@require_GET
def municipal_regulation_pdf(request, pk: int):
    """An edition as a PDF (a draft marked «ПРОЕКТ»), for the coordinators."""
    regulation = _regulation(request, pk, "territory.view_municipal_documents")
    version = municipal_selectors.version_of(regulation)
    data = municipal_documents.regulation_pdf(regulation=regulation, version=version)
    return _pdf(data, f"Положение о наставничестве {regulation.municipality.name}.pdf")


@login_required
@require_GET
def municipal_regulation_in_force_pdf(request, pk: int):
    """The approved Regulation of the municipality: its coordinators and the people of its schools."""
    municipality = municipal_selectors.municipality_readable_for(user=request.user, pk=pk)
    _require(request.user, "territory.read_municipal_regulation", municipality)
    regulation = municipal_selectors.regulation_in_force(municipality=municipality)
    if regulation is None:
        raise Http404("Положение муниципалитета ещё не утверждено.")
    version = municipal_selectors.version_of(regulation)
    data = municipal_documents.regulation_pdf(regulation=regulation, version=version)
    return _pdf(data, f"Положение о наставничестве {municipality.name}.pdf")


@login_required
@require_POST
@one_shot
def municipal_order_create(request, pk: int):
    regulation = _regulation(request, pk, "territory.edit_municipal_documents")
    try:
        municipal_services.municipal_order_create(regulation=regulation, user=request.user)
        messages.success(request, "Проект приказа подготовлен: распечатайте его и передайте на подпись.")
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("territory:municipal-detail", pk=regulation.municipality_id)


def _order(request, pk: int, perm: str):
    order = municipal_selectors.municipal_order_for(user=request.user, pk=pk)
    _require(request.user, perm, order.municipality)
    return order


@login_required
@require_GET
def municipal_order_pdf(request, pk: int):
    order = _order(request, pk, "territory.view_municipal_documents")
    regulation = order.regulation
    version = municipal_selectors.version_of(regulation)
    data = municipal_documents.order_pdf(order=order, regulation=regulation, version=version)
    suffix = f" № {order.number}" if order.number else " (проект)"
    return _pdf(data, f"Приказ{suffix}.pdf")


class RegisterForm(forms.Form):
    signed_on = forms.DateField(label="Дата подписания приказа", widget=DateInput())


@login_required
def municipal_order_register(request, pk: int):
    """The head of the authority signed the printed order: its date is recorded, the number given."""
    order = _order(request, pk, "territory.edit_municipal_documents")
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            order = municipal_services.municipal_order_register(
                order=order, signed_on=form.cleaned_data["signed_on"], user=request.user
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, f"Приказ зарегистрирован под № {order.number}: Положение утверждено.")
            return redirect("territory:municipal-detail", pk=order.municipality_id)
    return render(
        request,
        "territory/municipal/register.html",
        {"order": order, "municipality": order.municipality, "form": form},
    )


@login_required
@require_GET
def municipal_certificate_pdf(request, pk: int):
    """«Справка по итогам контроля реализации дорожных карт и самодиагностики» of the current year."""
    municipality = _municipality(request, pk)
    year = current_year()
    if year is None:
        raise Http404("Текущий учебный год не задан.")
    rows, indicator = municipal_selectors.certificate_rows(
        user=request.user, municipality=municipality, year=year
    )
    if request.user.has_perm("territory.edit_municipal_documents", municipality):
        position = "Муниципальный координатор"
    else:
        position = "Региональный оператор"
    data = municipal_documents.certificate_pdf(
        municipality=municipality,
        year=year,
        rows=rows,
        indicator=indicator,
        regulation=municipal_selectors.regulation_in_force(municipality=municipality),
        roadmap=municipal_selectors.municipal_roadmap_of(municipality=municipality, year=year),
        signer_position=position,
        signer_name=signature_of(request.user.get_full_name()),
    )
    return _pdf(data, f"Справка по дорожным картам {municipality.name} {year.label}.pdf")


class StageTemplateForm(forms.Form):
    template = forms.ChoiceField(
        label="Этапы дорожной карты", choices=Region.StageTemplate.choices, widget=forms.RadioSelect
    )


@login_required
def stage_template(request):
    """The regional operator chooses which seven stages the region's roadmaps follow."""
    _require(request.user, "territory.choose_stage_template")
    region = municipal_selectors.regional_region(request.user)
    if region is None:
        raise PermissionDenied
    form = StageTemplateForm(request.POST or None, initial={"template": region.stage_template})
    if request.method == "POST" and form.is_valid():
        try:
            municipal_services.region_stage_template_set(
                region=region, template=form.cleaned_data["template"], user=request.user
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Перечень этапов выбран: дорожные карты региона показываются по нему.")
            return redirect("territory:stage-template")
    options = [
        {"value": value, "label": label, "stages": TEMPLATES[value], "chosen": value == region.stage_template}
        for value, label in Region.StageTemplate.choices
    ]
    return render(
        request,
        "territory/municipal/stage_template.html",
        {"region": region, "form": form, "options": options},
    )


# The municipality's own roadmap ------------------------------------------------------------------


@login_required
@require_GET
def municipal_roadmap(request, pk: int):
    """The municipality's roadmap of the current year: events by the region's stages, remarks, history."""
    municipality = _municipality(request, pk)
    year = current_year()
    roadmap = municipal_selectors.municipal_roadmap_of(municipality=municipality, year=year)
    user = request.user
    context = {
        "municipality": municipality,
        "year": year,
        "roadmap": roadmap,
        "can_edit": user.has_perm("territory.edit_municipal_documents", municipality),
        "can_agree": user.has_perm("territory.agree_municipal_roadmap", municipality),
    }
    if roadmap is not None:
        context.update(roadmap_detail(roadmap))
    return render(request, "territory/municipal/roadmap.html", context)


@login_required
@require_POST
@one_shot
def municipal_roadmap_start(request, pk: int):
    municipality = _municipality(request, pk, "territory.edit_municipal_documents")
    year = current_year()
    if year is None:
        raise Http404("Текущий учебный год не задан.")
    try:
        municipal_services.municipal_roadmap_start(municipality=municipality, year=year, user=request.user)
        messages.success(request, "Дорожная карта составлена по примерной: проверьте мероприятия и сроки.")
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("territory:municipal-roadmap", pk=municipality.pk)


def _roadmap(request, pk: int, perm: str):
    roadmap = municipal_selectors.municipal_roadmap_for(user=request.user, pk=pk)
    _require(request.user, perm, roadmap.municipality)
    return roadmap


def _back(roadmap):
    return redirect("territory:municipal-roadmap", pk=roadmap.municipality_id)


def _form_page(request, roadmap, form, *, heading: str, submit: str, **extra):
    context = {"roadmap": roadmap, "municipality": roadmap.municipality, "form": form, "heading": heading}
    context.update(submit=submit, **extra)
    return render(request, "territory/municipal/roadmap_form.html", context)


@login_required
@one_shot
def municipal_roadmap_event_add(request, pk: int):
    roadmap = _roadmap(request, pk, "territory.edit_municipal_documents")
    form = RoadmapEventForm(
        request.POST or None, initial={"deadline": roadmap.year.starts_on}, region=roadmap_region(roadmap)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.event_add(roadmap=roadmap, data=form.cleaned_data, user=request.user)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Мероприятие добавлено.")
            return _back(roadmap)
    return _form_page(request, roadmap, form, heading="Новое мероприятие", submit="Добавить", one_shot=True)


@login_required
def municipal_roadmap_event_edit(request, pk: int, event_pk: int):
    roadmap = _roadmap(request, pk, "territory.edit_municipal_documents")
    event = event_for(roadmap=roadmap, pk=event_pk)
    form = RoadmapEventForm(
        request.POST or None, instance=RoadmapEvent.objects.get(pk=event.pk), region=roadmap_region(roadmap)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(event=event, data=form.cleaned_data, user=request.user)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Мероприятие сохранено.")
            return _back(roadmap)
    return _form_page(
        request, roadmap, form, heading="Мероприятие дорожной карты", submit="Сохранить", event=event
    )


@login_required
@require_POST
def municipal_roadmap_event_delete(request, pk: int, event_pk: int):
    roadmap = _roadmap(request, pk, "territory.edit_municipal_documents")
    event = event_for(roadmap=roadmap, pk=event_pk)
    try:
        services.event_delete(event=event, user=request.user)
        messages.success(request, "Мероприятие удалено.")
    except DomainError as error:
        messages.error(request, error.message)
    return _back(roadmap)


@login_required
@require_POST
def municipal_roadmap_event_status(request, pk: int, event_pk: int):
    """The coordinator marks an event done (or back to the plan) in any state: how progress is reported."""
    roadmap = _roadmap(request, pk, "territory.edit_municipal_documents")
    event = event_for(roadmap=roadmap, pk=event_pk)
    try:
        services.event_set_status(event=event, status=request.POST.get("status", ""), user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect(
        f"{reverse('territory:municipal-roadmap', args=[roadmap.municipality_id])}#event-{event.pk}"
    )


@login_required
@require_POST
def municipal_roadmap_approve(request, pk: int):
    roadmap = _roadmap(request, pk, "territory.edit_municipal_documents")
    try:
        municipal_services.municipal_roadmap_approve(roadmap=roadmap, coordinator=request.user)
        messages.success(
            request, "Дорожная карта утверждена и направлена на согласование региональному оператору."
        )
    except DomainError as error:
        messages.error(request, error.message)
    return _back(roadmap)


@login_required
@require_POST
def municipal_roadmap_agree(request, pk: int):
    roadmap = _roadmap(request, pk, "territory.agree_municipal_roadmap")
    try:
        municipal_services.municipal_roadmap_agree(roadmap=roadmap, operator=request.user)
        messages.success(request, "Дорожная карта муниципалитета согласована.")
    except DomainError as error:
        messages.error(request, error.message)
    return _back(roadmap)


@login_required
def municipal_roadmap_return(request, pk: int):
    roadmap = _roadmap(request, pk, "territory.agree_municipal_roadmap")
    form = ReturnForm(request.POST or None)
    form.fields["remarks"].help_text = "Каждое замечание с новой строки: координатор ответит на каждое."
    if request.method == "POST" and form.is_valid():
        try:
            municipal_services.municipal_roadmap_return(
                roadmap=roadmap, operator=request.user, remarks=form.cleaned_data["remarks"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Дорожная карта возвращена координатору с замечаниями.")
            return _back(roadmap)
    return _form_page(
        request, roadmap, form, heading="Вернуть дорожную карту с замечаниями", submit="Вернуть"
    )


@login_required
@one_shot
def municipal_roadmap_remark_answer(request, pk: int, remark_pk: int):
    roadmap = _roadmap(request, pk, "territory.edit_municipal_documents")
    remark = get_object_or_404(RoadmapRemark, pk=remark_pk, roadmap=roadmap)
    form = AnswerForm(request.POST or None, initial={"answer": remark.answer})
    if request.method == "POST" and form.is_valid():
        try:
            services.remark_answer(remark=remark, answer=form.cleaned_data["answer"], user=request.user)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Ответ на замечание сохранён.")
            return _back(roadmap)
    return _form_page(
        request, roadmap, form, heading="Ответ на замечание", submit="Сохранить", remark=remark, one_shot=True
    )
