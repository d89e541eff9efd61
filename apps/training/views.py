"""Pages of the training app: the school's training records (list, add, correct, remove, the scan), their
import from .xlsx, and the psychologist's page of mentees without a pair with their support records.

Every page works in the user's active organisation; a record of another school is a 404 (the selectors'
scope), a page the role may not open a 403."""

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.accounts.session import active_organization
from apps.core import russian
from apps.core.exceptions import DomainError
from apps.core.forms import add_domain_error
from apps.core.idempotency import one_shot
from apps.core.uploads import KINDS
from apps.core.xlsx import check_xlsx_upload, read_xlsx_rows
from apps.staff.models import Person

from . import imports, selectors, services
from .forms import SupportRecordForm, TrainingImportForm, TrainingRecordForm, record_initial
from .models import TrainingRecord


def _organization(request, perm: str):
    organization = active_organization(request)
    if organization is None or not request.user.has_perm(perm, organization):
        raise PermissionDenied
    return organization


@login_required
@require_GET
def record_list(request):
    """The school's records by person, and the share of the bank's mentors trained in three years."""
    organization = _organization(request, "training.manage_training")
    today = timezone.localdate()
    return render(
        request,
        "training/record_list.html",
        {
            "organization": organization,
            "records": selectors.records_of_organization(organization=organization),
            "mentors": selectors.mentors_with_training(organization=organization, today=today),
            "share": selectors.trained_share(organizations=[organization], today=today),
            "since": selectors.since(today),
        },
    )


def _back(request, record_person_id=None):
    """Back to the person's card when the form was opened from it, to the school's list otherwise."""
    if request.POST.get("back") == "person" and record_person_id:
        return redirect("staff:person-detail", pk=record_person_id)
    return redirect("training:record-list")


