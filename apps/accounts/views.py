"""Sign-in, the role dashboard that is every user's home page, and the organisation switcher."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from apps.core import ratelimit
from apps.core.exceptions import DomainError
from apps.core.net import client_ip, safe_next

from . import inbox, oidc, services
from .forms import CodeLoginForm, LoginForm
from .middleware import PASSWORD_SET_REQUIRED
from .models import Role, User
from .rules import is_admin
from .selectors import failures_from_address, member_organizations, organizations_of
from .session import active_organization, set_active_organization


def address_lockout_page(request):
    """The refusal of a sign-in from an address locked as a whole, in the words of axes's lockout page."""
    context = {"cooloff_timedelta": settings.AXES_COOLOFF_TIME, "by_address": True}
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, context, status=429)


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The provider's button only when one is configured (README «Sign-in through a regional identity
        # provider»).
        context["oidc_provider_name"] = oidc.provider_name() if oidc.enabled() else ""
        return context

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
    """Django's reset by e-mail, limited per address and per client. Beyond a limit the answer is the
    same «letter sent» page and nothing is sent: the page never tells whether an address exists."""

    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-done")

    def form_valid(self, form):
        window = settings.PASSWORD_RESET_LIMIT_WINDOW
        address = form.cleaned_data["email"].strip().lower()
        # Both counters move on every request, so neither limit can be dodged by varying the other.
        by_address = ratelimit.hit(
            scope="reset-address",
            value=address,
            limit=settings.PASSWORD_RESET_LIMIT_PER_ADDRESS,
            window=window,
        )
        by_client = ratelimit.hit(
            scope="reset-client",
            value=client_ip(self.request),
            limit=settings.PASSWORD_RESET_LIMIT_PER_CLIENT,
            window=window,
        )
        if not (by_address and by_client):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # The owner of the mailbox proved who she is: the lock of her sign-in is lifted everywhere.
        services.lockouts_clear(username=form.user.get_username())
        return response


@login_required
def dashboard(request):
    """Each user's home page: one block per role they hold, in the active organisation."""
    user = request.user
    organization = active_organization(request)
    roles_here = user.roles_in(organization)
    # A mentor or mentee alone reads the dashboard on a phone: a shorter inbox keeps the quick log
    # on the first screen (issue 14).
    participant_only = bool(roles_here) and roles_here <= {Role.MENTOR, Role.MENTEE}
    coordinator_memberships = [
        m for m in user.active_memberships if m.role in (Role.MUNICIPAL, Role.REGIONAL)
    ]
    context = {
        "organization": organization,
        "roles_here": roles_here,
        "role_labels": [Role(r).label for r in sorted(roles_here)],
        "coordinator_memberships": coordinator_memberships,
        "is_portal_admin": is_admin(user),
        "inbox": inbox.collect(
            user=user,
            organization=organization,
            roles=roles_here,
            limit=inbox.COMPACT_LIMIT if participant_only else inbox.LIMIT,
        ),
        "inbox_compact": participant_only,
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
    identities = list(request.user.external_identities.all())
    context = {
        "memberships": request.user.active_memberships,
        "oidc_provider_name": oidc.provider_name() if oidc.enabled() else "",
        "identities": identities,
        "can_link": oidc.enabled() and not any(i.issuer == settings.OIDC_ISSUER for i in identities),
    }
    return render(request, "accounts/profile.html", context)


# --- One-time sign-in codes -------------------------------------------------------------------------


@login_required
def sign_in_code_issue(request, pk: int):
    """The curator or director issues a one-time code for a person of the school (GET: what it does;
    POST: the code, shown once on a page meant to be printed)."""
    # The person's card links with ``?org=`` of the card's organisation (one of the user's own).
    wanted = request.GET.get("org")
    organization = next(
        (o for o in member_organizations(request.user) if str(o.pk) == wanted), None
    ) or active_organization(request)
    if organization is None or not request.user.has_perm("accounts.issue_sign_in_code", organization):
        raise PermissionDenied
    person = get_object_or_404(
        User.objects.filter(memberships__organization=organization, memberships__is_active=True).distinct(),
        pk=pk,
    )
    context = {"person": person, "organization": organization}
    try:
        services.sign_in_code_check(actor=request.user, user=person, organization=organization)
    except DomainError as error:
        return render(
            request, "accounts/sign_in_code_issue.html", {**context, "refusal": error.message}, status=403
        )
    if request.method == "POST":
        record, code = services.sign_in_code_issue(
            user=person, organization=organization, issued_by=request.user
        )
        response = render(request, "accounts/sign_in_code.html", {**context, "record": record, "code": code})
        response["Cache-Control"] = "no-store"  # the code is on this page only
        return response
    return render(request, "accounts/sign_in_code_issue.html", context)


@never_cache
def code_login(request):
    """Sign-in with the username and a one-time code; the new password is set right after."""
    if request.user.is_authenticated:
        return redirect("accounts:dashboard")
    form = CodeLoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed = ratelimit.hit(
            scope="code-client",
            value=client_ip(request),
            limit=settings.SIGN_IN_CODE_LIMIT_PER_CLIENT,
            window=settings.SIGN_IN_CODE_LIMIT_WINDOW,
        )
        if not allowed:
            form.add_error(None, "Слишком много попыток входа по коду. Попробуйте через час.")
        else:
            try:
                user = services.sign_in_code_redeem(
                    username=form.cleaned_data["username"], code=form.cleaned_data["code"]
                )
            except DomainError as error:
                form.add_error("code", error.message)
            else:
                login(request, user, backend="apps.accounts.backends.ModelBackend")
                request.session[PASSWORD_SET_REQUIRED] = True
                return redirect("accounts:password-set")
    return render(request, "registration/code_login.html", {"form": form})


@login_required
@never_cache
def password_set(request):
    """The new password after a sign-in with a code: no old password asked, only in that session."""
    if not request.session.get(PASSWORD_SET_REQUIRED):
        return redirect("accounts:password-change")
    form = SetPasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)
        request.session.pop(PASSWORD_SET_REQUIRED, None)
        messages.success(request, "Новый пароль сохранён. Входите с ним в следующий раз.")
        return redirect("accounts:dashboard")
    return render(request, "registration/password_set.html", {"form": form})
