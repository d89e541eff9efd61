"""The participant's own pairs on the dashboard, with the consent to confirm."""

from django import template

from apps.pairs.selectors import duty_consents_on_record, groups_of_user

register = template.Library()


@register.inclusion_tag("pairs/_my_pairs.html", takes_context=True)
def my_pairs(context, role: str):
    """``role`` is "mentor" or "mentee": the pairs where the signed-in user has that role."""
    user = context["user"]
    rows = []
    for group in groups_of_user(user=user):
        is_mentor = group.mentor.person.user_id == user.pk
        if (role == "mentor") != is_mentor:
            continue
        if is_mentor:
            person = group.mentor.person
        else:
            person = next(m.mentee_person for m in group.members.all() if m.mentee_person.user_id == user.pk)
        consented = person.pk in duty_consents_on_record(group)
        rows.append({"group": group, "consented": consented})
    return {"rows": rows, "csrf_token": context.get("csrf_token"), "role": role}
