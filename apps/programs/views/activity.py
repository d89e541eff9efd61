"""The activity log and the comments of a program."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from apps.core.exceptions import DomainError
from apps.core.idempotency import one_shot

from .. import selectors, services
from ..corrections import correctable_until, correction_refusal, mark_correctable
from ..forms import (
    ActivityCorrectForm,
    ActivityForm,
    CommentForm,
)
from ..models import ActivityLog, RoadmapEvent
from .programs import _back, _form_error, _members, _program_for


@login_required
def activity_list(request, pk: int):
    program = _program_for(request, pk)
    page = Paginator(selectors.activity_list(program=program), 30).get_page(request.GET.get("page"))
    page.object_list = mark_correctable(page.object_list, program=program, user=request.user)
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
                complete_event=data["complete_event"],
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


def _own_entry(request, pk: int, activity_id: int) -> tuple:
    """The program (the user may log in it) and its entry; the correction rule itself is the
    service's (corrections.py)."""
    program = _program_for(request, pk, "programs.log_activity")
    entry = get_object_or_404(ActivityLog.objects.select_related("program"), program=program, pk=activity_id)
    return program, entry


def _log_url(program) -> str:
    return _back(program, "log")


@login_required
@one_shot
def activity_edit(request, pk: int, activity_id: int):
    program, entry = _own_entry(request, pk, activity_id)
    refusal = correction_refusal(entry, request.user)
    if refusal:
        messages.error(request, refusal)
        return redirect(_log_url(program))
    # The planned events and the one the entry belongs to (it may be done by now).
    events = RoadmapEvent.objects.filter(
        Q(status=RoadmapEvent.Status.PLANNED) | Q(pk=entry.event_id), program=program
    ).order_by("start", "pk")
    form = ActivityCorrectForm(
        request.POST or None,
        initial={
            "date": entry.date,
            "minutes": entry.minutes,
            "kind": entry.kind,
            "format": entry.format,
            "event": entry.event_id,
            "notes": entry.notes,
        },
        events=events,
    )
    form.use_loaded_choices(events=list(events))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.activity_correct(
                entry=entry,
                user=request.user,
                date=data["date"],
                minutes=data["minutes"],
                format=data["format"],
                kind=data["kind"],
                notes=data["notes"],
                event=data["event"],
                complete_event=data["complete_event"],
            )
        except DomainError as error:
            if error.field is None:
                messages.error(request, error.message)
                return redirect(_log_url(program))
            _form_error(form, error)
        else:
            messages.success(request, "Запись журнала исправлена.")
            return redirect(_log_url(program))
    return render(
        request,
        "programs/activity_edit.html",
        {"program": program, "form": form, "entry": entry, "until": correctable_until(entry)},
    )


@login_required
@require_POST
@one_shot
def activity_delete(request, pk: int, activity_id: int):
    program, entry = _own_entry(request, pk, activity_id)
    try:
        services.activity_remove(entry=entry, user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Запись удалена из журнала; в истории изменений она сохранена.")
    return redirect(_log_url(program))


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
