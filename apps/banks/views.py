"""Pages of the banks of mentees and mentors, the teachers' questionnaires and the carry-over into a
new academic year. Views are thin: a form validates, a service writes, a DomainError becomes a message."""

import mimetypes
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from apps.accounts.session import active_organization
from apps.audit.selectors import last_change, object_history
from apps.core import locking, russian
from apps.core.exceptions import DomainError
from apps.core.forms import add_domain_error
from apps.core.idempotency import one_shot
from apps.core.panels import render_panels
from apps.organizations.models import AcademicYear
from apps.organizations.services import academic_year_ensure, academic_year_for_day
from apps.staff.models import Person
from apps.staff.selectors import people_with_valid_consent

from . import selectors, services
from .filters import MenteeBankFilter, MentorBankFilter
from .forms import (
    CarryOverForm,
    CommentForm,
    MenteeEntryForm,
    MenteeQuestionnaireForm,
    MentorEntryForm,
    MentorQuestionnaireForm,
    ReleaseForm,
)
from .hooks import mentor_panels
from .models import MenteeEntry, MentorEntry

PAGE_SIZE = 25
# The value of the form's second submit button («Сохранить и внести ещё»): after saving, the form again.
ANOTHER = "another"


@dataclass(frozen=True)
class _Bank:
    """What differs between the pages of the mentee bank and of the mentor bank; the views are shared."""

    key: str  # «mentee» or «mentor»: the URL names, the templates
    model: type[MenteeEntry] | type[MentorEntry]
    form: type[MenteeEntryForm] | type[MentorEntryForm]
    marks: str  # the entry's areas: its difficulties or its strengths
    listing: Callable  # the selector of the bank's list, and its filters
    filterset: type[MenteeBankFilter] | type[MentorBankFilter]
    export: str  # the list's exporter in apps.banks.exports (a module a slim install may lack)
    detail: Callable  # the selector of one entry the user may reach
    create: Callable  # the services
    update: Callable
    questionnaire: type[MenteeQuestionnaireForm] | type[MentorQuestionnaireForm]  # the teacher's own
    submit: Callable
    created: str  # the messages; {name} is the person's short name
    saved: str
    already_in: str  # a teacher's questionnaire when they are in the bank already
    # The columns a row of the list reads (the export reads the whole entry); empty: every column.
    row_fields: tuple[str, ...] = ()


MENTEE = _Bank(
    key="mentee",
    model=MenteeEntry,
    form=MenteeEntryForm,
    marks="difficulties",
    listing=selectors.mentee_bank_list,
    filterset=MenteeBankFilter,
    export="mentee_bank_xlsx",
    detail=selectors.mentee_entry_detail,
    create=services.mentee_entry_create,
    update=services.mentee_entry_update,
    questionnaire=MenteeQuestionnaireForm,
    submit=services.mentee_questionnaire_submit,
    created="{name} {entered} в банк наставляемых.",
    saved="Запись банка наставляемых сохранена.",
    already_in="Вы уже в банке наставляемых этого учебного года.",
)
MENTOR = _Bank(
    key="mentor",
    model=MentorEntry,
    form=MentorEntryForm,
    marks="strengths",
    listing=selectors.mentor_bank_list,
    filterset=MentorBankFilter,
    export="mentor_bank_xlsx",
    detail=selectors.mentor_entry_detail,
    create=services.mentor_entry_create,
    update=services.mentor_entry_update,
    questionnaire=MentorQuestionnaireForm,
    submit=services.mentor_questionnaire_submit,
    created="{name} {entered} в банк наставников как кандидат.",
    saved="Запись банка наставников сохранена.",
    already_in="Вы уже в банке наставников этого учебного года.",
    row_fields=selectors.MENTOR_ROW_FIELDS,
)


# --- helpers ---------------------------------------------------------------------------------


def _organization_for(request, perm: str):
    """The bank pages work in the user's active organisation; without a right there: 403."""
    organization = active_organization(request)
    if organization is None or not request.user.has_perm(perm, organization):
        raise PermissionDenied
    return organization


def _selected_year(request, years: list[AcademicYear]) -> AcademicYear:
    wanted = request.GET.get("year")
    if wanted:
        for year in years:
            if str(year.start_year) == wanted:
                return year
        raise Http404("Учебный год не найден")
    for year in years:
        if year.is_current:
            return year
    return years[0] if years else academic_year_for_day(timezone.localdate())


def _current_year() -> AcademicYear:
    return AcademicYear.objects.current() or academic_year_for_day(timezone.localdate())


