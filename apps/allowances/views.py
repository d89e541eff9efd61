"""Pages of the allowance basis: the organisation's list, a basis with its lines, the curator's prepare,
refresh and correction, the director's approval (with the password, as an order's signature), the
closing of the month, and the downloads: PDF for signature, .xlsx, the file for 1С:ЗУП."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from apps.accounts.permissions import own_organization as _own_organization
from apps.accounts.permissions import require as _require
from apps.core.exceptions import DomainError
from apps.core.forms import add_domain_error
from apps.core.idempotency import one_shot
from apps.core.xlsx import content_disposition

from . import documents, exports, selectors, services
from .forms import ApproveForm, CorrectionForm, PrepareForm
from .periods import month_label


def _basis(request, pk: int, perm: str):
    basis = selectors.basis_for(user=request.user, pk=pk)
    _require(request.user, perm, basis)
    return basis


def _stem(basis) -> str:
    stem = f"Основание доплаты наставникам {basis.month:02d}.{basis.year}"
    return f"{stem} исправление" if basis.corrects_id else stem


def _attachment(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"  # names and sums of the school's staff
    return response


@login_required
def basis_list(request):
    organization = _own_organization(request, "allowances.view_bases")
    bases = list(selectors.bases_of(user=request.user, organization=organization))
    return render(request, "allowances/basis_list.html", {"organization": organization, "bases": bases})


@login_required
@one_shot
def basis_prepare(request):
    organization = _own_organization(request, "allowances.prepare_basis")
    form = PrepareForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        year, month = form.cleaned_data["month"]
        try:
            basis = services.basis_prepare(
                organization=organization, year=year, month=month, user=request.user
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request, f"Основание за {month_label(year, month)} подготовлено: проверьте строки."
            )
            return redirect("allowances:basis-detail", pk=basis.pk)
    return render(request, "allowances/basis_prepare.html", {"organization": organization, "form": form})


@login_required
def basis_detail(request, pk: int):
    basis = _basis(request, pk, "allowances.view_basis")
    lines = selectors.lines_of(basis)
    return render(
        request,
        "allowances/basis_detail.html",
        {
            "basis": basis,
            "lines": lines,
            "total": sum((line.amount_due or 0 for line in lines), 0),
            "correction_form": CorrectionForm(),
        },
    )


@login_required
@require_POST
def basis_refresh(request, pk: int):
    basis = _basis(request, pk, "allowances.refresh_basis")
    try:
        services.basis_refresh(basis=basis, user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Строки основания пересчитаны по текущим данным.")
    return redirect("allowances:basis-detail", pk=basis.pk)


@login_required
def basis_approve(request, pk: int):
    """GET: the confirmation page; POST: approve after re-entering the password."""
    basis = _basis(request, pk, "allowances.approve_basis")
    form = ApproveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.basis_approve(basis=basis, director=request.user, password=form.cleaned_data["password"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Основание утверждено: бухгалтерия может начислять доплату.")
            return redirect("allowances:basis-detail", pk=basis.pk)
    lines = selectors.lines_of(basis)
    return render(
        request,
        "allowances/basis_approve.html",
        {"basis": basis, "form": form, "lines": lines, "total": sum((x.amount_due or 0 for x in lines), 0)},
    )


@login_required
@require_POST
def basis_close(request, pk: int):
    basis = _basis(request, pk, "allowances.close_basis")
    try:
        services.basis_close(basis=basis, user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Месяц закрыт: основание больше не изменяется.")
    return redirect("allowances:basis-detail", pk=basis.pk)


@login_required
@one_shot
def basis_correct(request, pk: int):
    basis = _basis(request, pk, "allowances.correct_basis")
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            correction = services.basis_correct(
                basis=basis, user=request.user, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request, "Исправление подготовлено: проверьте строки и направьте на утверждение."
            )
            return redirect("allowances:basis-detail", pk=correction.pk)
    return render(request, "allowances/basis_correct.html", {"basis": basis, "form": form})


@login_required
def basis_pdf(request, pk: int):
    basis = _basis(request, pk, "allowances.view_basis")
    pdf = documents.basis_pdf(basis=basis, lines=selectors.lines_of(basis))
    return _attachment(pdf, f"{_stem(basis)}.pdf", "application/pdf")


@login_required
def basis_xlsx(request, pk: int):
    basis = _basis(request, pk, "allowances.view_basis")
    content = exports.basis_workbook(basis=basis, lines=selectors.lines_of(basis))
    return _attachment(content, f"{_stem(basis)}.xlsx", exports.XLSX_CONTENT_TYPE)


@login_required
def basis_onec(request, pk: int):
    """The file 1С:ЗУП 3 loads with its standard tools (apps/allowances/onec.py): only of an approved or
    closed basis, the one the director's signature stands under."""
    basis = _basis(request, pk, "allowances.view_basis")
    if basis.is_draft:
        messages.error(request, "Файл для 1С:ЗУП выгружается из утверждённого основания.")
        return redirect("allowances:basis-detail", pk=basis.pk)
    content, filename, content_type = exports.zup_file(basis=basis, lines=selectors.lines_of(basis))
    return _attachment(content, filename, content_type)
