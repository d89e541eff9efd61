"""Pages of pairs and groups: thin views over the selectors, forms and services."""

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET, require_POST

from apps.accounts.session import active_organization
from apps.audit.selectors import last_change, object_history
from apps.banks.models import MentorEntry
from apps.core import locking
from apps.core.exceptions import DomainError
from apps.core.forms import add_domain_error
from apps.core.idempotency import one_shot
from apps.core.uploads import KINDS
from apps.organizations.models import AcademicYear

from . import services
from .dates import default_period, notice_end
from .documents import additional_agreement_pdf
from .effects import distance_blockers
from .filters import GroupFilter
from .forms import (
    AllowanceForm,
    CohortDatesForm,
    CompatibilityForm,
    ConsentScanReplaceForm,
    ConsentUploadForm,
    GroupForm,
    ReleaseForm,
    ReplaceForm,
)
from .matching import load_mentees, main_direction, propose_cohort, suggest_mentors
from .models import Direction, DutyConsent, GroupMember, MentoringGroup, MentoringType
from .selectors import (
    compatibility_lock_token,
    distance_groups_mentored,
    duty_consents_on_record,
    group_detail,
    group_list,
    groups_in_scope,
    mentees_without_pair,
    missing_consents,
    participants,
)


def _organization_for(request, perm: str):
    organization = active_organization(request)
    if organization is None or not request.user.has_perm(perm, organization):
        raise PermissionDenied
    return organization


def _group_for(request, pk: int, perm: str) -> MentoringGroup:
    """Outside the user's organisations the group does not exist (404); visible but not allowed: 403."""
    group = group_detail(user=request.user, pk=pk)
    if not request.user.has_perm(perm, group):
        raise PermissionDenied
    return group


def _current_year():
    year = AcademicYear.objects.current()
    if year is None:
        raise DomainError("Не задан текущий учебный год.")
    return year


def order_url(order) -> str | None:
    try:
        return reverse("orders:order-detail", args=[order.pk])
    except NoReverseMatch:
        return None


@login_required
def group_list_view(request):
    organization = _organization_for(request, "pairs.view_groups")
    filterset = GroupFilter(
        request.GET,
        queryset=group_list(user=request.user, organization=organization),
        organization=organization,
    )
    page = Paginator(filterset.qs, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "pairs/group_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "organization": organization,
            "can_manage": request.user.has_perm("pairs.manage_groups", organization),
            "my_distance": list(
                distance_groups_mentored(user=request.user, exclude_organization=organization)
            ),
        },
    )


def _suggestions(organization, year, data) -> tuple[list, list]:
    pks = [pk for pk in data.getlist("mentees") if pk.isdigit()]
    if not pks:
        return [], []
    mentees = [m for m in load_mentees(pks) if m.organization_id == organization.pk and m.year_id == year.pk]
    reverse_wanted = MentoringType.REVERSE in data.getlist("types")
    return mentees, suggest_mentors(
        organization=organization, year=year, mentees=mentees, reverse=reverse_wanted
    )


@login_required
@one_shot
def group_create_view(request):
    organization = _organization_for(request, "pairs.manage_groups")
    year = _current_year()
    if request.htmx and request.method == "GET":
        mentees, suggestions = _suggestions(organization, year, request.GET)
        return render(request, "pairs/_suggestions.html", {"mentees": mentees, "suggestions": suggestions})
    start, end = default_period(year)
    initial = {"types": [MentoringType.TRADITIONAL], "planned_start": start, "planned_end": end}
    if request.GET.get("mentee"):
        initial["mentees"] = [request.GET["mentee"]]
    if request.GET.get("mentor"):  # from the regional base of mentors: a distance pair
        initial["mentor"] = request.GET["mentor"]
    form = GroupForm(
        request.POST or None, request.FILES or None, initial=initial, organization=organization, year=year
    )
    if request.method == "POST" and form.is_valid():
        scan = form.cleaned_data["mentee_consent_scan"]
        try:
            with transaction.atomic():  # the pair and the mentees' agreement: both or neither
                group = services.group_create(
                    organization=organization, year=year, created_by=request.user, **form.group_kwargs()
                )
                if scan:
                    services.mentee_consents_upload(
                        group=group,
                        signed_on=form.cleaned_data["mentee_consent_signed_on"],
                        scan=scan,
                        user=request.user,
                    )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request, f"{group.kind_label} сформирована (проект). Соберите согласия участников."
            )
            if request.POST.get("then") == "another":  # «Сохранить и сформировать ещё»: the next pair
                return redirect("pairs:group-create")
            return redirect("pairs:group-detail", pk=group.pk)
    data = request.POST if request.method == "POST" else request.GET
    if request.method == "GET" and "mentees" not in data and initial.get("mentees"):
        data = QueryDict(mutable=True)
        data.setlist("mentees", initial["mentees"])
    mentees, suggestions = _suggestions(organization, year, data)
    return render(
        request,
        "pairs/group_form.html",
        {"form": form, "mentees": mentees, "suggestions": suggestions, "year": year},
    )


