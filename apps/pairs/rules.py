"""Who may see and change pairs and groups. The same predicates guard views and templates."""

import rules

from apps.accounts.rules import (
    is_council_member,
    is_curator,
    is_director,
    is_psychologist,
)

from .models import GroupMember


@rules.predicate
def is_group_mentor(user, group) -> bool:
    return bool(getattr(user, "pk", None)) and group is not None and group.mentor.person.user_id == user.pk


@rules.predicate
def is_group_mentee(user, group) -> bool:
    if not getattr(user, "pk", None) or group is None:
        return False
    return any(
        m.mentee_person.user_id == user.pk and m.status != GroupMember.Status.ENDED
        for m in group.members.all()
    )


is_group_participant = is_group_mentor | is_group_mentee
# Staff of the organisation who see every pair; a council member sees them too (helps matching).
# The portal administrator (a technical role) reads no personal data of a school: README «Security
# and data protection».
sees_all_pairs = is_curator | is_director | is_psychologist | is_council_member

rules.add_perm("pairs.view_groups", sees_all_pairs)  # object: an organisation
rules.add_perm("pairs.manage_groups", is_curator)  # object: an organisation or a group
rules.add_perm("pairs.view_group", sees_all_pairs | is_group_participant)  # object: a group
rules.add_perm("pairs.write_compatibility", is_psychologist)  # object: a group
rules.add_perm("pairs.confirm_consent", is_group_participant)  # object: a group
rules.add_perm("pairs.download_agreement", is_curator | is_director | is_group_mentor)  # object: a group
# The allowance is a term of the mentor's labour contract: the director decides it, the curator drafts it.
rules.add_perm("pairs.set_allowance", is_curator | is_director)  # object: a group
