"""Pages of the risk register: the organisation's register with the risks detected from its data, the
entry's card and its transitions, and the coordinators' sums by school and risk."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from apps.accounts.permissions import require as _require
from apps.accounts.session import active_organization
from apps.audit.selectors import object_history
from apps.core.exceptions import DomainError
from apps.core.forms import add_domain_error
from apps.core.idempotency import one_shot
from apps.organizations.models import AcademicYear, Municipality
from apps.programs.selectors import today

from . import selectors, services
from .catalogue import SHORT_TITLES, RiskKind, measures_text
from .detection import detect, detect_all
from .forms import CloseForm, EntryForm
from .models import RiskEntry


def _organization(request, perm: str):
    organization = active_organization(request)
    if organization is None:
        raise PermissionDenied
    _require(request.user, perm, organization)
    return organization


def _year(request, years: list[AcademicYear]) -> AcademicYear:
    """The year asked for (``?year=``), else the current one, else the latest."""
    pk = request.GET.get("year") or request.POST.get("year")
    if pk and str(pk).isdigit():
        year = next((y for y in years if y.pk == int(pk)), None)
    else:
        year = next((y for y in years if y.is_current), None) or (years[0] if years else None)
    if year is None:
        raise Http404("Учебный год не найден.")
    return year


def _entry(request, pk: int, perm: str) -> RiskEntry:
    entry = selectors.entry_for(user=request.user, pk=pk)
    _require(request.user, perm, entry)
    return entry


@login_required
def register(request):
    """The register of the active organisation and the six risks as the portal's data shows them."""
    organization = _organization(request, "risks.view_register")
    years = selectors.years()
    year = _year(request, years)
    on = today()
    entries = list(selectors.register(organization=organization, year=year, on=on))
    findings = detect_all(organization=organization, year=year, on=on)
    context = {
        "organization": organization,
        "year": year,
        "years": years,
        "entries": entries,
        "findings": findings,
        "waiting": selectors.waiting(findings, entries),
        "open_count": sum(1 for e in entries if not e.is_closed),
        "overdue_count": sum(1 for e in entries if e.is_overdue),
    }
    return render(request, "risks/register.html", context)


@login_required
@require_POST
@one_shot
def detected_add(request, kind: str):
    """«Внести в реестр»: the detected risk, prefilled, in one click."""
    organization = _organization(request, "risks.manage_register")
    if kind not in RiskKind.values:
        raise Http404
    year = _year(request, selectors.years())
    try:
        entry = services.entry_register_detected(
            organization=organization, year=year, kind=kind, user=request.user
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(f"{_register_url()}?year={year.pk}")
    messages.success(request, "Риск внесён в реестр: проверьте ответственного, меры и срок.")
    return redirect("risks:entry-detail", pk=entry.pk)


def _register_url() -> str:
    from django.urls import reverse

    return reverse("risks:register")


@login_required
@one_shot
def entry_create(request):
    """A risk the curator enters herself (the measures of the chosen risk are offered)."""
    organization = _organization(request, "risks.manage_register")
    year = _year(request, selectors.years())
    kind = request.GET.get("kind")
    initial = {"due_on": None}
    if kind in RiskKind.values:
        initial = {"kind": kind, "measure": measures_text(kind)}
    form = EntryForm(
        request.POST or None,
        owners=selectors.owners(organization),
        initial={**initial, "owner": request.user},
    )
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.entry_create(
                organization=organization, year=year, user=request.user, **form.cleaned_data
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Риск внесён в реестр.")
            return redirect("risks:entry-detail", pk=entry.pk)
    return render(
        request,
        "risks/entry_form.html",
        {
            "form": form,
            "organization": organization,
            "year": year,
            "entry": None,
            "kinds": list(SHORT_TITLES.items()),
        },
    )


@login_required
def entry_detail(request, pk: int):
    entry = _entry(request, pk, "risks.view_register")
    on = today()
    # What the rule of this risk finds today: the curator sees whether the measures work before closing.
    finding = (
        None
        if entry.is_closed
        else detect(entry.kind, organization=entry.organization, year=entry.year, on=on)
    )
    return render(
        request,
        "risks/entry_detail.html",
        {
            "entry": entry,
            "finding": finding,
            "is_overdue": not entry.is_closed and entry.due_on < on,
            "history": object_history(entry),
            "close_form": CloseForm(),
        },
    )


@login_required
def entry_edit(request, pk: int):
    entry = _entry(request, pk, "risks.manage_register")
    if entry.is_closed:
        messages.error(request, "Снятый риск не изменяется.")
        return redirect("risks:entry-detail", pk=entry.pk)
    detected = entry.source == RiskEntry.Source.DETECTED
    form = EntryForm(
        request.POST or None, instance=entry, owners=selectors.owners(entry.organization), detected=detected
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.entry_update(entry=entry, data=form.cleaned_data, user=request.user)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Изменения сохранены.")
            return redirect("risks:entry-detail", pk=entry.pk)
    return render(
        request,
        "risks/entry_form.html",
        {"form": form, "organization": entry.organization, "year": entry.year, "entry": entry},
    )


@login_required
@require_POST
def entry_start(request, pk: int):
    entry = _entry(request, pk, "risks.manage_register")
    try:
        services.entry_start(entry=entry, user=request.user)
        messages.success(request, "Риск взят в работу.")
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("risks:entry-detail", pk=entry.pk)


@login_required
def entry_close(request, pk: int):
    entry = _entry(request, pk, "risks.manage_register")
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.entry_close(entry=entry, result=form.cleaned_data["result"], user=request.user)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Риск снят.")
            return redirect("risks:entry-detail", pk=entry.pk)
    return render(request, "risks/entry_close.html", {"entry": entry, "form": form})


@login_required
def territory(request):
    """The coordinators' table: entries not closed and overdue, by school and risk, with the sums."""
    _require(request.user, "risks.view_territory")
    years = selectors.years()
    year = _year(request, years)
    municipalities = selectors.territory_municipalities(user=request.user)
    chosen = request.GET.get("municipality")
    municipality: Municipality | None = None
    if chosen and chosen.isdigit():
        municipality = next((m for m in municipalities if m.pk == int(chosen)), None)
    context = {
        "year": year,
        "years": years,
        "municipalities": municipalities,
        "municipality": municipality,
        **selectors.territory_sums(user=request.user, year=year, on=today(), municipality=municipality),
    }
    return render(request, "risks/territory.html", context)
