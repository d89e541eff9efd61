"""«Моя программа» on the mentor's and mentee's dashboards: progress, a quick log form for the
mentor (a note and the roadmap event it belongs to, the likeliest one chosen; date, duration, kind and
format preset), upcoming and overdue events. The mentor's block is a section of its own, first on the
phone's screen (issue 14)."""

from django import template

from apps.programs import selectors
from apps.programs.forms import ActivityForm
from apps.programs.models import ActivityKind, Program

register = template.Library()


@register.inclusion_tag("programs/_my_program.html", takes_context=True)
def my_program(context, role: str):
    """``role`` is "mentor" or "mentee": the running programs where the user has that role."""
    user = context["user"]
    rows = []
    # Members are not loaded: the block names no one, and the mentor's permission to log reads
    # only the program's mentor and status.
    for program in selectors.programs_of_user(user=user, with_members=False):
        is_mentor = program.group.mentor.person.user_id == user.pk
        if (role == "mentor") != is_mentor:
            continue
        form, last_kind = None, None
        if is_mentor and user.has_perm("programs.log_activity", program):
            last_kind = program.last_kind  # annotated by programs_of_user: no query per program
            form = ActivityForm(last_kind=last_kind)
            # The planned events from the program's own query (planned_event_rows): no query.
            form.use_loaded_choices(events=selectors.planned_events_of(program))
        rows.append(
            {
                "program": program,
                "progress": selectors.progress_of(program),
                "form": form,
                "last_kind": last_kind,
                "kind_label": dict(ActivityKind.choices).get(last_kind or ActivityKind.MEETING, ""),
            }
        )
    upcoming, overdue = selectors.upcoming_and_overdue(user=user) if rows else ([], [])
    return {
        "rows": rows,
        "upcoming": upcoming,
        "overdue": overdue,
        "csrf_token": context.get("csrf_token"),
        "role": role,
    }


@register.inclusion_tag("programs/_summary.html", takes_context=True)
def programs_summary(context, organization):
    """Aggregates for the curator's and director's dashboards: no names, no personal text."""
    user = context["user"]
    if organization is None or not user.has_perm("programs.view_programs", organization):
        return {"show": False}
    programs = selectors.program_figures(user=user, organization=organization)
    by_status = dict.fromkeys(Program.Status.values, 0)
    for program in programs:
        by_status[program.status] += 1
    return {
        "show": True,
        "total": len(programs),
        "on_approval": by_status[Program.Status.ON_APPROVAL],
        "approved": by_status[Program.Status.APPROVED],
        "finished": by_status[Program.Status.FINISHED],
        "stalled": sum(1 for p in programs if selectors.is_stalled(p, p.last_activity)),
        "overdue": sum(p.events_overdue for p in programs),
        # Each program's hours rounded as on its page, then summed (as before).
        "hours": round(sum(round(p.minutes_logged / 60, 1) for p in programs), 1),
    }


@register.simple_tag
def stall_days() -> str:
    """«30 дней»: PROGRAM_STALL_DAYS in words, for the «no activity» marks."""
    return selectors.stall_phrase()
