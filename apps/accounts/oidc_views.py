"""Sign-in through the region's identity provider: the redirect, the callback, linking and unlinking in the
profile, the school's invitation, and the sign-out that ends the provider's session too.

A sign-in through the provider opens only an account the identity was linked to by a step of the person
(the profile, after a sign-in with the password) or of the school (an invitation); an identity linked to
nothing gets a refusal page, no account, a journal row and a failure counted by axes for the address.
"""

import logging
import time

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, user_login_failed
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from apps.core.exceptions import DomainError
from apps.core.net import client_ip, safe_next

from . import oidc, services
from .forms import IdentityInvitationForm, LoginForm
from .models import ExternalIdentity
from .selectors import failures_from_address
from .session import active_organization
from .views import address_lockout_page

log = logging.getLogger(__name__)

INTENT = "oidc_intent"  # what the flow under way is for: {"mode": "login"|"link"|"invite", …}
# An identity of this browser's sign-in at the provider that matched no account, waiting for the password
# of the account to link it to: {"issuer", "subject", "email", "id_token", "next", "until", "tries"}. Only
# the callback writes it, so the identity linked is always the one the provider vouched for here.
PENDING = "oidc_pending_link"
PENDING_SECONDS = 10 * 60
PENDING_TRIES = 5
SIGNED_IN = "oidc_signed_in"  # the session began at the provider: sign-out ends the provider's session too
ID_TOKEN = "oidc_id_token"  # for the provider's sign-out (id_token_hint); never one carrying a СНИЛС


def _require_enabled() -> None:
    if not oidc.enabled():
        raise Http404("Вход через поставщика не настроен")


def _unavailable(request, status: int = 503):
    return render(
        request,
        "registration/oidc_unavailable.html",
        {"provider_name": oidc.provider_name()},
        status=status,
    )


def _start(request, intent: dict):
    try:
        response = oidc.authorization_redirect(request)
    except oidc.ProviderError as error:
        log.warning("OIDC sign-in could not start: %s", error)
        return _unavailable(request)
    request.session[INTENT] = intent
    return response


@never_cache
def oidc_login(request):
    """«Войти через …» on the sign-in page: to the provider."""
    _require_enabled()
    if request.user.is_authenticated:
        return redirect("accounts:dashboard")
    if failures_from_address(client_ip(request)) >= settings.LOGIN_IP_FAILURE_LIMIT:
        return address_lockout_page(request)
    return _start(request, {"mode": "login", "next": safe_next(request, reverse("accounts:dashboard"))})


@login_required
@require_POST
def oidc_link(request):
    """«Привязать вход через …» in the profile: to the provider, back with the identity for this account."""
    _require_enabled()
    return _start(request, {"mode": "link", "user": request.user.pk})