@login_required
def group_edit_view(request, pk: int):
    """A draft pair or group corrected in place (people, dates, form), not deleted and made again."""
    group = _group_for(request, pk, "pairs.manage_groups")
    if group.status != MentoringGroup.Status.DRAFT:
        messages.error(request, "Изменить можно только проект пары, ещё не включённый в приказ.")
        return redirect("pairs:group-detail", pk=group.pk)
    initial = {
        "mentees": [m.mentee_id for m in group.members.all()],
        "mentor": group.mentor_id,
        "form": group.form,
        "types": group.types,
        "direction": group.direction,
        "planned_start": group.planned_start,
        "planned_end": group.planned_end,
        "goal": group.goal,
    }
    form = GroupForm(
        request.POST or None, initial=initial, organization=group.organization, year=group.year, new=False
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.group_update_draft(group=group, **form.group_kwargs())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, f"{group.kind_label} изменена (проект).")
            return redirect("pairs:group-detail", pk=group.pk)
    data = request.POST if request.method == "POST" else QueryDict(mutable=True)
    if request.method == "GET":
        data.setlist("mentees", [str(pk) for pk in initial["mentees"]])
    mentees, suggestions = _suggestions(group.organization, group.year, data)
    return render(
        request,
        "pairs/group_form.html",
        {"form": form, "mentees": mentees, "suggestions": suggestions, "year": group.year, "group": group},
    )


@login_required
def group_detail_view(request, pk: int):
    group = _group_for(request, pk, "pairs.view_group")
    return _group_detail(request, group)


def _group_detail(request, group: MentoringGroup, *, upload_form=None, replace_form=None, replace_for=None):
    """The pair's page; a refused upload or replacement is shown at its form with the field errors."""
    people = participants(group)
    consents = {c.person_id: c for c in group.duty_consents.prefetch_related("past_scans")}
    records = duty_consents_on_record(group)
    rows = [
        {
            "person": p,
            "role": "наставник" if i == 0 else "наставляемый",
            "consent": consents.get(p.pk),
            "record": records.get(p.pk),
            "is_me": p.user_id == request.user.pk,
            "replace_form": (
                replace_form
                if replace_for == p.pk
                else ConsentScanReplaceForm(
                    initial={"signed_on": consents[p.pk].signed_on}, prefix=replace_prefix(p.pk)
                )
            )
            if p.pk in consents and consents[p.pk].form == DutyConsent.Form.SCAN
            else None,
            "replace_open": replace_for == p.pk,
        }
        for i, p in enumerate(people)
    ]
    return render(
        request,
        "pairs/group_detail.html",
        {
            "group": group,
            "rows": rows,
            "missing": [r["person"] for r in rows if not r["record"]],
            "distance_problems": distance_blockers([group]) if group.is_distance else [],
            "assigned_url": order_url(group.assigned_order) if group.assigned_order_id else None,
            "ended_url": order_url(group.ended_order) if group.ended_order_id else None,
            "history": object_history(group) if request.user.has_perm("audit.view_history", group) else None,
            "compat_form": CompatibilityForm(
                initial={"compatibility": group.compatibility or None, "note": group.compatibility_note},
                lock_token=compatibility_lock_token(group),
            ),
            "upload_form": upload_form
            or ConsentUploadForm(people=[r["person"] for r in rows if not r["record"]]),
            "upload_open": upload_form is not None,
        },
    )


@login_required
@require_POST
def group_delete_view(request, pk: int):
    group = _group_for(request, pk, "pairs.manage_groups")
    try:
        services.group_delete_draft(group=group)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("pairs:group-detail", pk=group.pk)
    messages.success(request, "Проект пары удалён.")
    return redirect("pairs:group-list")


@login_required
@require_POST
def group_return_view(request, pk: int):
    group = _group_for(request, pk, "pairs.manage_groups")
    try:
        services.group_return_to_draft(group=group)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Пара возвращена в проекты.")
    return redirect("pairs:group-detail", pk=group.pk)


