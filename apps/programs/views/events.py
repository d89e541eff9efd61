"""The roadmap: events, their completion and cancellation, the month calendar, the personal
calendar feed."""

import calendar as pycalendar
from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from apps.audit.selectors import last_change
from apps.core import locking
from apps.core.exceptions import DomainError
from apps.core.idempotency import one_shot

from .. import selectors, services
from ..forms import (
    CancelForm,
    EventDoneForm,
    EventEditForm,
)
from ..models import CalendarToken, Program, RoadmapEvent
from ..responsibles import label_events
from .programs import _back, _form_error, _mentees, _program_for

MONTHS = [
    "Январь",
    "Февраль",
    "Март",
    "Апрель",
    "Май",
    "Июнь",
    "Июль",
    "Август",
    "Сентябрь",
    "Октябрь",
    "Ноябрь",
    "Декабрь",
]


@login_required
def event_list(request, pk: int):
    program = _program_for(request, pk)
    qs = selectors.event_list(program=program)
    status = request.GET.get("status", "")
    if status == "overdue":
        qs = qs.filter(selectors.overdue_q())
    elif status in RoadmapEvent.Status.values:
        qs = qs.filter(status=status)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    page.object_list = label_events(program, page.object_list)
    return render(
        request,
        "programs/event_list.html",
        {"program": program, "page_obj": page, "status": status, "statuses": RoadmapEvent.Status.choices},
    )


@login_required
@one_shot
def event_edit(request, pk: int, event_id: int | None = None):
    program = _program_for(request, pk, "programs.edit_roadmap")
    event = get_object_or_404(RoadmapEvent, program=program, pk=event_id) if event_id else None
    initial = {}
    if event is not None:
        initial = {name: getattr(event, name) for name in services.EVENT_FIELDS}
    else:
        initial = {"start": max(selectors.today(), program.start)}
    form = EventEditForm(
        request.POST or None,
        initial=initial,
        mentees=_mentees(program),
        lock_token=selectors.roadmap_event_token(event) if event is not None else None,
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != locking.TOKEN_FIELD}
        try:
            services.event_save(
                program=program, user=request.user, data=data, event=event, **form.lock_kwargs()
            )
        except locking.EditConflict as error:
            conflict = locking.conflict_context(
                form,
                error,
                reload_url=reverse("programs:event-edit", args=[program.pk, event.pk]),
                last_change=last_change(event),
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, "Мероприятие сохранено.")
            return redirect(_back(program, "roadmap"))
    return render(
        request,
        "programs/event_form.html",
        {"program": program, "form": form, "event": event, "conflict": conflict},
        status=409 if conflict else 200,
    )


def _may_complete(user, program: Program, event: RoadmapEvent) -> bool:
    if user.has_perm("programs.edit_roadmap", program):
        return True
    if not user.has_perm("programs.mark_task", program) or event.responsible != "mentee":
        return False
    return event.responsible_person_id is None or event.responsible_person.user_id == user.pk


@login_required
@one_shot
def event_done(request, pk: int, event_id: int):
    program = _program_for(request, pk)
    event = get_object_or_404(
        RoadmapEvent.objects.select_related("responsible_person"), program=program, pk=event_id
    )
    if not _may_complete(request.user, program, event):
        raise PermissionDenied
    form = EventDoneForm(request.POST or None, request.FILES or None, initial={"evidence": event.evidence})
    if request.method == "POST" and form.is_valid():
        try:
            services.event_complete(
                event=event,
                user=request.user,
                evidence=form.cleaned_data["evidence"],
                reflection=form.cleaned_data["reflection"],
                files=form.cleaned_data["files"],
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, "Мероприятие отмечено выполненным.")
            return redirect(_back(program, "roadmap"))
    return render(request, "programs/event_done.html", {"program": program, "form": form, "event": event})


@login_required
def event_cancel(request, pk: int, event_id: int):
    program = _program_for(request, pk, "programs.edit_roadmap")
    event = get_object_or_404(RoadmapEvent, program=program, pk=event_id)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_cancel(event=event, user=request.user, reason=form.cleaned_data["reason"])
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, "Мероприятие отменено.")
            return redirect(_back(program, "roadmap"))
    return render(request, "programs/event_cancel.html", {"program": program, "form": form, "event": event})


def _month_of(request, program: Program) -> date:
    raw = request.GET.get("month", "")
    try:
        year, month = (int(x) for x in raw.split("-"))
        return date(year, month, 1)
    except (ValueError, TypeError):
        today = selectors.today()
        anchor = today if program.start <= today <= program.end else program.start
        return anchor.replace(day=1)


@login_required
def program_calendar(request, pk: int):
    program = _program_for(request, pk)
    first = _month_of(request, program)
    last = first.replace(day=pycalendar.monthrange(first.year, first.month)[1])
    weeks = pycalendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    grid_first, grid_last = weeks[0][0], weeks[-1][-1]
    by_day: dict[date, list] = {}
    month_events = []
    for event in selectors.events_in_period(program=program, first=grid_first, last=grid_last):
        if event.start <= last and event.last_day >= first:
            month_events.append(event)
        day = max(event.start, grid_first)
        end = min(event.last_day, grid_last)
        while day <= end:
            by_day.setdefault(day, []).append(event)
            day += timedelta(days=1)
    prev_month = (first - timedelta(days=1)).replace(day=1)
    next_month = last + timedelta(days=1)
    return render(
        request,
        "programs/calendar.html",
        {
            "program": program,
            "month_label": f"{MONTHS[first.month - 1]} {first.year}",
            "weeks": [[(d, d.month == first.month, by_day.get(d, [])) for d in week] for week in weeks],
            "month_events": month_events,
            "prev": f"{prev_month:%Y-%m}",
            "next": f"{next_month:%Y-%m}",
            "today": selectors.today(),
        },
    )


@login_required
def my_calendar(request):
    if request.method == "POST":
        services.calendar_token_for(request.user, renew=True)
        messages.success(request, "Создана новая ссылка; старая больше не работает.")
        return redirect("programs:my-calendar")
    token = services.calendar_token_for(request.user)
    url = request.build_absolute_uri(reverse("programs:ics-feed", args=[token.token]))
    upcoming, overdue = selectors.upcoming_and_overdue(user=request.user, days=60)
    return render(
        request, "programs/my_calendar.html", {"url": url, "upcoming": upcoming, "overdue": overdue}
    )


def ics_feed(request, token: str):
    """No session: the secret token in the URL is the key (phones subscribe without signing in)."""
    from ..documents import ics_calendar

    owner = get_object_or_404(CalendarToken.objects.select_related("user"), token=token)
    if not owner.user.is_active:
        raise Http404
    events = selectors.calendar_events_for(user=owner.user)
    response = HttpResponse(
        ics_calendar(events, host=request.get_host()), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="nastavnik.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response
