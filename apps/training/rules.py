"""Who may see and keep the training records and the psychologist's support records.

The curator (and the director) of the person's school enter, correct and remove training records; the
person reads their own. The psychologist of the school records the support of mentees without a pair;
the curator and the director read it. Coordinators see only the share of trained mentors, no names.
"""

import rules

from apps.accounts.rules import is_org_manager, is_psychologist
from apps.staff.rules import is_the_person


@rules.predicate
def is_the_records_person(user, record) -> bool:
    return record is not None and is_the_person(user, record.person)


# Object: an Organization.
rules.add_perm("training.manage_training", is_org_manager)
rules.add_perm("training.record_support", is_psychologist)
rules.add_perm("training.view_support", is_psychologist | is_org_manager)
# Object: a Person (its organisation is the school).
rules.add_perm("training.view_person_training", is_org_manager | is_the_person)
# Object: a TrainingRecord.
rules.add_perm("training.view_record", is_org_manager | is_the_records_person)
rules.add_perm("training.change_record", is_org_manager)
# Object: a SupportRecord.
rules.add_perm("training.delete_support", is_psychologist)
