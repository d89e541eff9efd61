"""Pages of the staff import from Excel: the template, the upload with its check, the preview of every
row, the confirmation that saves them, and the progress shown while a long file is processed.

The import always goes into the user's active organisation, so another organisation's import is
not reachable by any URL. Between the preview and the confirmation the result of the check (the
rows read from the file, never the file itself) waits under MEDIA_ROOT/private/staff_imports/ with a
random name known only to the user's session, and is deleted by the import or after a day.
"""

import json
import os
import re
import secrets
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.accounts.session import active_organization
from apps.core import russian
from apps.core.exceptions import DomainError
from apps.core.uploads import WORKBOOK, UploadField, limit_text
from apps.core.xlsx import check_xlsx_upload, read_xlsx_rows
from apps.organizations.models import Organization

from .imports import (
    DATA_SHEET,
    EMPTY_CELL_NOTICE,
    MAX_ROWS,
    READ_COLUMNS,
    ImportCheck,
    RowCheck,
    people_import,
    people_import_check,
    people_import_with_updates,
    template_xlsx,
)

SESSION_KEY = "staff_import"
STORE_DIR = Path("private") / "staff_imports"
STALE_AFTER_SECONDS = 24 * 60 * 60
PREVIEW_PAGE_SIZE = 50
_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{32,64}")


class PendingImport:
    """The files of one pending import: its check and the progress of the work."""

    def __init__(self, token: str):
        if not _TOKEN_RE.fullmatch(token or ""):
            raise ValueError("bad import token")
        self.token = token
        self.directory = Path(settings.MEDIA_ROOT) / STORE_DIR

    @classmethod
    def new(cls) -> "PendingImport":
        return cls(secrets.token_urlsafe(32))

    def _path(self, suffix: str) -> Path:
        return self.directory / f"{self.token}.{suffix}"

    def _write(self, suffix: str, data: bytes) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        temporary = self._path(suffix + ".tmp")
        temporary.write_bytes(data)
        os.replace(temporary, self._path(suffix))  # readers never see half a file

    def _read(self, suffix: str) -> bytes | None:
        try:
            return self._path(suffix).read_bytes()
        except FileNotFoundError:
            return None

    def save_check(self, check: ImportCheck) -> None:
        self._write("check.json", json.dumps(check.to_dict(), ensure_ascii=False).encode())

    def check(self) -> ImportCheck | None:
        data = self._read("check.json")
        return ImportCheck.from_dict(json.loads(data)) if data else None

    def set_progress(self, stage: str, done: int, total: int) -> None:
        self._write("progress.json", json.dumps({"stage": stage, "done": done, "total": total}).encode())

    def progress(self) -> dict | None:
        data = self._read("progress.json")
        return json.loads(data) if data else None

    def delete(self) -> None:
        for suffix in ("check.json", "progress.json"):
            self._path(suffix).unlink(missing_ok=True)

    @classmethod
    def remove_stale(cls) -> None:
        """Files of imports that were never confirmed: gone after a day (they hold personal data)."""
        directory = Path(settings.MEDIA_ROOT) / STORE_DIR
        if not directory.is_dir():
            return
        limit = time.time() - STALE_AFTER_SECONDS
        for entry in os.scandir(directory):
            if entry.is_file() and entry.stat().st_mtime < limit:
                Path(entry.path).unlink(missing_ok=True)


class ImportUploadForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
    file = UploadField(
        label="Файл Excel (.xlsx)",
        kinds=WORKBOOK,
        help_text=f"Заполненный шаблон: не больше 10 000 строк и {limit_text()}.",
    )
    update = forms.BooleanField(
        label="Обновить сведения о педагогах, которые уже есть в реестре",
        required=False,
        help_text="Педагог находится по фамилии, имени, отчеству и дате рождения. Перед сохранением "
        "портал покажет, что изменится у каждого; пустая ячейка не меняет сведения. Без этой отметки "
        "педагоги, которые уже есть в реестре, не загружаются.",
    )

    def clean_file(self):
        try:
            self.cleaned_data["workbook"] = check_xlsx_upload(self.cleaned_data["file"])
        except DomainError as error:
            raise forms.ValidationError(error.message) from error
        return self.cleaned_data["file"]


def _organization(request) -> Organization:
    """The organisation the import goes into; only its curator and director may import."""
    organization = active_organization(request)
    if organization is None or not request.user.has_perm("staff.import_people", organization):
        raise PermissionDenied
    return organization


def _pending(request, organization: Organization) -> PendingImport | None:
    data = request.session.get(SESSION_KEY) or {}
    if data.get("organization") != organization.pk:
        return None
    try:
        return PendingImport(data.get("token", ""))
    except ValueError:
        return None


def _start_pending(request, organization: Organization) -> PendingImport:
    previous = _pending(request, organization)
    if previous is not None:
        previous.delete()
    PendingImport.remove_stale()
    pending = PendingImport.new()
    request.session[SESSION_KEY] = {"token": pending.token, "organization": organization.pk}
    return pending


def _registry_url() -> str:
    try:
        return reverse("staff:person-list")
    except NoReverseMatch:
        return reverse("staff_import:upload")


