"""Pages of the council of mentors: the meetings of the active organisation, a meeting with its agenda,
attendance and decisions, the forms that keep the minutes, and the protocol as PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from apps.accounts.permissions import own_organization as _own_organization
from apps.accounts.permissions import require as _require
from apps.core.exceptions import DomainError
from apps.core.forms import add_domain_error
from apps.core.idempotency import one_shot
from apps.core.xlsx import content_disposition

from . import documents, selectors, services
from .forms import AttendanceForm, AwardByDecisionForm, DecisionForm, ItemForm, MeetingForm
from .models import Decision


def _meeting(request, pk: int, perm: str):
    meeting = selectors.meeting_for(user=request.user, pk=pk)
    _require(request.user, perm, meeting)
    return meeting


@login_required
def meeting_list(request):
    organization = _own_organization(request, "council.view_meetings")
    meetings = list(selectors.meetings_of(user=request.user, organization=organization))
    return render(
        request,
        "council/meeting_list.html",
        {
            "organization": organization,
            "planned": [m for m in meetings if not m.is_held],
            "held": [m for m in meetings if m.is_held],
        },
    )


@login_required
@one_shot
def meeting_create(request):
    organization = _own_organization(request, "council.add_meeting")
    form = MeetingForm(request.POST or None, organization=organization)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(
                organization=organization, user=request.user, **form.cleaned_data
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Заседание запланировано: добавьте вопросы повестки дня.")
            return redirect("council:meeting-detail", pk=meeting.pk)
    return render(request, "council/meeting_form.html", {"form": form, "organization": organization})


@login_required
def meeting_detail(request, pk: int):
    meeting = _meeting(request, pk, "council.view_meeting")
    items = selectors.agenda(meeting)
    attendees = selectors.attendees(meeting)
    return render(
        request,
        "council/meeting_detail.html",
        {
            "meeting": meeting,
            "items": items,
            "members_present": [a for a in attendees if a.is_member],
            "invited": [a for a in attendees if not a.is_member],
            "award_form": AwardByDecisionForm(),
        },
    )


@login_required
def meeting_edit(request, pk: int):
    meeting = _meeting(request, pk, "council.edit_meeting")
    initial = {
        "date": meeting.date,
        "place": meeting.place,
        "chair": meeting.chair,
        "secretary": meeting.secretary,
    }
    form = MeetingForm(request.POST or None, organization=meeting.organization, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(meeting=meeting, user=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Сведения о заседании сохранены.")
            return redirect("council:meeting-detail", pk=meeting.pk)
    return render(
        request,
        "council/meeting_form.html",
        {"form": form, "organization": meeting.organization, "meeting": meeting},
    )


@login_required
@require_POST
def meeting_delete(request, pk: int):
    meeting = _meeting(request, pk, "council.edit_meeting")
    try:
        services.meeting_delete(meeting=meeting, user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("council:meeting-detail", pk=meeting.pk)
    messages.success(request, "Заседание отменено.")
    return redirect("council:meeting-list")


@login_required
def attendance_edit(request, pk: int):
    meeting = _meeting(request, pk, "council.edit_meeting")
    present = selectors.attendees(meeting)
    initial = {
        "members": [a.user for a in present if a.is_member],
        "invited": "\n".join(
            f"{a.name} — {a.position}" if a.position else a.name for a in present if not a.is_member
        ),
    }
    form = AttendanceForm(request.POST or None, organization=meeting.organization, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_set(
                meeting=meeting,
                members=list(form.cleaned_data["members"]),
                invited=form.cleaned_data["invited"],
                user=request.user,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Список присутствующих сохранён.")
            return redirect("council:meeting-detail", pk=meeting.pk)
    return render(request, "council/attendance_form.html", {"form": form, "meeting": meeting})


@login_required
@one_shot
def item_create(request, pk: int):
    meeting = _meeting(request, pk, "council.edit_meeting")
    form = ItemForm(request.POST or None, organization=meeting.organization)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.item_add(meeting=meeting, user=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, f"Вопрос № {item.position} внесён в повестку дня.")
            return redirect("council:meeting-detail", pk=meeting.pk)
    return render(request, "council/item_form.html", {"form": form, "meeting": meeting})


@login_required
@require_POST
def item_delete(request, pk: int, item_pk: int):
    meeting = _meeting(request, pk, "council.edit_meeting")
    item = selectors.item_for(meeting=meeting, pk=item_pk)
    try:
        services.item_remove(item=item, user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Вопрос исключён из повестки дня.")
    return redirect("council:meeting-detail", pk=meeting.pk)


@login_required
def decision_edit(request, pk: int, item_pk: int):
    meeting = _meeting(request, pk, "council.edit_meeting")
    item = selectors.item_for(meeting=meeting, pk=item_pk)
    decision = Decision.objects.filter(item=item).first()
    initial = {"heard": item.heard, "discussion": item.discussion, "votes_against": 0, "votes_abstained": 0}
    if decision is not None:
        initial.update(
            text=decision.text,
            votes_for=decision.votes_for,
            votes_against=decision.votes_against,
            votes_abstained=decision.votes_abstained,
        )
    form = DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.decision_record(item=item, user=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request, f"Решение по вопросу № {item.position} записано: {decision.get_outcome_display()}."
            )
            return redirect("council:meeting-detail", pk=meeting.pk)
    return render(request, "council/decision_form.html", {"form": form, "meeting": meeting, "item": item})


@login_required
@require_POST
def decision_apply(request, pk: int, item_pk: int):
    meeting = _meeting(request, pk, "council.apply_decision")
    item = selectors.item_for(meeting=meeting, pk=item_pk)
    decision = Decision.objects.filter(item=item).first()
    if decision is None:
        messages.error(request, "По этому вопросу решение не записано.")
        return redirect("council:meeting-detail", pk=meeting.pk)
    kind, on, reason = "", None, ""
    if item.kind == item.Kind.NOMINATION:
        form = AwardByDecisionForm(request.POST)
        if not form.is_valid():
            messages.error(
                request, "Выберите вид поощрения, напишите, за что награждается наставник, и дату."
            )
            return redirect("council:meeting-detail", pk=meeting.pk)
        kind, on, reason = (form.cleaned_data[name] for name in ("kind", "on", "reason"))
    try:
        services.decision_apply(decision=decision, user=request.user, kind=kind, on=on, reason=reason)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Решение по вопросу № {item.position} исполнено.")
    return redirect("council:meeting-detail", pk=meeting.pk)


@login_required
@require_POST
def meeting_hold(request, pk: int):
    meeting = _meeting(request, pk, "council.hold_meeting")
    try:
        meeting = services.meeting_hold(meeting=meeting, user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Протокол закрыт и получил № {meeting.number}.")
    return redirect("council:meeting-detail", pk=meeting.pk)


@login_required
def minutes_pdf(request, pk: int):
    meeting = _meeting(request, pk, "council.download_minutes")
    data = documents.minutes_pdf(meeting=meeting)
    response = HttpResponse(data, content_type="application/pdf")
    filename = f"Протокол совета наставников № {meeting.number} от {meeting.date:%d.%m.%Y}.pdf"
    response["Content-Disposition"] = content_disposition(filename)
    response["Cache-Control"] = "no-store"
    return response
