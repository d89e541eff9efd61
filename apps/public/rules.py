"""Who writes the public page's news: the curator (and the director) of the organisation."""

import rules

from apps.accounts.rules import is_curator, is_director

rules.add_perm("public.manage_news", is_curator | is_director)
