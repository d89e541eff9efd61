"""Pages of programs: thin views over the selectors, forms and services."""

import calendar as pycalendar
from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from apps.accounts.session import active_organization
from apps.audit.selectors import last_change, object_history
from apps.core import locking
from apps.core.exceptions import DomainError
from apps.core.forms import add_domain_error as _form_error
from apps.core.idempotency import one_shot
from apps.pairs.models import GroupMember, MentoringGroup
from apps.pairs.selectors import groups_in_scope, participants

from . import selectors, services
from .filters import ProgramFilter
from .forms import (
    PLAN_FORMS,
    PLAN_TITLES,
    ActivityForm,
    CancelForm,
    ChangeForm,
    CommentForm,
    EndForm,
    EventDoneForm,
    EventEditForm,
    ProgramCreateForm,
    ProgramForm,
    PublishForm,
    plan_to_text,
)
from .models import CalendarToken, Program, ProgramChange, RoadmapEvent

MONTHS = [
    "Январь",
    "Февраль",
    "Март",
    "Апрель",
    "Май",
    "Июнь",
    "Июль",
    "Август",
    "Сентябрь",
    "Октябрь",
    "Ноябрь",
    "Декабрь",
]


def _program_for(request, pk: int, perm: str = "programs.view_program") -> Program:
    """Outside the user's scope the program does not exist (404); visible but not allowed: 403."""
    program = selectors.program_detail(user=request.user, pk=pk)
    if not request.user.has_perm("programs.view_program", program):
        raise PermissionDenied
    if not request.user.has_perm(perm, program):
        raise PermissionDenied
    return program


def _back(program: Program, anchor: str = "") -> str:
    return reverse("programs:program-detail", args=[program.pk]) + (f"#{anchor}" if anchor else "")


# List and creation ---------------------------------------------------------------------------------


@login_required
def program_list(request):
    organization = active_organization(request)
    if organization is not None and request.user.has_perm("programs.view_programs", organization):
        filterset = ProgramFilter(
            request.GET,
            queryset=selectors.program_list(user=request.user, organization=organization),
            organization=organization,
        )
        qs = filterset.qs
        page = Paginator(qs, 25).get_page(request.GET.get("page"))
        groups_without = []
        if request.user.has_perm("programs.manage_programs", organization):
            groups_without = list(
                groups_in_scope(request.user)
                .filter(organization=organization, status=MentoringGroup.Status.ACTIVE, program__isnull=True)
                .select_related("mentor__person")[:50]
            )
        rows = [(p, selectors.progress_of(p)) for p in page.object_list]
        # A staff member who is also a distance mentor of another organisation (issue 9 §3).
        elsewhere = selectors.programs_of_user(user=request.user).exclude(organization=organization)
        groups_without += [
            g for g in _my_groups_without_program(request.user) if g.organization_id != organization.pk
        ]
        return render(
            request,
            "programs/program_list.html",
            {
                "page_obj": page,
                "rows": rows,
                "organization": organization,
                "filter": filterset,
                "groups_without": groups_without,
                "elsewhere": [(p, selectors.progress_of(p)) for p in elsewhere],
            },
        )
    mine = list(selectors.programs_of_user(user=request.user))
    if not mine and not _my_groups_without_program(request.user):
        raise PermissionDenied
    rows = [(p, selectors.progress_of(p)) for p in mine]
    return render(
        request,
        "programs/program_list.html",
        {"rows": rows, "mine_only": True, "groups_without": _my_groups_without_program(request.user)},
    )


def _my_groups_without_program(user):
    return list(
        MentoringGroup.objects.filter(
            mentor__person__user=user, status=MentoringGroup.Status.ACTIVE, program__isnull=True
        ).select_related("mentor__person")
    )


def _may_create(user, group: MentoringGroup) -> bool:
    return (
        user.has_perm("programs.manage_programs", group.organization)
        or group.mentor.person.user_id == user.pk
    )


