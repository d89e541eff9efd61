"""The history of an object names its fields in Russian, also those declared without a verbose name."""

import re

from django.apps import apps

from apps.audit.selectors import HIDDEN_FIELDS, field_label


def _tracked_models():
    for model in apps.get_models():
        tracked = getattr(model, "pgh_tracked_model", None)
        if tracked is not None and tracked.__module__.startswith("apps."):
            yield tracked


def test_every_field_of_every_tracked_model_has_a_russian_name_in_the_history():
    models = set(_tracked_models())
    assert models, "no model tracked by pghistory found"
    english = [
        f"{model.__name__}.{field.name}: {field_label(field)}"
        for model in models
        for field in model._meta.concrete_fields
        if field.name not in HIDDEN_FIELDS
        and field.name != "id"
        and re.search(r"[A-Za-z]{3,}", field_label(field).replace("PDF", ""))
    ]
    assert not english


def test_a_program_s_approver_is_named_in_russian():
    from apps.programs.models import Program

    assert field_label(Program._meta.get_field("approved_by")) == "кем утверждена"


def test_the_personnel_number_of_the_registry_is_named_in_russian():
    from apps.staff.models import Person

    assert field_label(Person._meta.get_field("personnel_number")) == "табельный номер"


def test_the_account_settings_in_a_persons_history_are_named_in_russian():
    from apps.audit.models import AccessEvent
    from apps.audit.selectors import ACCOUNT_HISTORY_ACTIONS

    for action, field in ACCOUNT_HISTORY_ACTIONS.items():
        assert not re.search(r"[A-Za-z]{3,}", AccessEvent.Action(action).label + field)
