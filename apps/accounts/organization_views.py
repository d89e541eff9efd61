"""The organisation's card and, for coordinators, the list of their organisations. They live with the
users and roles: who sees which organisation is a question of memberships (``organizations_of``, the
``organizations.*`` permissions in accounts/rules.py); the URLs keep the ``organizations`` namespace."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from apps.organizations.filters import OrganizationFilter
from apps.organizations.forms import OrganizationForm

from .selectors import memberships_of_organization, organizations_of


def get_organization_for(user, pk: int, perm: str):
    """Outside the user's scope the organisation does not exist (404); inside but not allowed: 403."""
    organization = get_object_or_404(organizations_of(user), pk=pk)
    if not user.has_perm(perm, organization):
        raise PermissionDenied
    return organization


@login_required
def organization_list(request):
    if not request.user.has_perm("organizations.list_organizations"):
        raise PermissionDenied
    scope = organizations_of(request.user)
    filterset = OrganizationFilter(
        request.GET, queryset=scope.order_by("municipality__name", "short_name"), scope=scope
    )
    page = Paginator(filterset.qs, 25).get_page(request.GET.get("page"))
    return render(request, "organizations/organization_list.html", {"filter": filterset, "page_obj": page})


@login_required
def organization_detail(request, pk: int):
    organization = get_organization_for(request.user, pk, "organizations.view_organization")
    return render(request, "organizations/organization_detail.html", {"organization": organization})


@login_required
def organization_edit(request, pk: int):
    organization = get_organization_for(request.user, pk, "organizations.change_organization")
    form = OrganizationForm(request.POST or None, instance=organization)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Сведения об организации сохранены.")
        return redirect("organizations:organization-detail", pk=organization.pk)
    return render(
        request, "organizations/organization_form.html", {"organization": organization, "form": form}
    )


@login_required
def organization_members(request, pk: int):
    organization = get_organization_for(request.user, pk, "organizations.view_members")
    return render(
        request,
        "organizations/organization_members.html",
        {"organization": organization, "memberships": memberships_of_organization(organization)},
    )
