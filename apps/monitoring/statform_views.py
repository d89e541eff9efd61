"""Pages of the statistical form (a school's, the municipality's consolidated one) and of the addressed
recommendations (seed 002 §VI); split from views.py, whose helpers they share."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from apps.core import freshness
from apps.core.db_router import reads_from_replica
from apps.core.exceptions import DomainError
from apps.core.forms import add_domain_error
from apps.core.idempotency import one_shot
from apps.core.xlsx import XLSX_CONTENT_TYPE, content_disposition

from . import documents, selectors, services, statform
from .forms import RecommendationEditForm, RecommendationForm
from .models import Recommendation
from .selectors import consolidated
from .selectors.consolidated import consolidated_scope
from .selectors.recommendations import by_addressee, recommendations_of
from .selectors.scope import report_programs
from .views import _organization, _year


def _form_year(request):
    year = _year(request)
    if year is None:
        raise Http404
    return year


@login_required
def statistical_form(request):
    organization = _organization(request, "monitoring.view_reports")
    year = _form_year(request)
    data = documents.statistical_form_xlsx(organization=organization, year=year)
    response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
    label = year.label.replace("/", "-")
    response["Content-Disposition"] = content_disposition(f"Статистическая форма {label}.xlsx")
    return response


@login_required
def statistical_form_page(request):
    organization = _organization(request, "monitoring.view_reports")
    year = _form_year(request)
    table = statform.form([organization], year)
    rows = [{**item, "shown": statform.show(item["values"].get(organization.pk))} for item in table]
    return render(
        request,
        "monitoring/statistical_form.html",
        {"organization": organization, "year": year, "years": selectors.years(), "rows": rows},
    )


def _consolidated(request):
    if not request.user.has_perm("monitoring.view_consolidated_form"):
        raise PermissionDenied
    scope = consolidated_scope(user=request.user, municipality=request.GET.get("municipality"))
    return scope, _form_year(request)


@login_required
@reads_from_replica
def consolidated_form(request):
    """A municipality's organisations page by page, or a region's municipalities side by side, read from
    the kept forms (issue 18); the layout states the moment of their data."""
    scope, year = _consolidated(request)
    table = consolidated.consolidated_form(scope=scope, year=year, page=request.GET.get("page"))
    if table.as_of is not None:
        freshness.note(table.as_of)
    rows = [
        {
            "row": row,
            "cells": [statform.show(column.values.get(row.code)) for column in table.columns],
            "shown": statform.show(table.totals.get(row.code)),
        }
        for row in statform.rows()
    ]
    return render(
        request,
        "monitoring/consolidated_form.html",
        {
            "title": scope.title,
            "municipality": scope.municipality,
            "municipalities": scope.choices,
            "form": table,
            "year": year,
            "years": selectors.years(),
            "rows": rows,
            "page_obj": table.page,
            "query": request.GET.urlencode(),
            "xlsx_query": urlencode({k: v for k, v in request.GET.items() if k in ("year", "municipality")}),
        },
    )


@login_required
@reads_from_replica
def consolidated_form_xlsx(request):
    scope, year = _consolidated(request)
    table = consolidated.consolidated_form(scope=scope, year=year, everything=True)
    data = documents.consolidated_form_xlsx(
        title=scope.title, year=year, form=table, by_municipality=scope.municipality is None
    )
    response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(
        f"Сводная статистическая форма {year.label.replace('/', '-')}.xlsx"
    )
    return response


# Addressed recommendations ------------------------------------------------------------------------


@login_required
@one_shot
def recommendations(request):
    organization = _organization(request, "monitoring.view_reports")
    year = _form_year(request)
    may_manage = request.user.has_perm("monitoring.manage", organization)
    programs = report_programs(organization=organization, year=year).select_related("group").order_by("title")
    form = RecommendationForm(request.POST or None, programs=programs)
    here = f"{reverse('monitoring:recommendations')}?year={year.pk}"
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied
        if request.POST.get("action") == "generate":
            made = services.recommendations_generate(organization=organization, year=year, user=request.user)
            messages.success(
                request,
                f"Предложено новых рекомендаций: {made}." if made else "Новых рекомендаций по данным нет.",
            )
            return redirect(here)
        if form.is_valid():
            try:
                services.recommendation_add(
                    organization=organization, year=year, user=request.user, **form.cleaned_data
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, "Рекомендация добавлена.")
                return redirect(here)
    items = recommendations_of(organization=organization, year=year, dismissed=True)
    school, pairs = by_addressee(items)
    for pair in pairs:
        pair["heading"] = documents.pair_heading(pair["program"])
    return render(
        request,
        "monitoring/recommendations.html",
        {
            "organization": organization,
            "year": year,
            "years": selectors.years(),
            "school": school,
            "pairs": pairs,
            "form": form,
            "may_manage": may_manage,
        },
    )


def _recommendation(request, pk: int):
    organization = _organization(request, "monitoring.manage")
    return get_object_or_404(Recommendation.objects.select_related("year"), pk=pk, organization=organization)


@login_required
@require_POST
def recommendation_edit(request, pk: int):
    recommendation = _recommendation(request, pk)
    form = RecommendationEditForm(request.POST)
    if form.is_valid():
        try:
            services.recommendation_edit(
                recommendation=recommendation, text=form.cleaned_data["text"], user=request.user
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Рекомендация изменена.")
    else:
        messages.error(request, "Напишите текст рекомендации (до 1000 знаков).")
    return redirect(f"{reverse('monitoring:recommendations')}?year={recommendation.year_id}")


@login_required
@require_POST
def recommendation_dismiss(request, pk: int):
    recommendation = _recommendation(request, pk)
    restore = request.POST.get("restore") == "1"
    services.recommendation_dismiss(recommendation=recommendation, user=request.user, restore=restore)
    messages.success(request, "Рекомендация возвращена." if restore else "Рекомендация отклонена.")
    return redirect(f"{reverse('monitoring:recommendations')}?year={recommendation.year_id}")
