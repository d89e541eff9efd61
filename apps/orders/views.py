"""Order pages: the curator's list and drafts, the director's desk, acquaintance, the PDF."""

from pathlib import PurePath

from csp.constants import SELF
from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from apps.accounts.selectors import organizations_of
from apps.accounts.session import active_organization
from apps.audit.selectors import HistoryEntry, last_change, object_history
from apps.core import locking, russian
from apps.core.exceptions import DomainError
from apps.core.forms import add_domain_error
from apps.core.idempotency import one_shot
from apps.core.net import safe_next
from apps.core.panels import render_panels
from apps.staff.models import Person

from . import selectors, services
from .documents import order_pdf_bytes
from .filters import OrderFilter
from .forms import OrderForm, PaperAcquaintanceForm, ParticipantNamesForm, ReturnForm, SignForm
from .hooks import order_panels
from .models import AcquaintanceSheet, Order, OrderParticipant


def get_order_for(user, pk: int, perm: str) -> Order:
    """Outside the user's organisations the order does not exist (404); inside but not allowed: 403."""
    try:
        order = selectors.order_detail(user=user, pk=pk)
    except Order.DoesNotExist:
        raise Http404 from None
    order.participant_user_ids = {p.person.user_id for p in order.participants.all()}
    if not user.has_perm(perm, order):
        raise PermissionDenied
    return order


@login_required
def order_list(request):
    user = request.user
    scope_orgs = organizations_of(user)
    organization = active_organization(request)
    if not (
        user.has_perm("orders.list_orders_anywhere")
        or (organization and user.has_perm("orders.list_orders", organization))
    ):
        raise PermissionDenied
    base = selectors.order_list(user=user)
    years = selectors.order_years(user=user)
    filterset = OrderFilter(
        request.GET, queryset=base, scope_organizations=scope_orgs.order_by("short_name"), years=years
    )
    page = Paginator(filterset.qs, 25).get_page(request.GET.get("page"))
    managed = selectors.managed_organization_ids(user)
    return render(
        request,
        "orders/order_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "managed_org_ids": managed,
            "organization": organization,
            "show_organization": len(managed) != 1 or user.has_perm("orders.list_orders_anywhere"),
            # Every organisation of the portal: its name is typed, not picked from thousands (issue 18).
            "search_organization": user.has_perm("orders.list_orders_anywhere"),
        },
    )


