"""Who may read the access journal: the director of the organisation (LEGAL.md art. 19)."""

import rules

from apps.accounts.rules import is_admin, is_director, is_org_manager

rules.add_perm("audit.view_journal", is_director | is_admin)

# The change history of an object (who changed which field, old and new values) is personal data of
# the people it names: the curator and the director of the object's organisation read it; other
# readers of the page see at most a timeline of its statuses.
rules.add_perm("audit.view_history", is_org_manager)  # object: anything with an ``organization``

# Locked sign-ins: the director lifts the lock of an account of her organisation, the portal administrator
# of any account (object: the organisation, or None for the administrator's list of the whole portal).
rules.add_perm("audit.unlock_accounts", is_director | is_admin)