@login_required
@one_shot
def program_create(request, group_pk: int):
    group = get_object_or_404(
        MentoringGroup.objects.filter(
            Q(pk__in=groups_in_scope(request.user).values("pk")) | Q(mentor__person__user=request.user)
        ).select_related("mentor__person", "organization"),
        pk=group_pk,
    )
    if not _may_create(request.user, group):
        raise PermissionDenied
    templates = selectors.templates_for(user=request.user, organization=group.organization)
    initial = {
        "title": f"Персонализированная программа наставничества: {group.get_direction_display().lower()}",
        "start": group.started_on or group.planned_start,
        "end": group.planned_end,
        "template": request.GET.get("template"),
    }
    form = ProgramCreateForm(request.POST or None, initial=initial, templates=templates)
    if request.method == "POST" and form.is_valid():
        try:
            program = services.program_create(group=group, user=request.user, **form.cleaned_data)
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, "Программа создана. Заполните разделы вместе с наставляемыми.")
            return redirect("programs:program-detail", pk=program.pk)
    return render(request, "programs/program_create.html", {"form": form, "group": group})


# The program page ----------------------------------------------------------------------------------


LOG_ON_PAGE = 10
EVENTS_ON_PAGE = 50


@login_required
def program_detail(request, pk: int):
    program = _program_for(request, pk)
    user = request.user
    events = list(selectors.event_list(program=program, files=False)[:EVENTS_ON_PAGE])
    activities = list(selectors.activity_list(program=program, files=False, participants=False)[:LOG_ON_PAGE])
    selectors.attach_files(events=events, activities=activities)
    can_log = user.has_perm("programs.log_activity", program)
    activity_form = None
    if can_log:
        activity_form = ActivityForm(
            events=RoadmapEvent.objects.filter(program=program, status=RoadmapEvent.Status.PLANNED),
            last_kind=program.last_kind,  # annotated by the selector
            members=_members(program),
        )
        # The choices from what the selector has loaded already (the planned events, the members
        # prefetched with the program): no query to render them.
        activity_form.use_loaded_choices(
            events=program.planned_events,
            members=[m for m in program.group.members.all() if m.status != GroupMember.Status.ENDED],
        )
    comments = program.comments.select_related("author").order_by("-created_at")[:30]
    if not user.has_perm("programs.view_personal", program):
        comments = [c for c in comments if c.kind == c.Kind.PUBLIC]
    changes = selectors.recent_changes(program=program)
    people = participants(program.group)
    for change in changes:
        agreed = set(change.consent_person_ids)
        change.missing = [p for p in people if p.pk not in agreed]
        change.i_may_consent = change.status == ProgramChange.Status.PROPOSED and any(
            p.user_id == user.pk for p in change.missing
        )
    agreed_ids = set(program.agreed_person_ids)  # annotated by the selector
    agreement_rows = [(p, p.pk in agreed_ids, p.user_id == user.pk) for p in people]
    ending = getattr(program, "ending", None) if hasattr(program, "ending") else None
    return render(
        request,
        "programs/program_detail.html",
        {
            "program": program,
            "progress": selectors.progress_of(program),
            "events": events,
            "events_more": program.events_total > EVENTS_ON_PAGE,
            "activities": activities,
            "activity_form": activity_form,
            "comment_form": CommentForm(),
            "comments": comments,
            "changes": changes,
            "agreement_rows": agreement_rows,
            "people": people,
            "ending": ending,
            "plans": _plans(program),
            "today": selectors.today(),
            "history": object_history(program) if user.has_perm("audit.view_history", program) else None,
        },
    )


def _plans(program: Program) -> list[dict]:
    return [
        {"key": "deficit", "title": PLAN_TITLES["deficit"], "items": list(program.deficit_items.all())},
        {
            "key": "competence",
            "title": PLAN_TITLES["competence"],
            "items": list(program.competence_items.all()),
        },
        {"key": "model", "title": PLAN_TITLES["model"], "items": list(program.model_items.all())},
    ]