@login_required
@require_POST
def oidc_unlink(request, pk: int):
    identity = get_object_or_404(ExternalIdentity, pk=pk, user=request.user)
    try:
        services.external_identity_unlink(identity=identity, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Вход через поставщика отвязан. Входите по логину и паролю.")
    return redirect("accounts:profile")


def _refuse(request, identity: oidc.Identity, *, status: int = 403, reason: str = "", offer_password=False):
    """No account for this identity: a page that says what to do (and why, when a rule refused the
    link), a journal row, a failure for axes. ``offer_password``: the identity is linked to nothing, and
    the page offers to link it at once with the password of the person's account."""
    user_login_failed.send(
        sender=__name__,
        credentials={"username": oidc.attempt_key(identity.issuer, identity.subject)},
        request=request,
    )
    services.external_identity_refused()
    context = {"provider_name": oidc.provider_name(), "email": identity.email}
    if reason:
        context["reason"] = reason
    if offer_password:
        context["form"] = LoginForm(request)
    return render(request, "registration/oidc_refused.html", context, status=status)


def _pending(request) -> dict | None:
    """The identity waiting to be linked with a password in this session, while it is fresh."""
    pending = request.session.get(PENDING)
    if not isinstance(pending, dict):
        return None
    if (
        pending.get("until", 0) < time.time()
        or pending.get("tries", 0) >= PENDING_TRIES
        or pending.get("issuer") != settings.OIDC_ISSUER  # the provider was changed meanwhile
    ):
        request.session.pop(PENDING, None)
        return None
    return pending


@never_cache
@sensitive_post_parameters("password")
def oidc_link_password(request):
    """«Войти по паролю и связать» on the refusal page: the person gives the login and password of the
    account, which is signed in and linked to the identity of THIS browser's sign-in at the provider (from
    the session, never from the form). Once: the pending identity is spent by the link or a refusal."""
    _require_enabled()
    pending = _pending(request)
    if pending is None:
        return render(request, "registration/oidc_stale.html", status=400)
    context = {"provider_name": oidc.provider_name(), "email": pending.get("email", "")}
    if request.method != "POST":
        return render(request, "registration/oidc_refused.html", {**context, "form": LoginForm(request)})
    if failures_from_address(client_ip(request)) >= settings.LOGIN_IP_FAILURE_LIMIT:
        return address_lockout_page(request)
    form = LoginForm(request, data=request.POST)
    if not form.is_valid():
        pending["tries"] = pending.get("tries", 0) + 1
        request.session[PENDING] = pending
        if pending["tries"] >= PENDING_TRIES:
            request.session.pop(PENDING, None)
            return render(request, "registration/oidc_stale.html", status=400)
        return render(request, "registration/oidc_refused.html", {**context, "form": form}, status=400)
    request.session.pop(PENDING, None)
    user = form.get_user()
    identity = oidc.Identity(
        issuer=pending["issuer"],
        subject=pending["subject"],
        email=pending.get("email", ""),
        snils_hash="",
        id_token=pending.get("id_token", ""),
    )
    try:
        linked = services.external_identity_link_at_sign_in(
            user=user, issuer=identity.issuer, subject=identity.subject, email_claim=identity.email
        )
    except DomainError as error:
        return render(
            request, "registration/oidc_refused.html", {**context, "reason": error.message}, status=409
        )
    _login(request, user, identity)
    services.external_identity_signed_in(identity=linked)
    messages.success(
        request,
        f"Вход через {oidc.provider_name()} привязан к вашей учётной записи: теперь можно входить и так, "
        "и по паролю. Письмо об этом отправлено на вашу электронную почту.",
    )
    return redirect(pending.get("next") or "accounts:dashboard")


def _sign_in(request, identity: oidc.Identity, intent: dict):
    linked = (
        ExternalIdentity.objects.select_related("user")
        .filter(issuer=identity.issuer, subject=identity.subject)
        .first()
    )
    if linked is None:
        request.session[PENDING] = {
            "issuer": identity.issuer,
            "subject": identity.subject,
            "email": identity.email,
            "id_token": identity.id_token,
            "next": intent.get("next") or "",
            "until": time.time() + PENDING_SECONDS,
            "tries": 0,
        }
        return _refuse(request, identity, offer_password=True)
    if not linked.user.is_active:
        return _refuse(request, identity)
    user = linked.user
    if failures_from_address(client_ip(request)) >= settings.LOGIN_IP_FAILURE_LIMIT:
        return address_lockout_page(request)
    if AxesProxyHandler.is_locked(request, credentials={"username": user.get_username()}):
        context = {"cooloff_timedelta": settings.AXES_COOLOFF_TIME, "by_address": False}
        return render(request, settings.AXES_LOCKOUT_TEMPLATE, context, status=429)
    _login(request, user, identity)
    services.external_identity_signed_in(identity=linked)
    return redirect(intent.get("next") or "accounts:dashboard")


def _login(request, user, identity: oidc.Identity) -> None:
    login(request, user, backend="apps.accounts.backends.ModelBackend")
    request.session[SIGNED_IN] = True
    if identity.id_token:
        request.session[ID_TOKEN] = identity.id_token


def _link(request, identity: oidc.Identity, intent: dict):
    if not request.user.is_authenticated or request.user.pk != intent.get("user"):
        return _refuse(request, identity)
    try:
        services.external_identity_link(
            user=request.user,
            issuer=identity.issuer,
            subject=identity.subject,
            linked_by=ExternalIdentity.LinkedBy.PROFILE,
            by=request.user,
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, f"Вход через {oidc.provider_name()} привязан: теперь можно входить и так, и по паролю."
        )
    return redirect("accounts:profile")


@never_cache
def oidc_callback(request):
    """The provider sends the person back here with a code (or an error)."""
    _require_enabled()
    intent = request.session.pop(INTENT, None)
    request.session.pop(PENDING, None)  # a new sign-in at the provider replaces the identity waiting
    if intent is None:
        # No flow started in this browser (an old tab, a replayed or forged callback).
        return render(request, "registration/oidc_stale.html", status=400)
    try:
        identity = oidc.identity_from_callback(request)
    except oidc.ProviderError as error:
        log.warning("OIDC callback refused: %s", error)
        return _unavailable(request, status=400)
    if intent.get("mode") == "link":
        return _link(request, identity, intent)
    if intent.get("mode") == "invite":
        return _accept_invitation(request, identity, intent)
    return _sign_in(request, identity, intent)


# --- The school's invitation -------------------------------------------------------------------------


@login_required
def invitation_issue(request, pk: int):
    """The curator or director invites a person of the school to link the provider's sign-in (GET: what
    it does, with the optional СНИЛС; POST: the one-time link, shown once)."""
    _require_enabled()
    organization, person, refusal = services.invitation_target(
        actor=request.user,
        person_id=pk,
        wanted_org=request.GET.get("org"),
        fallback=active_organization(request),
    )
    form = IdentityInvitationForm(request.POST or None)
    context = {
        "person": person,
        "organization": organization,
        "form": form,
        "provider_name": oidc.provider_name(),
    }
    if refusal:
        return render(
            request, "accounts/identity_invitation_issue.html", {**context, "refusal": refusal}, status=403
        )
    if request.method == "POST" and form.is_valid():
        record, token = services.identity_invitation_issue(
            user=person,
            organization=organization,
            issued_by=request.user,
            snils=form.cleaned_data["snils"],
        )
        link = reverse("accounts:oidc-invitation", args=[token])
        link = (
            settings.PORTAL_BASE_URL + link if settings.PORTAL_BASE_URL else request.build_absolute_uri(link)
        )
        emailed_to = services.identity_invitation_mail(invitation=record, link=link)
        response = render(
            request,
            "accounts/identity_invitation.html",
            {**context, "record": record, "link": link, "emailed_to": emailed_to},
        )
        response["Cache-Control"] = "no-store"  # the link is on this page only
        return response
    return render(request, "accounts/identity_invitation_issue.html", context)


@never_cache
def invitation_accept(request, token: str):
    """The invited person's page: what will be linked (GET), then to the provider (POST)."""
    _require_enabled()
    invitation = services.identity_invitation_open(token=token)
    if invitation is None:
        return render(request, "registration/oidc_invitation_invalid.html", status=404)
    if request.method == "POST":
        if request.user.is_authenticated and request.user.pk != invitation.user_id:
            return render(request, "registration/oidc_invitation_invalid.html", status=403)
        return _start(request, {"mode": "invite", "invitation": invitation.pk})
    context = {"invitation": invitation, "person": invitation.user, "provider_name": oidc.provider_name()}
    return render(request, "registration/oidc_invitation.html", context)


def _accept_invitation(request, identity: oidc.Identity, intent: dict):
    try:
        linked = services.identity_invitation_redeem(
            invitation_id=intent.get("invitation"),
            issuer=identity.issuer,
            subject=identity.subject,
            snils_hash=identity.snils_hash,
        )
    except DomainError as error:
        return _refuse(request, identity, reason=error.message)
    _login(request, linked.user, identity)
    services.external_identity_signed_in(identity=linked)
    messages.success(request, f"Вход через {oidc.provider_name()} привязан к вашей учётной записи.")
    return redirect("accounts:dashboard")


class LogoutView(auth_views.LogoutView):
    """Django's sign-out; after a sign-in through the provider, then the provider's own sign-out
    (RP-initiated logout), which sends the person back to the portal's sign-in page."""

    def post(self, request, *args, **kwargs):
        id_token = request.session.get(ID_TOKEN, "")
        signed_in_through_provider = bool(request.session.get(SIGNED_IN))
        response = super().post(request, *args, **kwargs)
        if signed_in_through_provider and oidc.enabled():
            path = reverse("accounts:login")
            back = (
                settings.PORTAL_BASE_URL + path
                if settings.PORTAL_BASE_URL
                else request.build_absolute_uri(path)
            )
            url = oidc.end_session_url(id_token=id_token, post_logout_redirect_uri=back)
            if url:
                return redirect(url)
        return response
