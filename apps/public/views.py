"""The public page «Наставничество» (no sign-in) and the curator's news editor."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from apps.accounts.session import active_organization
from apps.core.exceptions import DomainError
from apps.core.forms import add_domain_error
from apps.core.idempotency import one_shot
from apps.orders.selectors import normative_documents
from apps.organizations.models import AcademicYear

from . import selectors, services
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
        "page_obj": news,
    }
    return render(request, "public/page.html", context)


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
