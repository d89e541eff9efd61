"""The director's pages: the access journal, the list of people with access to personal data, and the
locked sign-ins of her organisation's accounts (the portal administrator's: of every account)."""

import django_filters
import rules
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from apps.accounts import selectors as account_selectors
from apps.accounts.models import Role
from apps.accounts.rules import is_admin
from apps.accounts.session import active_organization
from apps.core.xlsx import Column, Sheet, dated_filename, xlsx_response

from . import selectors, services
from .models import AccessEvent


class AccessEventFilter(django_filters.FilterSet):
    action = django_filters.ChoiceFilter(label="Действие", choices=AccessEvent.Action.choices)
    since = django_filters.DateFilter(label="С даты", field_name="at", lookup_expr="date__gte")
    until = django_filters.DateFilter(label="По дату", field_name="at", lookup_expr="date__lte")

    class Meta:
        model = AccessEvent
        fields = ["action", "since", "until"]


def _organization(request):
    organization = active_organization(request)
    if organization is None:
        raise Http404
    if not request.user.has_perm("audit.view_journal", organization):
        raise PermissionDenied
    return organization


def _who(user) -> str:
    return user.get_full_name() if user else "—"


def _target(event) -> str:
    """«Иванова Анна Петровна, куратор наставничества» for a role change or a sign-in code."""
    if event.target_user is None:
        return ""
    role = f", {event.target_role_label.lower()}" if event.target_role else ""
    return _who(event.target_user) + role


@login_required
def event_list(request):
    organization = _organization(request)
    filterset = AccessEventFilter(
        request.GET or None, queryset=selectors.access_events(organization=organization)
    )
    events = filterset.qs
    if request.GET.get("export") == "xlsx":
        rows = (
            (
                e.at,
                _who(e.user),
                e.role,
                e.get_action_display(),
                e.object_label,
                e.object_id,
                e.detail,
                _target(e),
                e.page_label,
            )
            for e in events.iterator(chunk_size=2000)
        )
        columns = [
            Column("Когда", 18),
            Column("Кто", 30),
            Column("Роль", 24),
            Column("Действие", 12),
            Column("Вид данных", 24),
            Column("Номер", 10),
            Column("Уточнение", 16),
            Column("Кому, какая роль", 36),
            Column("Страница", 28),
        ]
        return xlsx_response(dated_filename("Журнал доступа"), Sheet("Журнал доступа", columns, rows))
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/event_list.html",
        {"organization": organization, "filter": filterset, "page_obj": page},
    )


@login_required
def access_list(request):
    organization = _organization(request)
    memberships = selectors.people_with_access(organization=organization)
    if request.GET.get("export") == "xlsx":
        rows = ((_who(m.user), Role(m.role).label, organization.short_name) for m in memberships)
        columns = [Column("Работник", 36), Column("Роль", 30), Column("Организация", 36)]
        return xlsx_response(
            dated_filename("Перечень лиц с доступом к ПДн"), Sheet("Доступ к ПДн", columns, rows)
        )
    return render(
        request, "audit/access_list.html", {"organization": organization, "memberships": memberships}
    )


def _lockout_scope(request):
    """None for the portal administrator (every account), else the director's organisation. rules, not
    user.has_perm: the organisation may be None, and a superuser counts as an administrator anyway."""
    if is_admin(request.user):
        return None
    organization = active_organization(request)
    if organization is None:
        raise Http404
    if not rules.has_perm("audit.unlock_accounts", request.user, organization):
        raise PermissionDenied
    return organization


@login_required
def lockout_list(request):
    organization = _lockout_scope(request)
    return render(
        request,
        "audit/lockout_list.html",
        {
            "organization": organization,
            "locked": account_selectors.locked_accounts(organization=organization),
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cooloff": settings.AXES_COOLOFF_TIME,
        },
    )


@login_required
@require_POST
def lockout_unlock(request):
    organization = _lockout_scope(request)
    locked = account_selectors.locked_account_for(organization=organization, pk=request.POST.get("account"))
    if locked is None:
        raise Http404("Заблокированная учётная запись не найдена")
    journal_organization = organization
    if journal_organization is None:  # the administrator: journal it where the account works, if one place
        places = account_selectors.member_organizations(locked.user)
        journal_organization = places[0] if len(places) == 1 else None
    services.account_unlock(request_or_user=request, account=locked.user, organization=journal_organization)
    messages.success(request, f"Вход для «{locked.user.get_username()}» разблокирован.")
    return redirect("audit:lockout-list")
