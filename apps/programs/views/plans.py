"""The plans of a program: rows edited inline (htmx)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from apps.audit.selectors import last_change
from apps.core import locking
from apps.core.exceptions import DomainError
from apps.core.idempotency import one_shot

from .. import selectors, services
from ..forms import (
    PLAN_FORMS,
    PLAN_TITLES,
)
from ..models import Program
from .programs import _back, _form_error, _plans, _program_for


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
