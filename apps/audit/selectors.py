"""Reads of the access journal, of the people with access to personal data, and of object history."""

import re
from dataclasses import dataclass
from datetime import date, datetime

import pghistory.models
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone

from apps.accounts.models import Membership, Role

from .models import AccessEvent

# Roles that reach personal data of the organisation's staff (the annex to the director's order).
# The accountant reads the names and allowances of the mentors in the monthly basis (issue 16).
PERSONAL_DATA_ROLES = (Role.DIRECTOR, Role.CURATOR, Role.COUNCIL, Role.PSYCHOLOGIST, Role.ACCOUNTANT)


def access_events(*, organization) -> QuerySet[AccessEvent]:
    return (
        AccessEvent.objects.filter(organization=organization)
        .select_related("user", "target_user")
        .order_by("-at", "-pk")
    )


def people_with_access(*, organization) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(
            organization=organization, role__in=PERSONAL_DATA_ROLES, user__is_active=True
        )
        .select_related("user")
        .order_by("role", "user__last_name", "user__first_name")
    )


@dataclass
class Change:
    field: str
    old: object
    new: object


@dataclass
class HistoryEntry:
    at: datetime
    label: str
    user: object
    changes: list[Change]


# Technical fields that say nothing to a reader of the history.
HIDDEN_FIELDS = {
    "updated_at",
    "modified",
    "created_at",
    "search_name",
    "version",
    "pdf_sha256",
    "content_sha256",
}

# The history's names of tracked fields declared without a Russian ``verbose_name`` (Django would show
# «approved by»). ``tests/audit`` checks that every field of every tracked model gets a Russian name.
FIELD_LABELS = {
    "approved_by": "кем утверждена",
    "created_by": "кем создано",
    "entered_by": "кем внесено",
    "observer": "наблюдатель",
    "organization": "организация",
    "status": "статус",
    "program": "программа",
    "mentee": "наставляемый",
    "mentee_person": "наставляемый (в реестре)",
    "mentor_person": "наставник (в реестре)",
    "direction": "направление",
}
_LATIN = re.compile(r"[A-Za-z]{3,}")


def field_label(field, key: str = "") -> str:
    """The name of a field as the history shows it: its verbose name, or :data:`FIELD_LABELS` where the
    model left Django's English default."""
    if field is None:
        return FIELD_LABELS.get(key, key)
    label = str(field.verbose_name)
    if _LATIN.search(label.replace("PDF", "")):
        return FIELD_LABELS.get(field.name, label)
    return label


def _readable(field, value) -> object:
    """A stored value as the page shows it: choice labels, «да/нет», dates, no raw ids."""
    if value is None or value == "" or value == []:
        return None
    if field is None:
        return value
    if field.is_relation:
        return "указано"  # an id means nothing to the reader; the page names the current one
    base = getattr(field, "base_field", None)
    if isinstance(value, list) and base is not None and base.choices:
        labels = dict(base.flatchoices)
        return ", ".join(str(labels.get(v, v)) for v in value)
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return "да" if value else "нет"
    if field.get_internal_type() == "DateField" and isinstance(value, str):
        try:
            return date.fromisoformat(value).strftime("%d.%m.%Y")
        except ValueError:
            return value
    if field.get_internal_type() == "DateTimeField" and isinstance(value, str):
        try:
            return timezone.localtime(datetime.fromisoformat(value)).strftime("%d.%m.%Y %H:%M")
        except ValueError:
            return value
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return value


def object_history(obj, *, limit: int = 50) -> list[HistoryEntry]:
    """pghistory events of ``obj``: when, who (from the middleware context), which fields changed.
    Two queries whatever the number of events (the events, then their users)."""
    events = list(pghistory.models.Events.objects.tracks(obj).order_by("-pgh_created_at", "-pgh_id")[:limit])
    user_ids = {e.pgh_context.get("user") for e in events if e.pgh_context and e.pgh_context.get("user")}
    users = get_user_model().objects.in_bulk(user_ids) if user_ids else {}
    fields = {}
    for f in obj._meta.concrete_fields:
        fields[f.name] = fields[f.attname] = f
    entries = []
    for e in events:
        diff = e.pgh_diff or {}
        changes = []
        for key, values in diff.items():
            field = fields.get(key)
            if key in HIDDEN_FIELDS or (field is not None and field.name in HIDDEN_FIELDS):
                continue
            label = field_label(field, key)
            changes.append(Change(label, _readable(field, values[0]), _readable(field, values[1])))
        user = users.get((e.pgh_context or {}).get("user"))
        label = {"insert": "создание", "update": "изменение", "delete": "удаление"}.get(
            e.pgh_label, e.pgh_label
        )
        if e.pgh_label == "update" and not changes:
            continue  # only technical fields moved (a version counter, a timestamp)
        entries.append(HistoryEntry(e.pgh_created_at, label, user, changes))
    return entries


# The account's own settings journaled in the access journal that a person's history shows beside the
# changes of her card (no organisation of their own: the account is the person's in every school).
ACCOUNT_HISTORY_ACTIONS = {
    AccessEvent.Action.MESSENGER_LINK: "мессенджер",
    AccessEvent.Action.MESSENGER_UNLINK: "мессенджер",
}
_REMOVALS = {AccessEvent.Action.MESSENGER_UNLINK}


def account_history(user, *, limit: int = 50) -> list[HistoryEntry]:
    """The journal's entries of ``user``'s account settings (a messenger linked or unlinked) as history
    entries: when, who, what («мессенджер: Telegram»). One query; none without an account."""
    if user is None:
        return []
    events = (
        AccessEvent.objects.filter(target_user=user, action__in=ACCOUNT_HISTORY_ACTIONS)
        .select_related("user")
        .order_by("-at", "-pk")[:limit]
    )
    entries = []
    for e in events:
        field = ACCOUNT_HISTORY_ACTIONS[e.action]
        value = e.detail or None
        change = Change(field, value, None) if e.action in _REMOVALS else Change(field, None, value)
        entries.append(HistoryEntry(e.at, e.get_action_display(), e.user, [change]))
    return entries


def merged_history(*histories: list[HistoryEntry], limit: int = 50) -> list[HistoryEntry]:
    """Several histories of one person in one list, the latest first."""
    entries = [entry for history in histories for entry in history]
    return sorted(entries, key=lambda entry: entry.at, reverse=True)[:limit]


def last_change(obj) -> HistoryEntry | None:
    """Who saved ``obj`` last and when, named on the conflict page of an edit form: the latest event
    even when it moved only rows beside the object (an order's items bump its ``updated_at``)."""
    event = pghistory.models.Events.objects.tracks(obj).order_by("-pgh_created_at", "-pgh_id").first()
    if event is None:
        return None
    user_id = (event.pgh_context or {}).get("user")
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    return HistoryEntry(event.pgh_created_at, "изменение", user, [])