@login_required
def program_edit(request, pk: int):
    program = _program_for(request, pk, "programs.edit_program")
    initial = {name: getattr(program, name) for name in services.EDITABLE_FIELDS}
    initial["version"] = program.version
    form = ProgramForm(request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.program_update(
                program=program,
                user=request.user,
                data=form.data_for_service(),
                version=form.cleaned_data["version"],
            )
        except services.ProgramConflict as error:
            conflict = locking.conflict_context(
                form,
                error,
                reload_url=reverse("programs:program-edit", args=[program.pk]),
                last_change=last_change(program),
                token_field="version",
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, "Программа сохранена.")
            return redirect("programs:program-detail", pk=program.pk)
    return render(
        request,
        "programs/program_form.html",
        {"program": program, "form": form, "conflict": conflict},
        status=409 if conflict else 200,
    )


def _transition_view(service, perm: str, success: str):
    @login_required
    @require_POST
    def view(request, pk: int):
        program = _program_for(request, pk, perm)
        try:
            service(program=program, user=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, success)
        return redirect("programs:program-detail", pk=program.pk)

    return view


program_agree = _transition_view(
    services.program_agree, "programs.agree_program", "Вы подтвердили согласие с текущей редакцией программы."
)
program_submit = _transition_view(
    services.program_submit, "programs.submit_program", "Программа направлена на согласование."
)
program_return = _transition_view(
    services.program_return, "programs.approve_program", "Программа возвращена на доработку."
)
program_approve = _transition_view(
    services.program_approve, "programs.approve_program", "Программа утверждена."
)


@login_required
def program_versions(request, pk: int):
    program = _program_for(request, pk)
    versions = list(program.versions.select_related("changed_by").order_by("-number"))
    labels = services.FIELD_LABELS
    rows = []
    for n, version in enumerate(versions):
        older = versions[n + 1].snapshot if n + 1 < len(versions) else {}
        diff = [
            labels.get(k, k)
            for k, v in version.snapshot.items()
            if k != "plans" and older and older.get(k) != v
        ]
        if older and older.get("plans") != version.snapshot.get("plans"):
            diff.append("Планы")
        rows.append((version, diff))
    return render(request, "programs/program_versions.html", {"program": program, "rows": rows})


# Plans (htmx inline editing) ---------------------------------------------------------------------


@login_required
@one_shot
def plan_item(request, pk: int, plan: str, item_id: int | None = None):
    program = _program_for(request, pk, "programs.edit_program")
    if plan not in PLAN_FORMS:
        raise Http404
    model = services.PLAN_MODELS[plan]
    instance = get_object_or_404(model, program=program, pk=item_id) if item_id else None
    form_class = PLAN_FORMS[plan]
    token = None
    if instance is not None:
        fields = form_class._meta.fields
        token = locking.state_token(locking.model_state(model, {n: getattr(instance, n) for n in fields}))
    form = form_class(request.POST or None, instance=instance, lock_token=token)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != locking.TOKEN_FIELD}
        try:
            services.plan_item_save(
                program=program,
                user=request.user,
                plan=plan,
                data=data,
                item_id=item_id,
                **form.lock_kwargs(),
            )
        except locking.EditConflict as error:
            conflict = locking.conflict_context(
                form,
                error,
                reload_url=reverse("programs:plan-edit", args=[program.pk, plan, item_id]),
                last_change=last_change(program),
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            return _plan_response(request, program, plan)
    template = "programs/_plan_form.html"
    context = {
        "program": program,
        "plan": plan,
        "form": form,
        "item_id": item_id,
        "title": PLAN_TITLES[plan],
        "conflict": conflict,
    }
    if request.htmx:
        return render(request, template, context)  # htmx swaps only 2xx answers
    return render(request, "programs/plan_item_page.html", context, status=409 if conflict else 200)


@login_required
@require_POST
def plan_item_delete(request, pk: int, plan: str, item_id: int):
    program = _program_for(request, pk, "programs.edit_program")
    if plan not in PLAN_FORMS:
        raise Http404
    try:
        services.plan_item_delete(program=program, user=request.user, plan=plan, item_id=item_id)
    except DomainError as error:
        messages.error(request, error.message)
    return _plan_response(request, program, plan)


def _plan_response(request, program: Program, plan: str):
    if request.htmx:
        program = selectors.program_detail(user=request.user, pk=program.pk)
        block = next(p for p in _plans(program) if p["key"] == plan)
        return render(request, "programs/_plan.html", {"program": program, "block": block})
    return redirect(_back(program, f"plan-{plan}"))


# Roadmap --------------------------------------------------------------------------------------


def _members(program: Program):
    return (
        GroupMember.objects.filter(group_id=program.group_id)
        .exclude(status=GroupMember.Status.ENDED)
        .select_related("mentee_person")
    )


def _mentees(program: Program):
    from apps.staff.models import Person

    return Person.objects.filter(
        pk__in=[
            m.mentee_person_id for m in program.group.members.all() if m.status != GroupMember.Status.ENDED
        ]
    )


@login_required
def event_list(request, pk: int):
    program = _program_for(request, pk)
    qs = selectors.event_list(program=program)
    status = request.GET.get("status", "")
    if status == "overdue":
        qs = qs.filter(selectors.overdue_q())
    elif status in RoadmapEvent.Status.values:
        qs = qs.filter(status=status)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "programs/event_list.html",
        {"program": program, "page_obj": page, "status": status, "statuses": RoadmapEvent.Status.choices},
    )


