"""Sign-in, the role dashboard that is every user's home page, and the organisation switcher."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_POST

from apps.core.net import client_ip, safe_next

from .forms import LoginForm
from .models import Role
from .rules import is_admin
from .selectors import failures_from_address, member_organizations, organizations_of
from .services import lockouts_clear
from .session import active_organization, set_active_organization


def address_lockout_page(request):
    """The refusal of a sign-in from an address locked as a whole, in the words of axes's lockout page."""
    context = {"cooloff_timedelta": settings.AXES_COOLOFF_TIME, "by_address": True}
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, context, status=429)


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        # One address that failed for many usernames (a password sprayer) may not try any more for a
        # while; axes itself locks only a username from one address.
        if failures_from_address(client_ip(request)) >= settings.LOGIN_IP_FAILURE_LIMIT:
            return address_lockout_page(request)
        return super().post(request, *args, **kwargs)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("accounts:password-change-done")


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # The owner of the mailbox proved who she is: the lock of her sign-in is lifted everywhere.
        lockouts_clear(username=form.user.get_username())
        return response


@login_required
def dashboard(request):
    """Each user's home page: one block per role they hold, in the active organisation."""
    user = request.user
    organization = active_organization(request)
    roles_here = user.roles_in(organization)
    coordinator_memberships = [
        m for m in user.active_memberships if m.role in (Role.MUNICIPAL, Role.REGIONAL)
    ]
    context = {
        "organization": organization,
        "roles_here": roles_here,
        "role_labels": [Role(r).label for r in sorted(roles_here)],
        "coordinator_memberships": coordinator_memberships,
        "is_portal_admin": is_admin(user),
        "scope_organizations": (
            list(organizations_of(user).order_by("municipality__name", "short_name")[:50])
            if coordinator_memberships
            else []
        ),
    }
    return render(request, "accounts/dashboard.html", context)


@login_required
@require_POST
def switch_organization(request):
    wanted = request.POST.get("organization")
    for org in member_organizations(request.user):
        if str(org.pk) == wanted:
            set_active_organization(request, org)
            messages.success(request, f"Вы работаете в организации «{org.short_name}».")
            break
    else:
        raise Http404("Организация не найдена")
    return redirect(safe_next(request, reverse("accounts:dashboard")))


@login_required
def profile(request):
    return render(request, "accounts/profile.html", {"memberships": request.user.active_memberships})
