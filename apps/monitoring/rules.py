"""Who may run and see monitoring. The same predicates guard views and templates.

Objects: an organisation for the organisation-level permissions; a Program (loaded by the programs
selector, with ``group.mentor.person`` and ``group.members``) for the program-level ones.
"""

import rules

from apps.accounts.rules import (
    is_admin,
    is_coordinator,
    is_council_member,
    is_curator,
    is_director,
    is_psychologist,
)
from apps.programs.rules import is_program_mentee, is_program_mentor

# Templates, campaigns, indicators, reports: the curator runs monitoring (object: an organisation).
rules.add_perm("monitoring.manage", is_curator)
# The curator types in a paper form the addressee filled (object: the campaign's organisation).
rules.add_perm("monitoring.enter_paper_survey", is_curator)
# Dashboards and reports of the organisation, with names in the risk flags.
# The portal administrator (a technical role) reads no personal data of a school: README «Security
# and data protection».
rules.add_perm("monitoring.view_dashboard", is_curator | is_director)
rules.add_perm("monitoring.view_reports", is_curator | is_director)
# Coordinators: figures of their organisations, no names (LEGAL: aggregates only).
rules.add_perm("monitoring.view_overview", is_admin | is_coordinator)
# The consolidated statistical form: a municipal coordinator (her municipality) and a regional operator
# (the region, or one of its municipalities); the scope is read from the memberships
# (selectors.consolidated.consolidated_scope). Figures only, no names.
rules.add_perm("monitoring.view_consolidated_form", is_coordinator)

# Program level (object: a program).
rules.add_perm(
    "monitoring.view_program",
    is_curator | is_director | is_council_member | is_program_mentor,
)
# Staff see the program's figures in full; the mentor only anonymous aggregates above the threshold.
rules.add_perm("monitoring.view_program_full", is_curator | is_director | is_council_member)
rules.add_perm("monitoring.assess_self", is_program_mentee)
rules.add_perm("monitoring.assess_mentor", is_program_mentor)
rules.add_perm("monitoring.assess_curator", is_curator)
rules.add_perm("monitoring.assess_any", is_program_mentee | is_program_mentor | is_curator)
# Observers of lessons: the curator, the director (line manager), a council member as a colleague.
rules.add_perm("monitoring.observe", is_curator | is_director | is_council_member)

# Level 4 per mentee (issue 15): the outcomes of the mentee's pupils come from the school's records
# (ВПР protocols, the register), so the curator or the program's mentor enters them, never the mentee.
rules.add_perm("monitoring.enter_pupil_results", is_curator | is_program_mentor)
# Activity: the curator and the mentor for both of them; the mentee her own (checked in the service).
rules.add_perm("monitoring.enter_activity", is_curator | is_program_mentor | is_program_mentee)
# Adaptation: assessed by the mentor, the psychologist or the curator (seed 002 §4: the psychologist
# accompanies the pairs).
rules.add_perm("monitoring.assess_adaptation", is_curator | is_program_mentor | is_psychologist)