@login_required
@require_POST
@one_shot
def order_create_view(request):
    organization = _organization_for(request, "pairs.manage_groups")
    ids = [pk for pk in request.POST.getlist("groups") if pk.isdigit()]
    groups = list(groups_in_scope(request.user).filter(organization=organization, pk__in=ids))
    try:
        order = services.groups_submit_to_order(groups=groups, user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(request.POST.get("back") or "pairs:group-list")
    messages.success(request, f"Подготовлен проект приказа «{order.title}»; пары ожидают приказа.")
    return redirect(order_url(order) or "pairs:group-list")


@login_required
@require_POST
@one_shot
def consent_confirm_view(request, pk: int):
    group = _group_for(request, pk, "pairs.confirm_consent")
    try:
        services.duty_consent_confirm(group=group, user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Согласие на возложение дополнительных обязанностей подтверждено.")
    return redirect(request.POST.get("back") or reverse("pairs:group-detail", args=[group.pk]))


@login_required
@require_POST
@one_shot
def consent_upload_view(request, pk: int):
    group = _group_for(request, pk, "pairs.manage_groups")
    people = list(missing_consents(group))
    form = ConsentUploadForm(request.POST, request.FILES, people=people)
    if form.is_valid():
        try:
            services.duty_consent_upload(
                group=group,
                person=form.people[form.cleaned_data["person"]],
                signed_on=form.cleaned_data["signed_on"],
                scan=form.cleaned_data["scan"],
                user=request.user,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Скан согласия загружен.")
            return redirect("pairs:group-detail", pk=group.pk)
    messages.error(request, "Согласие не сохранено: исправьте ошибки в форме загрузки скана.")
    return _group_detail(request, group, upload_form=form)


def _consent_of(group: MentoringGroup, person_id: int) -> DutyConsent:
    consent = group.duty_consents.filter(person_id=person_id).first()
    if consent is None:
        raise Http404("Согласия нет")
    return consent


def _scan_response(field_file, *, person, signed_on) -> FileResponse:
    """The scan as a download under a readable name; a record that outlived its file is a 404, not a 500."""
    try:
        stream = field_file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("Файл не найден в хранилище") from None
    suffix = PurePath(field_file.name).suffix.lower()
    kind = next((k for k in KINDS.values() if suffix in k.extensions), None)
    response = FileResponse(
        stream,
        as_attachment=True,
        filename=f"Согласие {person.short_name} {signed_on:%d.%m.%Y}{suffix}",
        content_type=kind.content_type if kind else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"  # a signed paper with personal data
    return response


@login_required
@require_GET
def consent_scan_view(request, pk: int, person_id: int):
    """The scan of a participant's paper consent: for everyone who may see the pair."""
    group = _group_for(request, pk, "pairs.view_group")
    consent = _consent_of(group, person_id)
    if not consent.scan:
        raise Http404("Согласие подтверждено в портале: скана нет")
    return _scan_response(consent.scan, person=consent.person, signed_on=consent.signed_on)


@login_required
@require_GET
def consent_past_scan_view(request, pk: int, person_id: int, scan_id: int):
    """A scan that a newer one replaced."""
    group = _group_for(request, pk, "pairs.view_group")
    consent = _consent_of(group, person_id)
    past = consent.past_scans.filter(pk=scan_id).first()
    if past is None:
        raise Http404("Скана нет")
    return _scan_response(past.scan, person=consent.person, signed_on=past.signed_on)


def replace_prefix(person_id: int) -> str:
    """Each participant's replacement form has fields of its own names and ids (no label points at
    another participant's field)."""
    return f"replace-{person_id}"


@login_required
@require_POST
@one_shot
def consent_replace_view(request, pk: int, person_id: int):
    group = _group_for(request, pk, "pairs.manage_groups")
    consent = _consent_of(group, person_id)
    form = ConsentScanReplaceForm(request.POST, request.FILES, prefix=replace_prefix(person_id))
    if form.is_valid():
        try:
            services.duty_consent_replace_scan(
                consent=consent,
                signed_on=form.cleaned_data["signed_on"],
                scan=form.cleaned_data["scan"],
                user=request.user,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Скан согласия заменён; прежний скан сохранён в истории согласия.")
            return redirect("pairs:group-detail", pk=group.pk)
    messages.error(request, "Скан не заменён: исправьте ошибки в форме.")
    return _group_detail(request, group, replace_form=form, replace_for=consent.person_id)


@login_required
@require_POST
def compatibility_view(request, pk: int):
    group = _group_for(request, pk, "pairs.write_compatibility")
    form = CompatibilityForm(request.POST, lock_token=compatibility_lock_token(group))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.group_set_compatibility(
                group=group,
                user=request.user,
                compatibility=data["compatibility"],
                note=data["note"],
                **form.lock_kwargs(),
            )
        except locking.EditConflict as error:
            conflict = locking.conflict_context(
                form,
                error,
                reload_url=reverse("pairs:group-detail", args=[group.pk]) + "#h-compat",
                last_change=last_change(group),
            )
            return render(
                request,
                "pairs/compatibility_conflict.html",
                {"group": group, "form": form, "conflict": conflict},
                status=409,
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Заключение педагога-психолога сохранено.")
    else:
        messages.error(request, " ".join(form.non_field_errors()) or "Выберите оценку совместимости.")
    return redirect("pairs:group-detail", pk=group.pk)


@login_required
@one_shot
def replace_view(request, pk: int):
    group = _group_for(request, pk, "pairs.manage_groups")
    members = [m for m in group.members.all() if m.status == GroupMember.Status.ACTIVE]
    form = ReplaceForm(request.POST or None, group=group, members=members)
    if request.method == "POST" and form.is_valid():
        try:
            order = services.mentor_replace_request(
                member=form.members[form.cleaned_data["member"]],
                new_mentor=form.cleaned_data["new_mentor"],
                petition_date=form.cleaned_data["petition_date"],
                reason=form.cleaned_data["reason"],
                user=request.user,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Подготовлен проект приказа о замене наставника.")
            return redirect(order_url(order) or reverse("pairs:group-detail", args=[group.pk]))
    return render(request, "pairs/replace_form.html", {"group": group, "form": form})


@login_required
@one_shot
def release_view(request, pk: int):
    group = _group_for(request, pk, "pairs.manage_groups")
    form = ReleaseForm(request.POST or None)
    ends_on = None
    if request.method == "POST" and form.is_valid():
        try:
            order = services.mentor_release_request(
                mentor=group.mentor, user=request.user, **form.cleaned_data
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Подготовлен проект приказа об освобождении наставника.")
            return redirect(order_url(order) or reverse("pairs:group-detail", args=[group.pk]))
    if form.is_bound and form.is_valid():
        ends_on = notice_end(form.cleaned_data["document_date"])
    return render(request, "pairs/release_form.html", {"group": group, "form": form, "ends_on": ends_on})


@login_required
def agreement_pdf_view(request, pk: int):
    group = _group_for(request, pk, "pairs.download_agreement")
    pdf = additional_agreement_pdf(group=group)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="dopsoglashenie-{group.pk}.pdf"'
    return response


@login_required
def allowance_view(request, pk: int):
    """The director or the curator sets the mentor's allowance of a draft pair or group; it goes into
    the order and the additional agreement."""
    group = _group_for(request, pk, "pairs.set_allowance")
    amount, share = services.allowance_of(group)
    form = AllowanceForm(request.POST or None, initial={"amount": amount, "percent": share})
    if request.method == "POST" and form.is_valid():
        try:
            services.group_set_allowance(
                group=group,
                user=request.user,
                amount=form.cleaned_data["amount"],
                share=form.cleaned_data["percent"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Доплата наставнику сохранена.")
            return redirect("pairs:group-detail", pk=group.pk)
    return render(
        request,
        "pairs/allowance.html",
        {
            "group": group,
            "form": form,
            "current": services.allowance_words(group),
            "own": bool(group.allowance_amount or group.allowance_percent),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@one_shot
def cohort_view(request):
    organization = _organization_for(request, "pairs.manage_groups")
    year = _current_year()
    mentees = list(mentees_without_pair(organization=organization, year=year))
    proposals = propose_cohort(organization=organization, year=year, mentees=mentees)
    mentors = {
        m.pk: m
        for m in MentorEntry.objects.filter(organization=organization, year=year).select_related("person")
    }
    planned_start, planned_end = default_period(year)
    dates = CohortDatesForm(
        request.POST or None, initial={"planned_start": planned_start, "planned_end": planned_end}
    )
    if request.method == "POST" and dates.is_valid():
        by_pk = {m.pk: m for m in mentees}
        rows = []
        for mentee_pk in request.POST.getlist("include"):
            mentee = by_pk.get(int(mentee_pk)) if mentee_pk.isdigit() else None
            mentor_pk = request.POST.get(f"mentor_{mentee_pk}", "")
            mentor = mentors.get(int(mentor_pk)) if mentor_pk.isdigit() else None
            direction = request.POST.get(f"direction_{mentee_pk}", "")
            if mentee and mentor and direction in Direction.values:
                rows.append((mentee, mentor, direction))
        if not rows:
            messages.error(request, "Отметьте хотя бы одну пару с выбранным наставником.")
        else:
            try:
                created = services.cohort_create(
                    organization=organization, year=year, rows=rows, user=request.user, **dates.cleaned_data
                )
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, f"Сформировано проектов пар: {len(created)}.")
                return redirect(reverse("pairs:group-list") + "?status=draft")
    table = [{"proposal": p, "direction": main_direction(p.mentee)} for p in proposals]
    return render(
        request,
        "pairs/cohort.html",
        {
            "table": table,
            "mentor_choices": sorted(mentors.values(), key=lambda m: m.person.last_name),
            "directions": Direction.choices,
            "dates": dates,
            "year": year,
        },
    )
