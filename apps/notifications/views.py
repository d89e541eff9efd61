"""The user's own notifications and the choice of how to receive each kind."""

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from apps.core.exceptions import DomainError
from apps.core.forms import add_domain_error

from . import messaging, services
from .forms import PreferencesForm
from .messengers import configured
from .models import Notification


@login_required
def notification_list(request):
    qs = (
        Notification.objects.filter(user=request.user)
        .select_related("delivery")
        .order_by("-created_at", "-pk")
    )
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page_obj": page})


@login_required
@require_POST
def mark_read(request):
    services.mark_all_read(user=request.user)
    return redirect("notifications:list")


@login_required
def preferences(request):
    linked = messaging.links_of(user=request.user)
    form = PreferencesForm(
        request.POST or None, initial=services.preferences_of(user=request.user), messengers=list(linked)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.preferences_set(user=request.user, channels=form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Настройки уведомлений сохранены.")
            return redirect("notifications:settings")
    cards = [_card(request, name, transport, linked.get(name)) for name, transport in configured().items()]
    return render(request, "notifications/settings.html", {"form": form, "messengers": cards})


# Messengers: linking a chat with a one-time code, unlinking -------------------------------------------

_SESSION_KEY = "messenger_link_codes"


def _card(request, name: str, transport, link) -> dict:
    """What the settings page shows for one messenger: linked, a code waiting to be sent, or neither.
    The code is shown from the session of the one who asked for it (the database keeps only its hash)."""
    card = {"name": name, "title": transport.title, "link": link, "code": None}
    pending = request.session.get(_SESSION_KEY, {}).get(name)
    if link is None and pending and messaging.pending_code_open(user=request.user, messenger=name):
        card.update(
            code=pending["code"],
            chat_url=transport.chat_url(pending["code"]),
            code_in_link=transport.chat_url(pending["code"]) != transport.bot_address,
            expires_at=datetime.fromisoformat(pending["expires_at"]),
        )
    return card


def _transport_or_404(messenger: str):
    transport = configured().get(messenger)
    if transport is None:
        raise Http404("Этот мессенджер не подключён к порталу.")
    return transport


@login_required
@require_POST
def messenger_link(request, messenger: str):
    _transport_or_404(messenger)
    code, row = messaging.link_code_issue(user=request.user, messenger=messenger)
    codes = request.session.get(_SESSION_KEY, {})
    codes[messenger] = {"code": code, "expires_at": row.expires_at.isoformat()}
    request.session[_SESSION_KEY] = codes
    return redirect(reverse("notifications:settings") + f"#messenger-{messenger}")


@login_required
@require_POST
def messenger_unlink(request, messenger: str):
    transport = _transport_or_404(messenger)
    if messaging.link_remove(user=request.user, messenger=messenger):
        messages.success(
            request,
            f"Мессенджер {transport.title} отключён. Уведомления, которые приходили туда, теперь будут "
            "в ежедневной сводке.",
        )
    return redirect("notifications:settings")


@login_required
def messenger_status(request, messenger: str):
    """The messenger's card, asked for every few seconds while a code waits; once the chat is linked
    the page reloads (so the table offers the messenger)."""
    transport = _transport_or_404(messenger)
    link = messaging.links_of(user=request.user).get(messenger)
    codes = request.session.get(_SESSION_KEY, {})
    if link is not None and messenger in codes:
        del codes[messenger]
        request.session[_SESSION_KEY] = codes
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    card = _card(request, messenger, transport, link)
    return render(request, "notifications/_messenger.html", {"card": card})
