"""Who may do what with the allowance basis (object: an AllowanceBasis, or an organisation for the list).

The basis is the employer's payroll document: the curator prepares it, the director approves it, the
school's accountant reads it and closes the month once it is paid (the director may close it too, for a
school whose accounting is kept outside the portal). Nobody else sees it: the allowance of a colleague is
none of the mentors', mentees' or coordinators' business."""

import rules

from apps.accounts.rules import is_accountant, is_curator, is_director


@rules.predicate
def is_draft(user, basis) -> bool:
    return getattr(basis, "status", None) == "draft"


@rules.predicate
def is_approved(user, basis) -> bool:
    return getattr(basis, "status", None) == "approved"


@rules.predicate
def is_correctable(user, basis) -> bool:
    """Closed and not yet corrected (a correction is corrected in its turn)."""
    if getattr(basis, "status", None) != "closed":
        return False
    return not getattr(basis, "has_correction", False)


reads = is_director | is_curator | is_accountant

rules.add_perm("allowances.view_bases", reads)  # object: an organisation
rules.add_perm("allowances.prepare_basis", is_curator)  # object: an organisation
rules.add_perm("allowances.view_basis", reads)
rules.add_perm("allowances.refresh_basis", is_curator & is_draft)
rules.add_perm("allowances.approve_basis", is_director & is_draft)
rules.add_perm("allowances.close_basis", (is_accountant | is_director) & is_approved)
rules.add_perm("allowances.correct_basis", is_curator & is_correctable)