@login_required
@require_http_methods(["GET", "POST"])
@one_shot
def record_create(request):
    organization = _organization(request, "training.manage_training")
    initial = {"person": request.GET.get("person") or None}
    form = TrainingRecordForm(
        request.POST or None, request.FILES or None, organization=organization, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            record = services.training_record_create(
                organization=organization,
                person=form.cleaned_data["person"],
                data=form.data_object(),
                scan=form.cleaned_data.get("scan"),
                user=request.user,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, f"Обучение записано: {record.person.short_name}, {record.title}.")
            return _back(request, record.person_id)
    return render(
        request,
        "training/record_form.html",
        {"form": form, "organization": organization, "record": None, "back": request.GET.get("back", "")},
    )


def _record_to_change(request, pk: int):
    record = selectors.record_for(user=request.user, pk=pk)
    if not request.user.has_perm("training.change_record", record):
        raise PermissionDenied
    return record


@login_required
@require_http_methods(["GET", "POST"])
def record_edit(request, pk: int):
    record = _record_to_change(request, pk)
    form = TrainingRecordForm(
        request.POST or None,
        request.FILES or None,
        organization=record.organization,
        record=record,
        initial=record_initial(record),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.training_record_update(
                record=record,
                data=form.data_object(),
                scan=form.cleaned_data.get("scan"),
                remove_scan=form.cleaned_data.get("remove_scan", False),
                user=request.user,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Сведения об обучении исправлены.")
            return _back(request, record.person_id)
    return render(
        request,
        "training/record_form.html",
        {
            "form": form,
            "organization": record.organization,
            "record": record,
            "back": request.GET.get("back", ""),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def record_delete(request, pk: int):
    record = _record_to_change(request, pk)
    if request.method == "POST":
        person_id = record.person_id
        services.training_record_delete(record=record, user=request.user)
        messages.success(request, "Запись об обучении удалена.")
        return _back(request, person_id)
    return render(
        request, "training/record_delete.html", {"record": record, "back": request.GET.get("back", "")}
    )


@login_required
@require_GET
def record_scan(request, pk: int):
    """The scan of the document: for the school's curator and director and the person."""
    record = selectors.record_for(user=request.user, pk=pk)
    if not request.user.has_perm("training.view_record", record):
        raise PermissionDenied
    if not record.scan:
        raise Http404("Скана нет")
    try:
        stream = record.scan.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("Файл не найден в хранилище") from None
    suffix = PurePath(record.scan.name).suffix.lower()
    kind = next((k for k in KINDS.values() if suffix in k.extensions), None)
    response = FileResponse(
        stream,
        as_attachment=True,
        filename=f"Обучение {record.person.short_name} {record.end_date:%d.%m.%Y}{suffix}",
        content_type=kind.content_type if kind else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# Import from .xlsx ----------------------------------------------------------------------------------


@login_required
@require_GET
def import_template(request):
    _organization(request, "training.manage_training")
    return imports.template_xlsx()


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request):
    """The upload and, in answer to it, the preview of every row (nothing is saved here)."""
    organization = _organization(request, "training.manage_training")
    form = TrainingImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            data = check_xlsx_upload(form.cleaned_data["file"])
            rows = read_xlsx_rows(
                data, sheet=imports.DATA_SHEET, max_rows=imports.MAX_ROWS, max_cols=len(imports.COLUMNS)
            )
        except DomainError as error:
            form.add_error("file", error.message)
        else:
            checks = imports.check_rows(organization=organization, rows=rows)
            invalid = [c for c in checks if c.errors]
            return render(
                request,
                "training/import_preview.html",
                {
                    "organization": organization,
                    "checks": checks,
                    "invalid": invalid,
                    "kinds": dict(TrainingRecord.Kind.choices),
                    "payload": ""
                    if invalid or not checks
                    else imports.sign_rows(checks, organization_id=organization.pk, user_id=request.user.pk),
                    "file_name": form.cleaned_data["file"].name[:200],
                },
            )
    return render(request, "training/import_upload.html", {"organization": organization, "form": form})


@login_required
@require_POST
@one_shot
def import_confirm(request):
    organization = _organization(request, "training.manage_training")
    rows = imports.unsign_rows(
        request.POST.get("payload", ""), organization_id=organization.pk, user_id=request.user.pk
    )
    if rows is None:
        messages.warning(request, "Проверенного файла больше нет: загрузите его снова. Ничего не сохранено.")
        return redirect("training:import-upload")
    people = Person.objects.in_bulk([person_id for _, person_id, _ in rows])
    try:
        if len(people) != len({p for _, p, _ in rows}):
            raise DomainError(
                "Педагога из файла больше нет в реестре: загрузите файл снова. Ничего не сохранено."
            )
        saved = services.training_records_import(
            organization=organization,
            rows=[(line, people[person_id], data) for line, person_id, data in rows],
            user=request.user,
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("training:import-upload")
    verb = russian.plural_form(saved, "Записано", "Записаны", "Записано")
    messages.success(request, f"{verb} {russian.count(saved, 'обучение,обучения,обучений')}.")
    return redirect("training:record-list")


# The psychologist's support of mentees without a pair ------------------------------------------------


def _support_organization(request):
    organization = active_organization(request)
    if organization is None or not request.user.has_perm("training.view_support", organization):
        raise PermissionDenied
    return organization


@login_required
@require_GET
def support_list(request):
    organization = _support_organization(request)
    return render(
        request,
        "training/support_list.html",
        {"organization": organization, "mentees": selectors.unpaired_mentees(organization=organization)},
    )


@login_required
@require_http_methods(["GET", "POST"])
@one_shot
def support_create(request, person_id: int):
    organization = _organization(request, "training.record_support")
    entry = next(
        (e for e in selectors.unpaired_mentees(organization=organization) if e.person_id == person_id), None
    )
    if entry is None:
        raise Http404("Такого наставляемого без пары нет")
    form = SupportRecordForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.support_record_create(
                organization=organization,
                person=entry.person,
                kind=data["kind"],
                on=data["date"],
                topic=data["topic"],
                hours=data["hours"],
                note=data["note"],
                user=request.user,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, f"Запись о поддержке сохранена: {entry.person.short_name}.")
            return redirect("training:support-list")
    return render(request, "training/support_form.html", {"form": form, "entry": entry})


@login_required
@require_POST
def support_delete(request, pk: int):
    record = selectors.support_for(user=request.user, pk=pk)
    if not request.user.has_perm("training.delete_support", record):
        raise PermissionDenied
    services.support_record_delete(record=record, user=request.user)
    messages.success(request, "Запись о поддержке удалена.")
    return redirect("training:support-list")