def _entry_for(request, bank: _Bank, pk: int, perm: str):
    """Outside the user's organisations (and not their own) the entry does not exist: 404; inside but
    not allowed: 403."""
    try:
        entry = bank.detail(user=request.user, pk=pk)
    except bank.model.DoesNotExist as exc:
        raise Http404("Запись банка не найдена") from exc
    if not request.user.has_perm(perm, entry):
        raise PermissionDenied
    return entry


def _conflict(form, exc: locking.EditConflict, entry, reload_url: str) -> dict:
    return locking.conflict_context(form, exc, reload_url=reload_url, last_change=last_change(entry))


def _exports_available() -> bool:
    return find_spec("apps.banks.exports") is not None


def _candidates(organization, year: AcademicYear, bank: _Bank):
    """People who may enter this bank this year: of this organisation, still working, with a valid
    consent, and not in this bank yet."""
    people = Person.objects.filter(organization=organization, left_on__isnull=True).exclude(
        pk__in=bank.model.objects.filter(year=year).values("person_id")
    )
    return (
        people_with_valid_consent(people)
        .select_related("position")
        .order_by("last_name", "first_name", "patronymic")
    )


def _bank_list(request, bank: _Bank):
    organization = _organization_for(request, "banks.view_bank")
    years = selectors.bank_years(organization=organization)
    year = _selected_year(request, years)
    queryset = bank.listing(organization=organization, year=year)
    filterset = bank.filterset(request.GET, queryset=queryset, organization=organization)
    rows = filterset.qs
    if request.GET.get("export") == "xlsx":
        if not request.user.has_perm("banks.export_bank", organization):
            raise PermissionDenied
        return getattr(import_module("apps.banks.exports"), bank.export)(rows)
    page = Paginator(rows.only(*bank.row_fields) if bank.row_fields else rows, PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    export_query = request.GET.copy()
    export_query.pop("page", None)
    export_query["export"] = "xlsx"
    export_query.setdefault("year", str(year.start_year))
    return render(
        request,
        f"banks/{bank.key}_list.html",
        {
            "organization": organization,
            "filter": filterset,
            "page_obj": page,
            "years": years,
            "year": year,
            "export_url": f"?{export_query.urlencode()}" if _exports_available() else "",
        },
    )


# --- lists -----------------------------------------------------------------------------------


@login_required
def mentee_list(request):
    return _bank_list(request, MENTEE)


@login_required
def mentor_list(request):
    return _bank_list(request, MENTOR)


# --- entries of both banks ------------------------------------------------------------------


def _entry_create(request, bank: _Bank):
    organization = _organization_for(request, "banks.manage_bank")
    years = selectors.bank_years(organization=organization)
    year = _selected_year(request, years)
    form = bank.form(
        request.POST or None, request.FILES or None, person_queryset=_candidates(organization, year, bank)
    )
    if request.method == "POST" and form.is_valid():
        try:
            entry = bank.create(
                organization=organization,
                year=year,
                person=form.cleaned_data["person"],
                user=request.user,
                **form.service_kwargs(),
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(
                request,
                bank.created.format(
                    name=entry.person.short_name,
                    entered=russian.by_sex(entry.person, "внесён", "внесена"),
                ),
            )
            if request.POST.get("then") == ANOTHER:  # «Сохранить и внести ещё»: the next person
                return redirect(f"{reverse(f'banks:{bank.key}-create')}?year={year.start_year}")
            return redirect(f"banks:{bank.key}-detail", pk=entry.pk)
    return render(request, "banks/entry_form.html", {"form": form, "bank": bank.key, "year": year})


def _entry_edit(request, bank: _Bank, pk: int):
    entry = _entry_for(request, bank, pk, "banks.change_entry")
    form = bank.form(
        request.POST or None,
        request.FILES or None,
        initial=bank.form.initial_for(entry),
        marks=list(getattr(entry, bank.marks).all()),
        person_queryset=None,
        lock_token=selectors.entry_lock_token(entry),
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            bank.update(entry=entry, user=request.user, **form.service_kwargs())
        except locking.EditConflict as exc:
            conflict = _conflict(form, exc, entry, reverse(f"banks:{bank.key}-edit", args=[entry.pk]))
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, bank.saved)
            return redirect(f"banks:{bank.key}-detail", pk=entry.pk)
    return render(
        request,
        "banks/entry_form.html",
        {"form": form, "bank": bank.key, "year": entry.year, "entry": entry, "conflict": conflict},
        status=409 if conflict else 200,
    )


def _entry_move(request, bank: _Bank, pk: int, perm: str, service, *, comment_required: bool, done: str):
    """A review step with a comment (required for a refusal: the teacher sees it)."""
    entry = _entry_for(request, bank, pk, perm)
    form = CommentForm(request.POST, required=comment_required)
    if not form.is_valid():
        messages.error(request, "Укажите причину: её увидит педагог.")
        return redirect(f"banks:{bank.key}-detail", pk=entry.pk)
    try:
        service(entry=entry, user=request.user, comment=form.cleaned_data["comment"])
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect(f"banks:{bank.key}-detail", pk=entry.pk)


# --- mentee entries --------------------------------------------------------------------------


@login_required
@one_shot
def mentee_create(request):
    return _entry_create(request, MENTEE)


@login_required
def mentee_edit(request, pk: int):
    return _entry_edit(request, MENTEE, pk)


@login_required
def mentee_detail(request, pk: int):
    entry = _entry_for(request, MENTEE, pk, "banks.view_entry")
    return render(
        request,
        "banks/mentee_detail.html",
        {
            "entry": entry,
            "timeline": selectors.status_history(entry),
            "history": object_history(entry) if request.user.has_perm("audit.view_history", entry) else None,
            "reject_form": CommentForm(label="Причина отказа"),
            "accept_form": CommentForm(required=False, label="Комментарий (необязательно)"),
        },
    )


@login_required
@require_POST
def mentee_accept(request, pk: int):
    return _entry_move(
        request,
        MENTEE,
        pk,
        "banks.review_mentee",
        services.mentee_entry_accept,
        comment_required=False,
        done="Заявка принята: наставляемый ожидает наставника.",
    )


@login_required
@require_POST
def mentee_reject(request, pk: int):
    return _entry_move(
        request,
        MENTEE,
        pk,
        "banks.review_mentee",
        services.mentee_entry_reject,
        comment_required=True,
        done="Заявка отклонена.",
    )


@login_required
@require_POST
def mentee_leave(request, pk: int):
    return _entry_move(
        request,
        MENTEE,
        pk,
        "banks.leave_mentee",
        services.mentee_entry_leave,
        comment_required=False,
        done="Наставляемый отмечен как выбывший.",
    )


# --- mentor entries --------------------------------------------------------------------------


@login_required
@one_shot
def mentor_create(request):
    return _entry_create(request, MENTOR)


@login_required
def mentor_edit(request, pk: int):
    return _entry_edit(request, MENTOR, pk)


@login_required
def mentor_detail(request, pk: int):
    entry = _entry_for(request, MENTOR, pk, "banks.view_entry")
    return render(
        request,
        "banks/mentor_detail.html",
        {
            "entry": entry,
            "distance_work": selectors.distance_work(entry),
            "timeline": selectors.status_history(entry),
            "history": object_history(entry) if request.user.has_perm("audit.view_history", entry) else None,
            "reject_form": CommentForm(label="Причина отказа"),
            "panels": render_panels(mentor_panels, request, entry),
        },
    )


@login_required
def mentor_consent_document(request, pk: int):
    """The scan of the mentor's written consent, through the portal (never a link into the storage: on
    S3 the objects are private), to those who may change the entry, as the card shows the link."""
    entry = _entry_for(request, MENTOR, pk, "banks.change_entry")
    if not entry.consent_document:
        raise Http404("Скан согласия не загружен")
    name = entry.consent_document.name
    try:
        stream = entry.consent_document.open("rb")
    except FileNotFoundError:
        raise Http404("Файл не найден в хранилище") from None
    response = FileResponse(
        stream,
        content_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
        filename=f"Согласие {entry.person.short_name}.{name.rsplit('.', 1)[-1].lower()}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def mentor_approve(request, pk: int):
    entry = _entry_for(request, MENTOR, pk, "banks.approve_mentor")
    try:
        services.mentor_entry_approve(entry=entry, director=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            f"{entry.person.short_name} {russian.by_sex(entry.person, 'утверждён', 'утверждена')} "
            "наставником.",
        )
    return redirect("banks:mentor-detail", pk=entry.pk)


@login_required
@require_POST
def mentor_reject(request, pk: int):
    return _entry_move(
        request,
        MENTOR,
        pk,
        "banks.reject_mentor",
        services.mentor_entry_reject,
        comment_required=True,
        done="Кандидатура отклонена.",
    )


@login_required
def mentor_release(request, pk: int):
    """A confirmation page (GET) and the release itself (POST)."""
    entry = _entry_for(request, MENTOR, pk, "banks.release_mentor")
    form = ReleaseForm(request.POST or None, initial={"released_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.mentor_entry_release(entry=entry, user=request.user, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(
                request,
                f"{entry.person.short_name} {russian.by_sex(entry.person, 'освобождён', 'освобождена')} "
                "от обязанностей наставника.",
            )
            return redirect("banks:mentor-detail", pk=entry.pk)
    return render(request, "banks/mentor_release.html", {"entry": entry, "form": form})


# --- the teachers' questionnaires ------------------------------------------------------------


def _my_person(request) -> Person | None:
    return selectors.person_of_user(user=request.user, organization=active_organization(request))


@login_required
def my_entries(request):
    """The teacher's own questionnaires and entries in both banks, with their status."""
    person = _my_person(request)
    mentee, mentor = selectors.own_entries(person=person) if person else ([], [])
    year = AcademicYear.objects.current()
    return render(
        request,
        "banks/my_entries.html",
        {
            "person": person,
            "mentee_entries": mentee,
            "mentor_entries": mentor,
            "year": year,
            "mentee_open": person is not None
            and not any(e.year_id == getattr(year, "pk", None) for e in mentee),
            "mentor_open": person is not None
            and not any(e.year_id == getattr(year, "pk", None) for e in mentor),
        },
    )


def _questionnaire_person(request) -> Person:
    person = _my_person(request)
    if person is None or not request.user.has_perm("banks.fill_questionnaire", person.organization):
        raise PermissionDenied
    return person


def _questionnaire(request, bank: _Bank):
    person = _questionnaire_person(request)
    year = _current_year()
    earlier = bank.model.objects.filter(person=person, year=year).first()
    # The teacher may send their questionnaire again while it awaits review, not once they are in the bank.
    if earlier is not None and not (
        earlier.status == bank.model.Status.CANDIDATE and earlier.source == bank.model.Source.SELF
    ):
        messages.info(request, bank.already_in)
        return redirect("banks:my")
    form = bank.questionnaire(
        request.POST or None,
        initial=bank.questionnaire.initial_for(earlier, person),
        marks=list(getattr(earlier, bank.marks).all()) if earlier else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            bank.submit(person=person, year=year, user=request.user, **form.service_kwargs())
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(
                request, "Анкета отправлена куратору наставничества. Статус заявки — на этой странице."
            )
            return redirect("banks:my")
    return render(
        request,
        "banks/questionnaire.html",
        {"form": form, "kind": bank.key, "person": person, "year": year, "earlier": earlier},
    )


@login_required
@one_shot
def questionnaire_mentee(request):
    return _questionnaire(request, MENTEE)


@login_required
@one_shot
def questionnaire_mentor(request):
    return _questionnaire(request, MENTOR)


# --- a new academic year ---------------------------------------------------------------------


@login_required
@one_shot
def carry_over(request):
    organization = _organization_for(request, "banks.carry_over")
    years = selectors.bank_years(organization=organization)
    from_year = _selected_year(request, years)
    to_start = from_year.start_year + 1
    to_year = next((y for y in years if y.start_year == to_start), None)
    mentees, mentors = selectors.carry_over_entries(
        organization=organization, from_year=from_year, to_year=to_year
    )
    defaults = {}
    for bank, entries in (("mentee", mentees), ("mentor", mentors)):
        for entry in entries:
            eligible = entry.person_consent and entry.person_works
            defaults[(bank, entry.pk)] = services.carry_over_default(entry, eligible=eligible)
    form = CarryOverForm(request.POST or None, mentees=mentees, mentors=mentors, defaults=defaults)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                to_year = academic_year_ensure(start_year=to_start)
                result = services.banks_carry_over(
                    organization=organization,
                    from_year=from_year,
                    to_year=to_year,
                    decisions=form.decisions(),
                    user=request.user,
                )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                f"Банки перенесены в {to_year.label} учебный год: наставляемых — {result.mentees_created}, "
                f"наставников — {result.mentors_created}; не перенесено — {result.left_behind}"
                + (f"; уже были в новом году — {result.already_there}" if result.already_there else "")
                + ".",
            )
            return redirect(f"{reverse('banks:mentee-list')}?year={to_year.start_year}")
    return render(
        request,
        "banks/carry_over.html",
        {
            "form": form,
            "from_year": from_year,
            "to_label": f"{to_start}/{to_start + 1}",
            "to_year": to_year,
            "years": years,
            "mentee_rows": form.bound_rows("mentee"),
            "mentor_rows": form.bound_rows("mentor"),
        },
    )
