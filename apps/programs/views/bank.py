"""The program bank: publishing a finished program, the list and a bank program."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from apps.accounts.session import active_organization
from apps.core.exceptions import DomainError
from apps.core.idempotency import one_shot
from apps.pairs.models import MentoringGroup

from .. import selectors, services
from ..forms import (
    PublishForm,
)
from .programs import _form_error, _program_for


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
    return render(
        request,
        "programs/bank_detail.html",
        {
            "template": template,
            "groups": groups,
            "can_publish": request.user.has_perm("programs.publish_program", template.organization),
        },
    )


@login_required
@require_POST
def bank_public(request, pk: int):
    """Put a bank program on the public page «Наставничество», or take it off."""
    organization = _bank_organization(request)
    template = get_object_or_404(selectors.templates_for(user=request.user, organization=organization), pk=pk)
    if not request.user.has_perm("programs.publish_program", template.organization):
        raise PermissionDenied
    public = request.POST.get("public") == "1"
    services.template_set_public(template=template, user=request.user, public=public)
    if public:
        messages.success(request, "Программа показана на публичной странице «Наставничество».")
    else:
        messages.success(request, "Программа снята с публичной страницы.")
    return redirect("programs:bank-detail", pk=template.pk)
