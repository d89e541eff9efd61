"""Pages of the cooperation agreements: the list and card for a school's director and curator (the
school's own agreements, and its municipality's to read) and for the municipal coordinator (the
municipality's); the scan; the people of a school's agreement."""

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from apps.accounts.models import Role
from apps.accounts.session import active_organization
from apps.core.exceptions import DomainError
from apps.core.forms import add_domain_error
from apps.core.idempotency import one_shot
from apps.core.uploads import KINDS

from . import selectors, services
from .forms import AgreementForm, PartnerPersonForm


def _scope(request):
    """(organization, municipality): the school the user manages, else the municipality they coordinate."""
    organization = active_organization(request)
    if organization is not None and request.user.has_perm("partners.keep_school_agreements", organization):
        return organization, None
    for m in request.user.active_memberships:
        if m.role == Role.MUNICIPAL and m.municipality_id:
            return None, m.municipality
    raise PermissionDenied


@login_required
def agreement_list(request):
    organization, municipality = _scope(request)
    if organization is not None:
        agreements = selectors.agreements_of_school(organization=organization)
    else:
        agreements = selectors.agreements_of_municipality(municipality=municipality)
    return render(
        request,
        "partners/agreement_list.html",
        {"agreements": list(agreements), "organization": organization, "municipality": municipality},
    )


def _form_page(request, *, agreement=None, organization=None, municipality=None):
    form = AgreementForm(request.POST or None, request.FILES or None, instance=agreement)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "scan"}
        scan = request.FILES.get("scan")
        try:
            if agreement is None:
                agreement = services.agreement_create(
                    user=request.user,
                    data=data,
                    organization=organization,
                    municipality=municipality,
                    scan=scan,
                )
            else:
                agreement = services.agreement_update(
                    agreement=agreement, user=request.user, data=data, scan=scan
                )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Соглашение сохранено.")
            return redirect("partners:agreement-detail", pk=agreement.pk)
    return render(request, "partners/agreement_form.html", {"form": form, "agreement": agreement})


@login_required
@one_shot
def agreement_create(request):
    organization, municipality = _scope(request)
    return _form_page(request, organization=organization, municipality=municipality)


def _agreement(request, pk: int, perm: str):
    agreement = selectors.agreement_for(user=request.user, pk=pk)
    if not request.user.has_perm(perm, agreement):
        raise PermissionDenied
    return agreement


@login_required
def agreement_edit(request, pk: int):
    agreement = _agreement(request, pk, "partners.change_agreement")
    # A fresh instance for the form: a refused save must not show half-applied values.
    return _form_page(request, agreement=agreement)


@login_required
def agreement_detail(request, pk: int):
    agreement = _agreement(request, pk, "partners.view_agreement")
    can_change = request.user.has_perm("partners.change_agreement", agreement)
    # The people of a school's agreement are the school's registry: only its managers see them.
    show_people = agreement.organization_id is not None and can_change
    form = None
    if show_people and agreement.status == agreement.Status.ACTIVE:
        form = PartnerPersonForm(people=selectors.people_to_add(agreement))
    return render(
        request,
        "partners/agreement_detail.html",
        {
            "agreement": agreement,
            "can_change": can_change,
            "people": selectors.people_of(agreement) if show_people else [],
            "show_people": show_people,
            "form": form,
        },
    )


@login_required
def agreement_scan(request, pk: int):
    agreement = _agreement(request, pk, "partners.view_agreement")
    if not agreement.scan:
        raise Http404("Скан соглашения не загружен")
    try:
        stream = agreement.scan.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("Файл не найден в хранилище") from None
    suffix = PurePath(agreement.scan.name).suffix.lower()
    kind = next((k for k in KINDS.values() if suffix in k.extensions), None)
    response = FileResponse(
        stream,
        as_attachment=True,
        filename=f"Соглашение № {agreement.number} от {agreement.signed_on:%d.%m.%Y}{suffix}",
        content_type=kind.content_type if kind else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
@one_shot
def person_add(request, pk: int):
    agreement = _agreement(request, pk, "partners.change_agreement")
    form = PartnerPersonForm(request.POST, people=selectors.people_to_add(agreement))
    if form.is_valid():
        try:
            services.partner_person_add(
                agreement=agreement,
                person=form.cleaned_data["person"],
                role=form.cleaned_data["role"],
                position_at_partner=form.cleaned_data["position_at_partner"],
                user=request.user,
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Педагог отмечен как работник организации-партнёра.")
    else:
        messages.error(request, "Выберите педагога из реестра организации.")
    return redirect("partners:agreement-detail", pk=agreement.pk)


@login_required
@require_POST
def person_remove(request, pk: int, person_id: int):
    agreement = _agreement(request, pk, "partners.change_agreement")
    try:
        services.partner_person_remove(agreement=agreement, person_id=person_id, user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Отметка о работе в организации-партнёре снята.")
    return redirect("partners:agreement-detail", pk=agreement.pk)