@login_required
@one_shot
def event_edit(request, pk: int, event_id: int | None = None):
    program = _program_for(request, pk, "programs.edit_roadmap")
    event = get_object_or_404(RoadmapEvent, program=program, pk=event_id) if event_id else None
    initial = {}
    if event is not None:
        initial = {name: getattr(event, name) for name in services.EVENT_FIELDS}
    else:
        initial = {"start": max(selectors.today(), program.start)}
    form = EventEditForm(
        request.POST or None,
        initial=initial,
        mentees=_mentees(program),
        lock_token=selectors.roadmap_event_token(event) if event is not None else None,
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != locking.TOKEN_FIELD}
        try:
            services.event_save(
                program=program, user=request.user, data=data, event=event, **form.lock_kwargs()
            )
        except locking.EditConflict as error:
            conflict = locking.conflict_context(
                form,
                error,
                reload_url=reverse("programs:event-edit", args=[program.pk, event.pk]),
                last_change=last_change(event),
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, "Мероприятие сохранено.")
            return redirect(_back(program, "roadmap"))
    return render(
        request,
        "programs/event_form.html",
        {"program": program, "form": form, "event": event, "conflict": conflict},
        status=409 if conflict else 200,
    )


def _may_complete(user, program: Program, event: RoadmapEvent) -> bool:
    if user.has_perm("programs.edit_roadmap", program):
        return True
    if not user.has_perm("programs.mark_task", program) or event.responsible != "mentee":
        return False
    return event.responsible_person_id is None or event.responsible_person.user_id == user.pk


@login_required
@one_shot
def event_done(request, pk: int, event_id: int):
    program = _program_for(request, pk)
    event = get_object_or_404(
        RoadmapEvent.objects.select_related("responsible_person"), program=program, pk=event_id
    )
    if not _may_complete(request.user, program, event):
        raise PermissionDenied
    form = EventDoneForm(request.POST or None, request.FILES or None, initial={"evidence": event.evidence})
    if request.method == "POST" and form.is_valid():
        try:
            services.event_complete(
                event=event,
                user=request.user,
                evidence=form.cleaned_data["evidence"],
                reflection=form.cleaned_data["reflection"],
                files=form.cleaned_data["files"],
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, "Мероприятие отмечено выполненным.")
            return redirect(_back(program, "roadmap"))
    return render(request, "programs/event_done.html", {"program": program, "form": form, "event": event})


@login_required
def event_cancel(request, pk: int, event_id: int):
    program = _program_for(request, pk, "programs.edit_roadmap")
    event = get_object_or_404(RoadmapEvent, program=program, pk=event_id)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_cancel(event=event, user=request.user, reason=form.cleaned_data["reason"])
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, "Мероприятие отменено.")
            return redirect(_back(program, "roadmap"))
    return render(request, "programs/event_cancel.html", {"program": program, "form": form, "event": event})


def _month_of(request, program: Program) -> date:
    raw = request.GET.get("month", "")
    try:
        year, month = (int(x) for x in raw.split("-"))
        return date(year, month, 1)
    except (ValueError, TypeError):
        today = selectors.today()
        anchor = today if program.start <= today <= program.end else program.start
        return anchor.replace(day=1)


@login_required
def program_calendar(request, pk: int):
    program = _program_for(request, pk)
    first = _month_of(request, program)
    last = first.replace(day=pycalendar.monthrange(first.year, first.month)[1])
    weeks = pycalendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    grid_first, grid_last = weeks[0][0], weeks[-1][-1]
    by_day: dict[date, list] = {}
    month_events = []
    for event in selectors.events_in_period(program=program, first=grid_first, last=grid_last):
        if event.start <= last and event.last_day >= first:
            month_events.append(event)
        day = max(event.start, grid_first)
        end = min(event.last_day, grid_last)
        while day <= end:
            by_day.setdefault(day, []).append(event)
            day += timedelta(days=1)
    prev_month = (first - timedelta(days=1)).replace(day=1)
    next_month = last + timedelta(days=1)
    return render(
        request,
        "programs/calendar.html",
        {
            "program": program,
            "month_label": f"{MONTHS[first.month - 1]} {first.year}",
            "weeks": [[(d, d.month == first.month, by_day.get(d, [])) for d in week] for week in weeks],
            "month_events": month_events,
            "prev": f"{prev_month:%Y-%m}",
            "next": f"{next_month:%Y-%m}",
            "today": selectors.today(),
        },
    )


