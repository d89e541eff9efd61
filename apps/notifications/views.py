"""The user's own notifications and the choice of how to receive each kind."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from apps.core.exceptions import DomainError
from apps.core.forms import add_domain_error

from . import services
from .forms import PreferencesForm
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
    form = PreferencesForm(request.POST or None, initial=services.preferences_of(user=request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.preferences_set(user=request.user, channels=form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Настройки уведомлений сохранены.")
            return redirect("notifications:settings")
    return render(request, "notifications/settings.html", {"form": form})
