"""Reads of the access journal, of the people with access to personal data, and of object history."""

from dataclasses import dataclass
from datetime import datetime

import pghistory.models
from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from apps.accounts.models import Membership, Role

from .models import AccessEvent

# Roles that reach personal data of the organisation's staff (the annex to the director's order).
PERSONAL_DATA_ROLES = (Role.DIRECTOR, Role.CURATOR, Role.COUNCIL, Role.PSYCHOLOGIST)


def access_events(*, organization) -> QuerySet[AccessEvent]:
    return AccessEvent.objects.filter(organization=organization).select_related("user").order_by("-at", "-pk")


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


def object_history(obj, *, limit: int = 50) -> list[HistoryEntry]:
    """pghistory events of ``obj``: when, who (from the middleware context), which fields changed."""
    events = list(pghistory.models.Events.objects.tracks(obj).order_by("-pgh_created_at", "-pgh_id")[:limit])
    user_ids = {e.pgh_context.get("user") for e in events if e.pgh_context and e.pgh_context.get("user")}
    users = get_user_model().objects.in_bulk(user_ids) if user_ids else {}
    names = {f.attname: str(f.verbose_name) for f in obj._meta.concrete_fields}
    names.update({f.name: str(f.verbose_name) for f in obj._meta.concrete_fields})
    entries = []
    for e in events:
        diff = e.pgh_diff or {}
        changes = [
            Change(names.get(key, key), values[0], values[1])
            for key, values in diff.items()
            if key not in ("updated_at", "modified", "created_at", "search_name")
        ]
        user = users.get((e.pgh_context or {}).get("user"))
        label = {"insert": "создание", "update": "изменение", "delete": "удаление"}.get(
            e.pgh_label, e.pgh_label
        )
        entries.append(HistoryEntry(e.pgh_created_at, label, user, changes))
    return entries


def last_change(obj) -> HistoryEntry | None:
    """Who saved ``obj`` last and when: named on the conflict page of an edit form."""
    history = object_history(obj, limit=1)
    return history[0] if history else None
