"""Changes by mutual consent and the end of a program."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from apps.core.exceptions import DomainError
from apps.core.idempotency import one_shot

from .. import services
from ..forms import (
    ChangeForm,
    EndForm,
    plan_to_text,
)
from ..models import ProgramChange, RoadmapEvent
from .programs import _back, _form_error, _program_for


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
