"""Pages of the applications (заявления) into the banks: the teacher's own, the curator's queue with
the paper ones she enters, the decision, and the printable application."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from apps.accounts.session import active_organization
from apps.core.exceptions import DomainError
from apps.core.forms import add_domain_error
from apps.core.idempotency import one_shot
from apps.staff.models import Person
from apps.staff.selectors import people_with_valid_consent

from . import petitions, selectors
from .documents import petition_pdf
from .filters import PetitionFilter
from .forms import CommentForm, PetitionForm, PetitionPaperForm
from .models import Petition
from .views import PAGE_SIZE, _current_year, _organization_for, _questionnaire_person

FILED = "Заявление подано. Распечатайте его, подпишите и передайте куратору наставничества."


def _petition_for(request, pk: int, perm: str) -> Petition:
    """Outside the user's organisations (and not their own) an application does not exist: 404."""
    try:
        petition = selectors.petition_detail(user=request.user, pk=pk)
    except Petition.DoesNotExist as exc:
        raise Http404("Заявление не найдено") from exc
    if not request.user.has_perm(perm, petition):
        raise PermissionDenied
    return petition


@login_required
@one_shot
def petition_new(request):
    """The teacher's own application, from the account."""
    person = _questionnaire_person(request)
    year = _current_year()
    form = PetitionForm(request.POST or None, initial={"kind": request.GET.get("kind", Petition.Kind.MENTEE)})
    if request.method == "POST" and form.is_valid():
        try:
            petition = petitions.petition_file(
                user=request.user, person=person, year=year, **form.service_kwargs()
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, FILED)
            return redirect("banks:petition-detail", pk=petition.pk)
    return render(
        request,
        "banks/petition_form.html",
        {"form": form, "person": person, "year": year, "paper": False},
    )


@login_required
@one_shot
def petition_paper(request):
    """The curator enters a paper application of a teacher of her organisation."""
    organization = _organization_for(request, "banks.enter_petition")
    year = _current_year()
    people = (
        people_with_valid_consent(Person.objects.filter(organization=organization, left_on__isnull=True))
        .select_related("position")
        .order_by("last_name", "first_name", "patronymic")
    )
    form = PetitionPaperForm(request.POST or None, request.FILES or None, people=people)
    if request.method == "POST" and form.is_valid():
        try:
            petition = petitions.petition_file(user=request.user, year=year, **form.service_kwargs())
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, "Бумажное заявление внесено и ждёт решения.")
            return redirect("banks:petition-detail", pk=petition.pk)
    return render(
        request,
        "banks/petition_form.html",
        {"form": form, "organization": organization, "year": year, "paper": True},
    )


@login_required
def petition_list(request):
    """The curator's queue: every application of the organisation, waiting ones first."""
    organization = _organization_for(request, "banks.view_petitions")
    filterset = PetitionFilter(request.GET, queryset=selectors.petition_list(organization=organization))
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "banks/petition_list.html",
        {
            "organization": organization,
            "filter": filterset,
            "page_obj": page,
            "may_enter": request.user.has_perm("banks.enter_petition", organization),
        },
    )


@login_required
def my_petitions(request):
    person = selectors.person_of_user(user=request.user, organization=active_organization(request))
    return render(
        request,
        "banks/my_petitions.html",
        {"person": person, "petitions": selectors.own_petitions(person=person) if person else []},
    )


@login_required
def petition_detail(request, pk: int):
    petition = _petition_for(request, pk, "banks.view_petition")
    return render(
        request,
        "banks/petition_detail.html",
        {"petition": petition, "decline_form": CommentForm(label="Причина отказа")},
    )


@login_required
def petition_pdf_view(request, pk: int):
    petition = _petition_for(request, pk, "banks.view_petition")
    response = HttpResponse(petition_pdf(petition), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="zayavlenie-{petition.pk}.pdf"'
    return response


@login_required
def petition_scan(request, pk: int):
    petition = _petition_for(request, pk, "banks.view_petition")
    if not petition.scan:
        raise Http404("Скан не приложен")
    name = petition.scan.name.lower()
    content_type = (
        "application/pdf" if name.endswith(".pdf") else "image/png" if name.endswith(".png") else "image/jpeg"
    )
    extension = name.rsplit(".", 1)[-1]
    return FileResponse(
        petition.scan.open("rb"),
        content_type=content_type,
        filename=f"Заявление {petition.person.short_name} от {petition.filed_on:%d.%m.%Y}.{extension}",
    )


@login_required
@require_POST
def petition_accept(request, pk: int):
    petition = _petition_for(request, pk, "banks.decide_petition")
    try:
        petition = petitions.petition_accept(petition=petition, user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Заявление принято, запись банка на этот учебный год оформлена.")
    return redirect("banks:petition-detail", pk=petition.pk)


@login_required
@require_POST
def petition_decline(request, pk: int):
    petition = _petition_for(request, pk, "banks.decide_petition")
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Укажите причину отказа: её увидит педагог.")
        return redirect("banks:petition-detail", pk=petition.pk)
    try:
        petitions.petition_decline(petition=petition, user=request.user, reason=form.cleaned_data["comment"])
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Заявление отклонено; педагог увидит причину.")
    return redirect("banks:petition-detail", pk=petition.pk)
