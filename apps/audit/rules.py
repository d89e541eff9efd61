"""Who may read the access journal: the director of the organisation (LEGAL.md art. 19)."""

import rules

from apps.accounts.rules import is_admin, is_director

rules.add_perm("audit.view_journal", is_director | is_admin)
