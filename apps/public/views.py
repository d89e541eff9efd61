"""The public page «Наставничество» (no sign-in) and the curator's news editor."""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from apps.accounts.session import active_organization
from apps.core.exceptions import DomainError
from apps.core.forms import add_domain_error
from apps.core.idempotency import one_shot
from apps.orders.selectors import normative_documents
from apps.organizations.models import AcademicYear
from apps.programs.models import SECTIONS
from apps.territory import documents as territory_documents
from apps.territory import selectors as territory_selectors

from . import normative, selectors, services
from .forms import NewsItemForm
from .models import NewsItem


def public_page_by_id(request, pk: int):
    organization = selectors.public_organization(pk=pk)
    if organization.slug:
        return redirect(organization.public_url(), permanent=True)
    return _render_public_page(request, organization)


def public_page(request, slug: str):
    return _render_public_page(request, selectors.public_organization(slug=slug))


def _render_public_page(request, organization):
    year = AcademicYear.objects.current()
    news = Paginator(selectors.published_news(organization=organization), 10).get_page(
        request.GET.get("page")
    )
    context = {
        "organization": organization,
        "year": year,
        "programs": list(selectors.current_programs(organization=organization)),
        "mentors": list(selectors.published_mentors(organization=organization, year=year)),
        "practices": list(selectors.good_practices(organization=organization)),
        "documents": normative_documents(organization=organization),
        "regulation": territory_selectors.regulation_in_force(organization=organization),
        "federal": normative.FEDERAL,
        "methodical": normative.METHODICAL,
        "page_obj": news,
    }
    return render(request, "public/page.html", context)


def public_program(request, slug: str, pk: int):
    """A program of the bank the curator put on the public page: its text and plan, no names."""
    organization = selectors.public_organization(slug=slug)
    template = selectors.public_program(organization=organization, pk=pk)
    sections = [
        (label, template.sections[name])
        for name, label in SECTIONS
        if name != "participants_note" and template.sections.get(name)
    ]
    return render(
        request,
        "public/program.html",
        {"organization": organization, "template": template, "sections": sections},
    )


def public_regulation_pdf(request, slug: str):
    """The Regulation in force (the approved edition) as the school publishes it on its site (seed 001
    §8.1): the text with its approval stamp, without the roadmap annex, whose events name the people
    responsible. 404 while no edition is approved: a draft is never public."""
    organization = selectors.public_organization(slug=slug)
    regulation = territory_selectors.regulation_in_force(organization=organization)
    if regulation is None:
        raise Http404
    data = territory_documents.regulation_pdf(
        organization=organization,
        roadmap_detail=None,
        regulation=regulation,
        version=territory_selectors.regulation_version(regulation),
    )
    response = HttpResponse(data, content_type="application/pdf")
    name = quote(f"Положение о наставничестве {organization.short_name}.pdf", safe="")
    response["Content-Disposition"] = f"inline; filename=\"polozhenie.pdf\"; filename*=UTF-8''{name}"
    return response


def _news_organization(request):
    organization = active_organization(request)
    if organization is None or not request.user.has_perm("public.manage_news", organization):
        raise PermissionDenied
    return organization


@login_required
def news_list(request):
    organization = _news_organization(request)
    page = Paginator(selectors.news_of(organization=organization), 25).get_page(request.GET.get("page"))
    return render(request, "public/news_list.html", {"organization": organization, "page_obj": page})


def _form_view(request, organization, item=None):
    form = NewsItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            if item is None:
                services.news_create(organization=organization, data=form.cleaned_data, user=request.user)
            else:
                services.news_update(
                    item=NewsItem.objects.get(pk=item.pk), data=form.cleaned_data, user=request.user
                )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Запись сохранена.")
            return redirect("public:news-list")
    return render(
        request, "public/news_form.html", {"organization": organization, "form": form, "item": item}
    )


@login_required
@one_shot
def news_create(request):
    return _form_view(request, _news_organization(request))


@login_required
def news_edit(request, pk: int):
    organization = _news_organization(request)
    item = get_object_or_404(NewsItem, pk=pk, organization=organization)
    return _form_view(request, organization, item)


@login_required
@require_POST
def news_delete(request, pk: int):
    organization = _news_organization(request)
    item = get_object_or_404(NewsItem, pk=pk, organization=organization)
    services.news_delete(item=item, user=request.user)
    messages.success(request, "Запись удалена.")
    return redirect("public:news-list")
