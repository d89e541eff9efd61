"""Who may see and change programs. The same predicates guard views and templates.

Objects: an organisation for the list-level permissions, a Program (with ``group.mentor.person``
and ``group.members`` loaded by the selector) for the others.
"""

import rules

from apps.accounts.rules import (
    is_admin,
    is_council_member,
    is_curator,
    is_director,
)
from apps.pairs.models import GroupMember


@rules.predicate
def is_program_mentor(user, program) -> bool:
    if not getattr(user, "pk", None) or program is None:
        return False
    return program.group.mentor.person.user_id == user.pk


@rules.predicate
def is_program_mentee(user, program) -> bool:
    if not getattr(user, "pk", None) or program is None:
        return False
    return any(
        m.mentee_person.user_id == user.pk and m.status != GroupMember.Status.ENDED
        for m in program.group.members.all()
    )


@rules.predicate
def is_not_finished(user, program) -> bool:
    return program is not None and not program.is_finished


@rules.predicate
def is_editable(user, program) -> bool:
    return program is not None and program.is_editable


@rules.predicate
def is_approved(user, program) -> bool:
    return program is not None and program.status == program.Status.APPROVED


is_program_participant = is_program_mentor | is_program_mentee
# Staff who see every program of the organisation, without the mentee's personal text.
# The portal administrator (a technical role) reads no personal data of a school: README «Security
# and data protection». Coordinators (municipal, regional) are not among them either: a program names
# its mentor and mentees and holds their text, and coordinators see aggregates only (issue 9, LEGAL.md
# Labour Code art. 88); they drill down to an organisation's figures in the territory app.
sees_all_programs = is_curator | is_director | is_council_member

rules.add_perm("programs.view_programs", sees_all_programs)  # object: an organisation
rules.add_perm("programs.manage_programs", is_curator)  # object: an organisation
rules.add_perm("programs.view_program", sees_all_programs | is_program_participant)
# The mentee's reflections and private comments (confidentiality, issue 5 §8).
rules.add_perm("programs.view_personal", is_curator | is_program_participant)
rules.add_perm("programs.edit_program", (is_curator | is_program_participant) & is_editable)
rules.add_perm("programs.agree_program", is_program_participant & is_editable)
rules.add_perm("programs.submit_program", (is_curator | is_program_mentor) & is_editable)
rules.add_perm("programs.approve_program", is_curator & is_editable)
rules.add_perm("programs.edit_roadmap", (is_curator | is_program_mentor) & is_not_finished)
rules.add_perm("programs.log_activity", (is_curator | is_program_mentor) & is_not_finished)
rules.add_perm("programs.mark_task", is_program_mentee & is_not_finished)
rules.add_perm(
    "programs.comment", (is_curator | is_program_participant | is_council_member) & is_not_finished
)
rules.add_perm("programs.propose_change", (is_curator | is_program_mentor) & is_approved)
rules.add_perm("programs.consent_change", is_program_participant & is_approved)
rules.add_perm("programs.end_program", is_curator & is_approved)
rules.add_perm("programs.publish_program", is_curator)  # a finished program
rules.add_perm("programs.upload_file", (is_curator | is_program_participant) & is_not_finished)
rules.add_perm("programs.download_pdf", sees_all_programs | is_program_participant)
# Program bank: object: an organisation.
rules.add_perm("programs.view_bank", is_admin | is_curator | is_director | is_council_member)
