"""«Моя программа» on the mentor's and mentee's dashboards: progress, a quick log form for the
mentor, upcoming and overdue events."""

from django import template

from apps.programs import selectors
from apps.programs.forms import ActivityForm

register = template.Library()


@register.inclusion_tag("programs/_my_program.html", takes_context=True)
def my_program(context, role: str):
    """``role`` is "mentor" or "mentee": the running programs where the user has that role."""
    user = context["user"]
    rows = []
    for program in selectors.programs_of_user(user=user):
        is_mentor = program.group.mentor.person.user_id == user.pk
        if (role == "mentor") != is_mentor:
            continue
        form, last_kind = None, None
        if is_mentor and user.has_perm("programs.log_activity", program):
            last_kind = selectors.last_activity_kind(program=program)
            form = ActivityForm(last_kind=last_kind)
        rows.append(
            {
                "program": program,
                "progress": selectors.progress_of(program),
                "form": form,
                "last_kind": last_kind,
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
