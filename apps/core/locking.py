"""Optimistic locking of edit forms: no save overwrites a change the user has not seen.

An edit form carries a token of the saved state it was opened on (a hash of the values the form
shows, keyed by their Russian labels). The service recomputes the token under the row lock; when it
no longer matches and the other person's values differ from this form's, it raises ``EditConflict``
with both versions side by side and writes nothing. The conflict page puts the current token into
the form, so saving again is a deliberate overwrite of what the user has now seen.

A hash of the state rather than a version column: it needs no migration, it also covers the rows a
form edits beside the object itself (a bank entry's areas, an order's items and participants), and
a write through another path (a status service, the admin) is noticed just the same.
"""

import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import NamedTuple

from django import forms
from django.utils import timezone

from .exceptions import DomainError

TOKEN_FIELD = "lock_token"

DEFAULT_MESSAGE = (
    "Пока форма была открыта, эту запись уже сохранили — другой пользователь или вы в другой вкладке. "
    "Ничего не перезаписано: сравните версии и перенесите свои правки или сохраните свой вариант ещё раз."
)


class FieldDiff(NamedTuple):
    label: str
    saved: str
    mine: str


class EditConflict(DomainError):
    """The saved state changed after the form was opened; nothing was written.

    ``diffs``: the fields where the saved version and this form differ; ``token``: the token of the
    saved state (the form gets it, so that a second save is a deliberate overwrite)."""

    def __init__(self, message: str = DEFAULT_MESSAGE, *, diffs: list[FieldDiff], token: str):
        super().__init__(message)
        self.diffs = diffs
        self.token = token


def shown(value: object) -> str:
    """A value as a person reads it in the comparison; the token is computed over these strings."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, (list, tuple, set, frozenset)):
        return "\n".join(shown(v) for v in value)
    return str(value).strip()


def state(pairs: Iterable[tuple[str, object]] | Mapping[str, object]) -> dict[str, str]:
    """{label: shown value}: the comparable state of an edited object."""
    items = pairs.items() if isinstance(pairs, Mapping) else pairs
    return {str(label): shown(value) for label, value in items}


def model_state(model, values: Mapping[str, object]) -> dict[str, str]:
    """``state`` of a model's fields by their verbose names, choices by their labels, related objects
    by their names: for forms that edit a model's own fields (a plan row, say)."""
    rows = []
    for name, value in values.items():
        field = model._meta.get_field(name)
        if field.choices and value not in (None, ""):
            value = dict(field.flatchoices).get(value, value)
        rows.append((str(field.verbose_name)[:1].upper() + str(field.verbose_name)[1:], value))
    return state(rows)


def state_token(saved: Mapping[str, str]) -> str:
    payload = json.dumps(dict(saved), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


def check_unchanged(
    *, token: str | None, saved: Mapping[str, str], mine: Mapping[str, str], message: str = DEFAULT_MESSAGE
) -> None:
    """Refuse the save when the saved state moved on since ``token`` and the save would overwrite it.

    ``saved``: the state read under the row lock; ``mine``: the same labels for the values this save
    writes. A token of ``None`` is a caller without a form (a test, a data import): no check."""
    if token is None:
        return
    current = state_token(saved)
    if token == current:
        return
    diffs = [
        FieldDiff(label, saved.get(label, ""), value)
        for label, value in mine.items()
        if saved.get(label, "") != value
    ]
    if diffs:
        raise EditConflict(message, diffs=diffs, token=current)


class LockTokenField(forms.CharField):
    """The hidden token of the state the form was opened on."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.HiddenInput)
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault(
            "error_messages",
            {"required": "Форма устарела: откройте её заново, чтобы не перезаписать чужие правки."},
        )
        super().__init__(**kwargs)


class LockedFormMixin:
    """A form that edits a shared object: ``add_lock_token(token)`` when editing; a missing or
    mangled token is shown above the form (a hidden field has no place of its own)."""

    def add_lock_token(self, token: str) -> None:
        self.fields[TOKEN_FIELD] = LockTokenField(initial=token)

    def lock_kwargs(self) -> dict:
        """``{"lock_token": …}`` for the service; empty when the form does not edit (creating)."""
        return {"lock_token": self.cleaned_data[TOKEN_FIELD]} if TOKEN_FIELD in self.fields else {}

    def clean(self):
        cleaned = super().clean()
        if TOKEN_FIELD in self._errors:
            self.add_error(None, self._errors.pop(TOKEN_FIELD))
        return cleaned


def offer_overwrite(form: forms.Form, conflict: EditConflict, *, token_field: str = TOKEN_FIELD) -> None:
    """After a conflict: the form keeps the user's values and carries the saved state's token, so
    that saving again, with both versions in view, overwrites deliberately."""
    data = form.data.copy()
    data[form.add_prefix(token_field)] = conflict.token
    form.data = data


def conflict_context(
    form: forms.Form,
    conflict: EditConflict,
    *,
    reload_url: str,
    last_change=None,
    token_field: str = TOKEN_FIELD,
) -> dict:
    """What ``components/_conflict.html`` expects; the form is prepared for a deliberate overwrite.

    ``last_change``: who saved last and when (``apps.audit.selectors.last_change``), if known;
    ``token_field``: a form that locks on a version column of its own (programs) names it."""
    offer_overwrite(form, conflict, token_field=token_field)
    return {"error": conflict, "reload_url": reload_url, "last_change": last_change}
