"""Pages of a program itself: the list, creation, the program page, editing its text, the moves of
its workflow, versions; the helpers the other page modules share."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from apps.accounts.selectors import sees_organization
from apps.accounts.session import active_organization
from apps.audit.selectors import last_change, object_history
from apps.core import locking
from apps.core.exceptions import DomainError
from apps.core.forms import add_domain_error as _form_error
from apps.core.idempotency import one_shot
from apps.pairs.models import GroupMember, MentoringGroup
from apps.pairs.selectors import groups_in_scope, participants

from .. import selectors, services
from ..corrections import mark_correctable
from ..filters import ProgramFilter
from ..forms import (
    PLAN_TITLES,
    ActivityForm,
    ApproveForm,
    CommentForm,
    ProgramCreateForm,
    ProgramForm,
)
from ..models import Program, ProgramChange, RoadmapEvent
from ..responsibles import label_events


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
            # The organisation's own staff: its groups, without compiling the scope's subqueries.
            groups = (
                MentoringGroup.objects.all()
                if sees_organization(request.user, organization)
                else groups_in_scope(request.user)
            )
            groups_without = list(
                groups.filter(
                    organization=organization, status=MentoringGroup.Status.ACTIVE, program__isnull=True
                ).select_related("mentor__person")[:50]
            )
        rows = [(p, selectors.progress_of(p)) for p in page.object_list]
        # A staff member who is also a distance mentor of another organisation (issue 9 §3): her own
        # pairs, read once for both lines.
        own = selectors.participant_groups(request.user)
        elsewhere = selectors.programs_elsewhere(user=request.user, organization=organization, groups=own)
        groups_without += [
            g
            for g in selectors.own_groups_without_program(request.user, own)
            if g.organization_id != organization.pk
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
    events = label_events(program, selectors.event_list(program=program, files=False)[:EVENTS_ON_PAGE])
    activities = list(selectors.activity_list(program=program, files=False, participants=False)[:LOG_ON_PAGE])
    selectors.attach_files(events=events, activities=activities)
    activities = mark_correctable(activities, program=program, user=user)
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
            "approve_form": ApproveForm(),
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


@login_required
@require_POST
def program_approve(request, pk: int):
    program = _program_for(request, pk, "programs.approve_program")
    form = ApproveForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("programs:program-detail", pk=program.pk)
    try:
        services.program_approve(program=program, user=request.user, **form.cleaned_data)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Программа утверждена.")
    return redirect("programs:program-detail", pk=program.pk)


def _snapshot_date(value) -> str:
    """A date kept in a snapshot as ISO text, written as in documents: dd.mm.yyyy."""
    try:
        return f"{date.fromisoformat(value):%d.%m.%Y}"
    except (TypeError, ValueError):
        return value or "—"


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
        term = " – ".join(_snapshot_date(version.snapshot.get(k)) for k in ("start", "end"))
        rows.append((version, diff, term))
    return render(request, "programs/program_versions.html", {"program": program, "rows": rows})


# The participants the roadmap and the log pick from -------------------------------------------


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
