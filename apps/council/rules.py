"""Who may do what with the council's meetings (object: a Meeting, or an organisation for the list).

The council members and the curator prepare the meetings and keep the minutes; the director reads them.
Mentors and mentees see no meeting: a conflict of one pair is nobody else's business; other schools
reach nothing (the selectors scope the meetings to the user's organisations)."""

import rules

from apps.accounts.rules import is_council_member, is_curator, is_director


@rules.predicate
def is_planned(user, meeting) -> bool:
    return meeting is not None and getattr(meeting, "status", None) == "planned"


@rules.predicate
def is_held(user, meeting) -> bool:
    return meeting is not None and getattr(meeting, "status", None) == "held"


keeps_minutes = is_council_member | is_curator

rules.add_perm("council.view_meetings", keeps_minutes | is_director)  # object: an organisation
rules.add_perm("council.add_meeting", keeps_minutes)  # object: an organisation
rules.add_perm("council.view_meeting", keeps_minutes | is_director)
rules.add_perm("council.edit_meeting", keeps_minutes & is_planned)
rules.add_perm("council.hold_meeting", keeps_minutes & is_planned)
rules.add_perm("council.download_minutes", (keeps_minutes | is_director) & is_held)
# Acting on a decision goes through the rules of the app it is about (programs.approve_program,
# programs.publish_program, territory.issue_award); this one only says the decision may be acted on.
rules.add_perm("council.apply_decision", (is_curator | is_director) & is_held)
