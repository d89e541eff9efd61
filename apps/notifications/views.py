"""The user's own notifications and the digest choice."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from . import services
from .models import Notification, NotificationSettings


@login_required
def notification_list(request):
    qs = Notification.objects.filter(user=request.user).order_by("-created_at", "-pk")
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    settings_obj = NotificationSettings.objects.filter(user=request.user).first()
    return render(
        request,
        "notifications/list.html",
        {"page_obj": page, "email_digest": settings_obj.email_digest if settings_obj else True},
    )


@login_required
@require_POST
def mark_read(request):
    services.mark_all_read(user=request.user)
    return redirect("notifications:list")


@login_required
@require_POST
def digest(request):
    enabled = request.POST.get("email_digest") == "on"
    services.set_email_digest(user=request.user, enabled=enabled)
    messages.success(request, "Сводка по почте включена." if enabled else "Сводка по почте отключена.")
    return redirect("notifications:list")