# Activity log ------------------------------------------------------------------------------------


@login_required
def activity_list(request, pk: int):
    program = _program_for(request, pk)
    page = Paginator(selectors.activity_list(program=program), 30).get_page(request.GET.get("page"))
    return render(request, "programs/activity_list.html", {"program": program, "page_obj": page})


@login_required
@one_shot
def activity_add(request, pk: int):
    program = _program_for(request, pk, "programs.log_activity")
    form = ActivityForm(
        request.POST or None,
        request.FILES or None,
        events=RoadmapEvent.objects.filter(program=program),
        last_kind=selectors.last_activity_kind(program=program),
        members=_members(program),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.activity_log(
                program=program,
                user=request.user,
                date=data["date"],
                minutes=data["minutes"],
                format=data["format"],
                kind=data["kind"],
                notes=data["notes"],
                event=data["event"],
                members=list(data["members"]),
                files=data["files"],
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, "Запись добавлена в журнал.")
            next_url = request.POST.get("next", "")
            if next_url == "dashboard":
                return redirect("accounts:dashboard")
            return redirect(_back(program, "log"))
    return render(request, "programs/activity_form.html", {"program": program, "form": form})


@login_required
@require_POST
@one_shot
def comment_add(request, pk: int):
    program = _program_for(request, pk, "programs.comment")
    form = CommentForm(request.POST)
    if form.is_valid():
        private = form.cleaned_data["private"] and request.user.has_perm("programs.view_personal", program)
        try:
            services.comment_add(
                program=program, user=request.user, text=form.cleaned_data["text"], private=private
            )
        except DomainError as error:
            messages.error(request, error.message)
    else:
        messages.error(request, "Напишите комментарий.")
    return redirect(_back(program, "comments"))


# Files -----------------------------------------------------------------------------------------


@login_required
def file_download(request, file_id: int):
    evidence = selectors.file_for(user=request.user, pk=file_id)
    program = selectors.program_detail(user=request.user, pk=evidence.program_id)
    if not request.user.has_perm("programs.view_program", program):
        raise Http404
    try:
        stream = evidence.file.open("rb")
    except FileNotFoundError:
        # The record outlived its file (restored without media, or removed by hand): say so, not a 500.
        raise Http404("Файл не найден в хранилище") from None
    response = FileResponse(
        stream,
        as_attachment=True,
        filename=evidence.name,
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# Changes and end -----------------------------------------------------------------------------------


@login_required
@one_shot
def change_propose(request, pk: int):
    program = _program_for(request, pk, "programs.propose_change")
    plans = services.current_plans(program)
    initial = {
        "content": program.content,
        "forms_methods": program.forms_methods,
        "tasks": program.tasks,
        "deficit_plan": plan_to_text(plans["deficit"], "deficit"),
        "competence_plan": plan_to_text(plans["competence"], "competence"),
    }
    form = ChangeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.change_propose(
                program=program,
                user=request.user,
                reason=data["reason"],
                new_end=data["new_end"],
                new_mode=data["new_mode"],
                sections={k: data[k] for k in ("content", "forms_methods", "tasks")},
                plans=_changed_plans(request, data, initial),
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(
                request, "Изменение предложено. Приказ будет подготовлен, когда согласятся все участники."
            )
            return redirect(_back(program, "changes"))
    return render(request, "programs/change_form.html", {"program": program, "form": form})


def _changed_plans(request, data: dict, initial: dict) -> dict:
    """Only plans whose text was edited: cells with line breaks are shown flattened in the form, so an
    untouched field must not count as a change."""
    plans = {}
    for key in ("deficit", "competence"):
        raw = (request.POST.get(f"{key}_plan") or "").replace("\r\n", "\n").strip()
        if data[f"{key}_plan"] is not None and raw != initial[f"{key}_plan"].strip():
            plans[key] = data[f"{key}_plan"]
    return plans


@login_required
@require_POST
@one_shot
def change_consent(request, pk: int, change_id: int):
    program = _program_for(request, pk, "programs.consent_change")
    change = get_object_or_404(ProgramChange, program=program, pk=change_id)
    try:
        services.change_consent(change=change, user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Ваше согласие с изменением записано.")
    return redirect(_back(program, "changes"))


@login_required
@require_POST
def change_withdraw(request, pk: int, change_id: int):
    program = _program_for(request, pk, "programs.propose_change")
    change = get_object_or_404(ProgramChange, program=program, pk=change_id)
    try:
        services.change_withdraw(change=change, user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect(_back(program, "changes"))


@login_required
@one_shot
def program_end(request, pk: int):
    program = _program_for(request, pk, "programs.end_program")
    open_events = list(
        RoadmapEvent.objects.filter(program=program, status=RoadmapEvent.Status.PLANNED).order_by("start")
    )
    form = EndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            ending = services.program_end_request(program=program, user=request.user, **form.cleaned_data)
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, "Проект приказа о завершении программы подготовлен.")
            return redirect("orders:order-detail", pk=ending.order_id)
    return render(
        request, "programs/end_form.html", {"program": program, "form": form, "open_events": open_events}
    )


# Bank ---------------------------------------------------------------------------------------------


@login_required
@one_shot
def program_publish(request, pk: int):
    program = _program_for(request, pk, "programs.publish_program")
    form = PublishForm(request.POST or None, initial={"title": program.title})
    if request.method == "POST" and form.is_valid():
        try:
            template = services.program_publish(program=program, user=request.user, **form.cleaned_data)
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, "Программа опубликована в банке программ без персональных данных.")
            return redirect("programs:bank-detail", pk=template.pk)
    return render(request, "programs/publish_form.html", {"program": program, "form": form})


def _bank_organization(request):
    organization = active_organization(request)
    if organization is None or not request.user.has_perm("programs.view_bank", organization):
        raise PermissionDenied
    return organization


@login_required
def bank_list(request):
    organization = _bank_organization(request)
    page = Paginator(selectors.templates_for(user=request.user, organization=organization), 25).get_page(
        request.GET.get("page")
    )
    return render(request, "programs/bank_list.html", {"page_obj": page, "organization": organization})


@login_required
def bank_detail(request, pk: int):
    organization = _bank_organization(request)
    template = get_object_or_404(selectors.templates_for(user=request.user, organization=organization), pk=pk)
    groups = []
    if request.user.has_perm("programs.manage_programs", organization):
        groups = list(
            MentoringGroup.objects.filter(
                organization=organization, status=MentoringGroup.Status.ACTIVE, program__isnull=True
            ).select_related("mentor__person")
        )
    return render(request, "programs/bank_detail.html", {"template": template, "groups": groups})


# Documents -----------------------------------------------------------------------------------------


@login_required
def program_pdf(request, pk: int):
    from .documents import program_pdf as render_program_pdf

    program = _program_for(request, pk, "programs.download_pdf")
    response = HttpResponse(render_program_pdf(program), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="program-{program.pk}.pdf"'
    return response


@login_required
def roadmap_xlsx(request, pk: int):
    from .documents import roadmap_xlsx_response

    program = _program_for(request, pk)
    return roadmap_xlsx_response(program)


# Calendar feed --------------------------------------------------------------------------------------


@login_required
def my_calendar(request):
    if request.method == "POST":
        services.calendar_token_for(request.user, renew=True)
        messages.success(request, "Создана новая ссылка; старая больше не работает.")
        return redirect("programs:my-calendar")
    token = services.calendar_token_for(request.user)
    url = request.build_absolute_uri(reverse("programs:ics-feed", args=[token.token]))
    upcoming, overdue = selectors.upcoming_and_overdue(user=request.user, days=60)
    return render(
        request, "programs/my_calendar.html", {"url": url, "upcoming": upcoming, "overdue": overdue}
    )


def ics_feed(request, token: str):
    """No session: the secret token in the URL is the key (phones subscribe without signing in)."""
    from .documents import ics_calendar

    owner = get_object_or_404(CalendarToken.objects.select_related("user"), token=token)
    if not owner.user.is_active:
        raise Http404
    events = selectors.calendar_events_for(user=owner.user)
    response = HttpResponse(
        ics_calendar(events, host=request.get_host()), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="nastavnik.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response
