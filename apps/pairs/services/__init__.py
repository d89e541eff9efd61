"""Writes on pairs and groups: every rule of forming a pair lives in ``group_check``; each status move
has one service; pairs become active and end only through signed orders (effects.py)."""

from .allowance import allowance_of, allowance_short, allowance_words, check_allowance, group_set_allowance
from .consents import (
    duty_consent_confirm,
    duty_consent_replace_scan,
    duty_consent_upload,
    erase_person_data,
    mentee_consents_upload,
)
from .forming import (
    MENTEE_READY_STATUSES,
    cohort_create,
    group_check,
    group_create,
    group_delete_draft,
    group_return_to_draft,
    group_set_compatibility,
    group_update_draft,
)
from .orders import ANNEX_THRESHOLD, groups_submit_to_order, mentor_release_request, mentor_replace_request
from .wording import pair_item_text, position_instrumental

__all__ = [
    "ANNEX_THRESHOLD",
    "MENTEE_READY_STATUSES",
    "allowance_of",
    "allowance_short",
    "allowance_words",
    "check_allowance",
    "cohort_create",
    "duty_consent_confirm",
    "duty_consent_replace_scan",
    "duty_consent_upload",
    "erase_person_data",
    "group_check",
    "group_create",
    "group_delete_draft",
    "group_return_to_draft",
    "group_set_allowance",
    "group_set_compatibility",
    "group_update_draft",
    "groups_submit_to_order",
    "mentee_consents_upload",
    "mentor_release_request",
    "mentor_replace_request",
    "pair_item_text",
    "position_instrumental",
]
