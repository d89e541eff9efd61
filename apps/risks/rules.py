"""Who may read and keep the register of risks (object: an organisation or a RiskEntry) and who sees
the sums of a territory.

The curator keeps the register; the director reads it (she approves the measures the curator takes,
seed 000: the director appoints the curator and sees all reports). Mentors, mentees, the council and the
psychologist do not see it: an entry may be about them. Coordinators see counts only, never an entry.
"""

import rules

from apps.accounts.rules import is_admin, is_coordinator, is_curator, is_director

from .models import RiskEntry


@rules.predicate
def entry_is_open(user, entry) -> bool:
    return isinstance(entry, RiskEntry) and entry.status == RiskEntry.Status.OPEN


@rules.predicate
def entry_is_in_work(user, entry) -> bool:
    return isinstance(entry, RiskEntry) and entry.status == RiskEntry.Status.IN_WORK


@rules.predicate
def entry_is_not_closed(user, entry) -> bool:
    return isinstance(entry, RiskEntry) and not entry.is_closed


rules.add_perm("risks.view_register", is_curator | is_director)
rules.add_perm("risks.manage_register", is_curator)
rules.add_perm("risks.edit_entry", is_curator & entry_is_not_closed)
rules.add_perm("risks.start_entry", is_curator & entry_is_open)
rules.add_perm("risks.close_entry", is_curator & entry_is_in_work)
rules.add_perm("risks.view_territory", is_admin | is_coordinator)
