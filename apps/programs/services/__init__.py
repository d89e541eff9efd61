"""Writes about programs: one service per transition, keyword-only, one transaction each.

The modules by concern: the program itself (creating, editing, plans, agreement and approval), the
roadmap events, the activity log, evidence files, changes by consent and order, the end, the program
bank, and the erasure of a person's data. The names below are the package's interface."""

from .activity import activity_correct, activity_log, activity_remove, comment_add
from .bank import program_publish, template_set_public
from .changes import change_apply, change_consent, change_missing_consents, change_propose, change_withdraw
from .ending import program_end_request, program_finish
from .erasure import ERASED_NAME, erase_person_data
from .events import EVENT_FIELDS, calendar_token_for, event_cancel, event_complete, event_save
from .files import file_attach
from .plans import PLAN_MODELS, plan_item_delete, plan_item_save
from .programs import (
    EDITABLE_FIELDS,
    FIELD_LABELS,
    ProgramConflict,
    _save_version,
    current_plans,
    missing_agreements,
    program_agree,
    program_approve,
    program_create,
    program_record_paper_agreement,
    program_return,
    program_submit,
    program_update,
)

__all__ = [
    "EDITABLE_FIELDS",
    "ERASED_NAME",
    "EVENT_FIELDS",
    "FIELD_LABELS",
    "PLAN_MODELS",
    "ProgramConflict",
    "_save_version",
    "activity_correct",
    "activity_log",
    "activity_remove",
    "calendar_token_for",
    "change_apply",
    "change_consent",
    "change_missing_consents",
    "change_propose",
    "change_withdraw",
    "comment_add",
    "current_plans",
    "erase_person_data",
    "event_cancel",
    "event_complete",
    "event_save",
    "file_attach",
    "missing_agreements",
    "plan_item_delete",
    "plan_item_save",
    "program_agree",
    "program_approve",
    "program_create",
    "program_end_request",
    "program_finish",
    "program_publish",
    "program_record_paper_agreement",
    "program_return",
    "program_submit",
    "program_update",
    "template_set_public",
]
