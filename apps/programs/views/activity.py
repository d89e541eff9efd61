"""The activity log and the comments of a program."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from apps.core.exceptions import DomainError
from apps.core.idempotency import one_shot

from .. import selectors, services
from ..forms import (
    ActivityForm,
    CommentForm,
)
from ..models import RoadmapEvent
from .programs import _back, _form_error, _members, _program_for


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
