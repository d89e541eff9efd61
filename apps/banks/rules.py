"""Who may see and change the banks of mentees and mentors.

Bank-wide permissions take the organisation; entry permissions take the entry (its organisation is
read through ``entry.organization``). The curator keeps the banks, the director approves mentors and
sees everything, the council of mentors and the psychologist read; a mentor or a mentee sees only
their own entry. Permissions that depend on the status say so, so no button is shown for a move the
service would refuse.
"""

import rules

from apps.accounts.rules import (
    is_council_member,
    is_curator,
    is_director,
    is_psychologist,
)
from apps.staff.models import Person

from .models import MenteeEntry, MentorEntry, Petition

can_read_bank = is_director | is_curator | is_council_member | is_psychologist


@rules.predicate
def is_own_entry(user, entry) -> bool:
    person = getattr(entry, "person", None)
    return bool(person and user.is_authenticated and person.user_id == user.pk)


def _status_in(*statuses: str):
    wanted = {str(s) for s in statuses}

    @rules.predicate(name="entry_status_in_" + "_".join(sorted(wanted)))
    def predicate(user, entry) -> bool:
        return getattr(entry, "status", None) in wanted

    return predicate


@rules.predicate
def has_mentor_consent_date(user, entry) -> bool:
    return getattr(entry, "consent_signed_on", None) is not None


@rules.predicate
def has_linked_person(user, organization) -> bool:
    """The user's account is linked to a staff card in the organisation (one query, kept on the user
    for the rest of the request)."""
    if not getattr(user, "is_authenticated", False) or organization is None:
        return False
    if "_banks_card_orgs" not in user.__dict__:
        user.__dict__["_banks_card_orgs"] = set(
            Person.objects.filter(user=user).values_list("organization_id", flat=True)
        )
    return organization.pk in user.__dict__["_banks_card_orgs"]


is_candidate = _status_in(MenteeEntry.Status.CANDIDATE)
mentee_may_leave = _status_in(MenteeEntry.Status.WAITING)
mentor_may_be_released = _status_in(*MentorEntry.APPROVED_STATUSES)

# Bank pages of an organisation
rules.add_perm("banks.view_bank", can_read_bank)
rules.add_perm("banks.manage_bank", is_curator)
rules.add_perm("banks.carry_over", is_curator)
# Export gives away every name of the bank at once: only those who answer for the banks.
rules.add_perm("banks.export_bank", is_curator | is_director)

# One entry (mentee or mentor)
rules.add_perm("banks.view_entry", can_read_bank | is_own_entry)
rules.add_perm("banks.change_entry", is_curator)
rules.add_perm("banks.review_mentee", is_curator & is_candidate)
rules.add_perm("banks.leave_mentee", is_curator & mentee_may_leave)
rules.add_perm("banks.reject_mentor", (is_curator | is_director) & is_candidate)
# The button is shown to the director of a candidate; without the consent date the page says why.
rules.add_perm("banks.approve_mentor", is_director & is_candidate)
rules.add_perm("banks.approve_mentor_now", is_director & is_candidate & has_mentor_consent_date)
rules.add_perm("banks.release_mentor", (is_curator | is_director) & mentor_may_be_released)

# Self-service questionnaires: any teacher whose account is linked to a staff card
rules.add_perm("banks.fill_questionnaire", has_linked_person)

# Applications (заявления): the teacher files their own from the account (any teacher with a staff card,
# like the questionnaires); the curator keeps the queue, enters paper ones and decides; the director
# reads them (the order that follows names them). The teacher reads and prints their own.
is_petition_submitted = _status_in(Petition.Status.SUBMITTED)
rules.add_perm("banks.view_petitions", is_curator | is_director)
rules.add_perm("banks.enter_petition", is_curator)
rules.add_perm("banks.view_petition", is_curator | is_director | is_own_entry)
rules.add_perm("banks.decide_petition", is_curator & is_petition_submitted)