@login_required
@one_shot
def order_create(request):
    organization = active_organization(request)
    if organization is None or not request.user.has_perm("orders.create_order", organization):
        raise PermissionDenied
    form = OrderForm(
        request.POST or None,
        organization=organization,
        initial={"preparer_name": request.user.get_full_name(), "preparer_phone": organization.phone},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            order = services.order_create(
                organization=organization,
                kind=data["kind"],
                title=data["title"],
                preamble=data["preamble"],
                items=data["items"],
                participants=[(p, data["participant_role"]) for p in data["participants"]],
                created_by=request.user,
                amends=data.get("amends"),
                cancels=data.get("cancels"),
                control_text=data["control_text"],
                preparer_name=data["preparer_name"] or None,
                preparer_phone=data["preparer_phone"] or None,
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, "Проект приказа создан.")
            return redirect("orders:order-detail", pk=order.pk)
    return render(request, "orders/order_form.html", {"form": form, "organization": organization})


@login_required
def order_edit(request, pk: int):
    order = get_order_for(request.user, pk, "orders.change_order")
    form = OrderForm(
        request.POST or None,
        organization=order.organization,
        order=order,
        initial=OrderForm.initial_for(order),
        lock_token=selectors.order_lock_token(order),
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {
            "title": data["title"],
            "preamble": data["preamble"],
            "items": data["items"],
            "control_text": data["control_text"],
            "preparer_name": data["preparer_name"],
            "preparer_phone": data["preparer_phone"],
        }
        if "participants" in form.fields:
            changes["participants"] = [(p, data["participant_role"]) for p in data["participants"]]
        if "amends" in form.fields:
            changes["amends"], changes["cancels"] = data.get("amends"), data.get("cancels")
        try:
            services.order_update_draft(order=order, user=request.user, **changes, **form.lock_kwargs())
        except locking.EditConflict as exc:
            conflict = locking.conflict_context(
                form,
                exc,
                reload_url=reverse("orders:order-edit", args=[order.pk]),
                last_change=last_change(order),
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, "Проект приказа сохранён.")
            return redirect("orders:order-detail", pk=order.pk)
    return render(
        request,
        "orders/order_form.html",
        {"form": form, "order": order, "organization": order.organization, "conflict": conflict},
        status=409 if conflict else 200,
    )


@login_required
def order_detail(request, pk: int):
    order = get_order_for(request.user, pk, "orders.view_order")
    participants = list(order.participants.select_related("person"))
    editable = request.user.has_perm("orders.change_order", order)
    context = {
        "order": order,
        "participants": participants,
        "items": list(order.items.all()),
        "blockers": services.order_blockers(order) if not order.is_signed else [],
        "acknowledged": sum(1 for p in participants if p.acknowledged_at),
        "name_forms": [(p, ParticipantNamesForm(instance=p, prefix=f"p{p.pk}")) for p in participants]
        if editable
        else [],
        "sign_form": SignForm(),
        "return_form": ReturnForm(),
        # The curator and the director read every change; other readers the timeline of its statuses.
        "history": object_history(order) if request.user.has_perm("audit.view_history", order) else None,
        "timeline": [
            HistoryEntry(e.pgh_created_at, e.label, None, []) for e in selectors.order_history(order)
        ]
        if editable or order.status != Order.Status.DRAFT
        else [],
        "my_participation": next((p for p in participants if p.person.user_id == request.user.pk), None),
        "panels": render_panels(order_panels, request, order),
    }
    return render(request, "orders/order_detail.html", context)


@login_required
@require_POST
def participant_names(request, pk: int, participant_pk: int):
    order = get_order_for(request.user, pk, "orders.change_order")
    participant = get_object_or_404(OrderParticipant, pk=participant_pk, order=order)
    form = ParticipantNamesForm(request.POST, instance=participant, prefix=f"p{participant.pk}")
    if form.is_valid():
        try:
            services.order_participant_rename(
                participant=OrderParticipant.objects.get(pk=participant.pk),
                user=request.user,
                name_dative=form.cleaned_data["name_dative"],
                name_genitive=form.cleaned_data["name_genitive"],
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"Падежные формы для {participant.initials_name} сохранены.")
    else:
        messages.error(request, "Укажите ФИО в дательном и родительном падежах.")
    return redirect("orders:order-detail", pk=order.pk)


def _transition(request, pk: int, perm: str, action, success: str):
    order = get_order_for(request.user, pk, perm)
    try:
        action(order)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return order


@login_required
@require_POST
def order_send(request, pk: int):
    order = _transition(
        request,
        pk,
        "orders.send_order",
        lambda o: services.order_send_for_signature(order=o, user=request.user),
        "Приказ направлен на подпись руководителю.",
    )
    return redirect("orders:order-detail", pk=order.pk)


@login_required
@require_POST
def order_delete(request, pk: int):
    order = get_order_for(request.user, pk, "orders.delete_order")
    try:
        services.order_delete_draft(order=order, user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("orders:order-detail", pk=order.pk)
    messages.success(request, "Проект приказа удалён.")
    return redirect("orders:order-list")


@login_required
def order_sign(request, pk: int):
    """GET: the confirmation page with the preview; POST: sign after re-entering the password."""
    order = get_order_for(request.user, pk, "orders.sign_order")
    form = SignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            order = services.order_sign(
                order=order, director=request.user, password=form.cleaned_data["password"]
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, f"Приказ подписан: от {order.date:%d.%m.%Y} № {order.number}.")
            return redirect("orders:order-detail", pk=order.pk)
    blockers = services.order_blockers(order)
    return render(
        request,
        "orders/order_sign.html",
        {"order": order, "form": form, "blockers": blockers, "return_form": ReturnForm()},
    )


@login_required
@require_POST
def order_return(request, pk: int):
    order = get_order_for(request.user, pk, "orders.return_order")
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Напишите, что нужно исправить в проекте приказа.")
        return redirect("orders:order-sign", pk=order.pk)
    try:
        services.order_return(order=order, director=request.user, comment=form.cleaned_data["comment"])
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("orders:order-sign", pk=order.pk)
    messages.success(request, "Проект приказа возвращён куратору на доработку.")
    return redirect("orders:order-desk")


@login_required
@require_POST
def order_acknowledge(request, pk: int):
    order = get_order_for(request.user, pk, "orders.acknowledge_order")
    person = Person.objects.filter(user=request.user, order_participations__order=order).first()
    if person is None:
        raise PermissionDenied
    try:
        services.order_acknowledge(order=order, person=person, user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Вы ознакомлены с приказом {timezone.localdate():%d.%m.%Y}.")
    return redirect(safe_next(request, reverse("orders:order-detail", args=[order.pk])))


@login_required
@one_shot
def acquaintance_paper(request, pk: int):
    """The curator records the acquaintance signed on a paper sheet: a date per person and the scan."""
    order = get_order_for(request.user, pk, "orders.record_acquaintance")
    waiting = [p for p in order.participants.select_related("person") if not p.acknowledged_at]
    form = PaperAcquaintanceForm(request.POST or None, request.FILES or None, participants=waiting)
    if request.method == "POST" and form.is_valid():
        try:
            services.order_acquaintance_record_paper(
                order=order, dates=form.dates, scan=form.cleaned_data["scan"], user=request.user
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(
                request, f"Ознакомление на бумаге отмечено: {russian.count(len(form.dates), 'работник')}."
            )
            return redirect("orders:order-detail", pk=order.pk)
    return render(
        request, "orders/acquaintance_paper.html", {"order": order, "form": form, "waiting": waiting}
    )


@login_required
def acquaintance_sheet(request, pk: int, sheet_pk: int):
    """The scan of a signed acquaintance sheet: for the curator and the director."""
    order = get_order_for(request.user, pk, "orders.view_acquaintance_sheets")
    sheet = get_object_or_404(AcquaintanceSheet, pk=sheet_pk, order=order)
    extension = PurePath(sheet.scan.name).suffix
    return FileResponse(
        sheet.scan.open("rb"),
        as_attachment=True,
        filename=f"Лист ознакомления с приказом № {order.number or order.pk}{extension}",
    )


@login_required
def order_desk(request):
    if not request.user.has_perm("orders.view_desk"):
        raise PermissionDenied
    orders = list(selectors.director_desk(user=request.user))
    return render(request, "orders/order_desk.html", {"orders": orders})


@login_required
def my_orders(request):
    """Orders that name the user and wait for their acquaintance."""
    return render(
        request,
        "orders/my_orders.html",
        {"participations": list(selectors.orders_to_acknowledge(user=request.user))},
    )


@login_required
@xframe_options_sameorigin
@csp_replace({"frame-ancestors": [SELF]})
def order_pdf(request, pk: int):
    """Signed: the stored copy; draft: rendered now with the «ПРОЕКТ» watermark."""
    order = get_order_for(request.user, pk, "orders.view_order")
    try:
        data = order_pdf_bytes(order)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("orders:order-detail", pk=order.pk)
    name = (
        f"prikaz-{order.date:%Y-%m-%d}-{order.number}.pdf"
        if order.is_signed
        else f"proekt-prikaza-{order.pk}.pdf"
    )
    response = HttpResponse(data, content_type="application/pdf")
    disposition = "attachment" if request.GET.get("download") else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    return response
