"""Who may see and change the staff registry and the consents to personal-data processing.

The curator keeps the registry, the director may too; the council of mentors and the psychologist
read it (they match pairs) but see a person's data only when that person has a valid consent; a
teacher sees their own card and consents. Coordinators see no names (Labour Code art. 88).
Permissions named "…_people" take an organisation, the others a person (or a consent's person).
"""

import rules

from apps.accounts.rules import (
    is_council_member,
    is_org_manager,
    is_psychologist,
)


@rules.predicate
def is_the_person(user, obj) -> bool:
    """The user is the registry entry themself (their account is linked to it)."""
    person = obj
    return bool(
        person is not None
        and getattr(user, "is_authenticated", False)
        and person.user_id is not None
        and person.user_id == user.pk
    )


@rules.predicate
def person_has_valid_consent(user, obj) -> bool:
    """Reads the ``has_valid_consent`` annotation of the selectors when present (no query per row)."""
    from .selectors import has_valid_consent

    person = obj
    if person is None:
        return False
    value = getattr(person, "has_valid_consent", None)
    return has_valid_consent(person) if value is None else bool(value)


@rules.predicate
def consent_not_withdrawn(user, obj) -> bool:
    """The person has not withdrawn their consent (or has consented again): processing may go on."""
    from .selectors import consent_not_withdrawn as check

    return obj is not None and check(obj)


# The portal administrator (a technical role) is not among them: he reads no school's personal data
# (152-ФЗ art. 5 p. 5, minimisation); see README «Security and data protection».
manages = is_org_manager
readers = is_council_member | is_psychologist

# Organisation-level permissions (object: an Organization).
rules.add_perm("staff.list_people", manages | readers)
rules.add_perm("staff.view_all_people", manages)
rules.add_perm("staff.add_person", manages)
rules.add_perm("staff.export_people", manages)
rules.add_perm("staff.view_destruction_acts", manages)
# The import of the registry from Excel (imports/): the pages and the list's button ask it.
rules.add_perm("staff.import_people", manages)
# A folder of paper consents entered at once (the same people who record one consent: the operator).
rules.add_perm("staff.add_consents_in_bulk", manages)

# Person-level permissions (object: a Person — for a consent, pass consent.person: the role predicates
# look for an ``organization`` attribute).
rules.add_perm("staff.view_person", manages | readers | is_the_person)
rules.add_perm("staff.view_person_data", manages | is_the_person | (readers & person_has_valid_consent))
rules.add_perm("staff.change_person", manages)
rules.add_perm("staff.invite_person", manages & consent_not_withdrawn)
rules.add_perm("staff.view_consents", manages | is_the_person)
rules.add_perm("staff.add_consent", manages)
rules.add_perm("staff.confirm_consent", is_the_person)
rules.add_perm("staff.print_consent", manages | is_the_person)
rules.add_perm("staff.withdraw_consent", manages | is_the_person)
# The answer to the subject's request (152-ФЗ art. 14): the operator hands it over, the person downloads it.
rules.add_perm("staff.export_person_data", manages | is_the_person)