def _too_big(request) -> bool:
    """Refuse an oversized body before Django spools it to disk."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > settings.UPLOAD_MAX_BYTES + 64 * 1024


@login_required
@require_GET
def import_template(request):
    _organization(request)
    return template_xlsx()


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request):
    organization = _organization(request)
    if request.method == "POST":
        if _too_big(request):
            limit = settings.UPLOAD_MAX_BYTES // (1024 * 1024)
            messages.error(request, f"Файл слишком большой: можно загрузить не больше {limit} МБ.")
            return redirect("staff_import:upload")
        pending = _pending(request, organization)
        form = ImportUploadForm(request.POST, request.FILES)
        if pending is None or request.POST.get("token") != pending.token:
            messages.warning(request, "Страница загрузки устарела: выберите файл ещё раз.")
            return redirect("staff_import:upload")
        if form.is_valid():
            try:
                rows = read_xlsx_rows(
                    form.cleaned_data["workbook"], sheet=DATA_SHEET, max_rows=MAX_ROWS, max_cols=READ_COLUMNS
                )
            except DomainError as error:
                form.add_error("file", error.message)
            else:
                pending.set_progress("check", 0, max(len(rows) - 1, 0))
                check = people_import_check(
                    organization=organization,
                    rows=rows,
                    file_name=form.cleaned_data["file"].name[:200],
                    progress=pending.set_progress,
                    update=form.cleaned_data["update"],
                    user_id=request.user.pk,
                )
                pending.save_check(check)
                pending.set_progress("checked", len(check.rows), len(check.rows))
                return redirect("staff_import:preview")
    else:
        pending = _start_pending(request, organization)
        form = ImportUploadForm(initial={"token": pending.token})
    return render(
        request,
        "staff/import_upload.html",
        {"organization": organization, "form": form, "token": pending.token, "registry_url": _registry_url()},
    )


@login_required
@require_GET
def import_preview(request):
    organization = _organization(request)
    pending = _pending(request, organization)
    check = pending.check() if pending else None
    if check is None or not _is_own(request, organization, check):
        messages.info(request, "Загрузите файл: проверенного файла нет.")
        return redirect("staff_import:upload")
    invalid = check.invalid_rows
    changed = [r for r in check.rows if r.is_valid and r.status == RowCheck.UPDATE]
    show = request.GET.get("show") or ("errors" if invalid else "changes" if changed else "all")
    rows = {"errors": invalid, "changes": changed}.get(show, check.rows)
    page = Paginator(rows, PREVIEW_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "staff/import_preview.html",
        {
            "organization": organization,
            "check": check,
            "page_obj": page,
            "show": show,
            "invalid_count": len(invalid),
            "changed_count": len(changed),
            "new_count": check.count(RowCheck.NEW),
            "same_count": check.count(RowCheck.SAME),
            "empty_cell_notice": EMPTY_CELL_NOTICE,
            "total": len(check.rows),
            "token": pending.token,
            "registry_url": _registry_url(),
        },
    )


@login_required
@require_POST
def import_confirm(request):
    organization = _organization(request)
    pending = _pending(request, organization)
    if (request.session.get(SESSION_KEY) or {}).get("organization") not in (None, organization.pk):
        messages.warning(
            request,
            "Этот файл проверялся для другой организации: ничего не сохранено. Загрузите его заново в реестр "
            "этой организации.",
        )
        return redirect("staff_import:upload")
    check = pending.check() if pending else None
    if (
        check is None
        or request.POST.get("token") != pending.token
        or not _is_own(request, organization, check)
    ):
        messages.warning(request, "Проверенного файла больше нет: загрузите его снова.")
        return redirect("staff_import:upload")
    try:
        if check.update:
            result = people_import_with_updates(
                organization=organization, check=check, user=request.user, progress=pending.set_progress
            )
            created, updated = result.created, result.updated
        else:
            created = people_import(
                organization=organization, check=check, user=request.user, progress=pending.set_progress
            )
            updated = []
    except DomainError as error:
        pending.save_check(check)  # rows that became duplicates or stale meanwhile now carry their errors
        messages.error(request, error.message)
        return redirect("staff_import:preview")
    done = len(created) + len(updated)
    pending.set_progress("done", done, done)
    pending.delete()
    request.session.pop(SESSION_KEY, None)
    messages.success(request, _done_message(len(created), len(updated)))
    return redirect(_registry_url())


def _is_own(request, organization: Organization, check: ImportCheck) -> bool:
    """The check was made in this organisation by this user (the token alone is not enough)."""
    return check.organization_id == organization.pk and check.user_id in (None, request.user.pk)


def _done_message(created: int, updated: int) -> str:
    parts = []
    if created:
        verb = russian.plural_form(created, "добавлен", "добавлены", "добавлено")
        parts.append(f"в реестр {verb} {russian.count(created, 'педагог,педагога,педагогов')}")
    if updated:
        parts.append(f"обновлены сведения о {russian.count(updated, 'педагоге,педагогах,педагогах')}")
    if not parts:
        return "Изменений нет: в реестре уже те же сведения."
    text = "; ".join(parts)
    text = text[:1].upper() + text[1:] + "."
    if created:
        text += (
            " Оформите новым педагогам согласия на обработку персональных данных в карточках: без согласия "
            "педагог не попадёт в банки, пары и приказы."
        )
    return text


@login_required
@require_GET
def import_progress(request):
    """The progress partial, polled by htmx while the upload or the confirmation is processed; the
    polling ends by itself when the page's own request answers and the browser moves on."""
    organization = _organization(request)
    pending = _pending(request, organization)
    if pending is None or request.GET.get("token") != pending.token:
        # The import ended (or this is not the user's): nothing to show, and htmx stops polling.
        return HttpResponse(status=204)
    progress = pending.progress() or {"stage": "upload", "done": 0, "total": 0}
    total = progress["total"] or 0
    percent = int(progress["done"] * 100 / total) if total else 0
    return render(
        request,
        "staff/import_progress.html",
        {
            "token": pending.token,
            "stage": progress["stage"],
            "done": progress["done"],
            "total": total,
            "percent": percent,
        },
    )
