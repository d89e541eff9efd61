"""Writing the access journal."""

from django.db import models, transaction

from apps.accounts.models import Role, User
from apps.accounts.services import lockouts_clear

from .models import AccessEvent


def _roles_in(user, organization) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    names = []
    for m in getattr(user, "active_memberships", []):
        in_scope = organization is None or m.organization_id in (None, organization.pk)
        if in_scope and (m.organization_id or m.role in (Role.ADMIN, Role.MUNICIPAL, Role.REGIONAL)):
            label = Role(m.role).label
            if label not in names:
                names.append(label)
    return ", ".join(names)


def audit_record(
    *,
    request_or_user,
    action: str,
    obj: models.Model | None = None,
    organization=None,
    object_type: str = "",
    object_id: str = "",
    url_name: str = "",
    target_user=None,
    target_role: str = "",
    detail: str = "",
) -> AccessEvent:
    """Record one access to personal data: who (and in which roles), what kind of object and its id,
    what was done. Never the values themselves."""
    user = getattr(request_or_user, "user", request_or_user)
    if not getattr(user, "is_authenticated", False):
        user = None
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        if organization is None:
            organization = getattr(obj, "organization", None)
    if not url_name and hasattr(request_or_user, "resolver_match") and request_or_user.resolver_match:
        url_name = request_or_user.resolver_match.view_name
    return AccessEvent.objects.create(
        user=user,
        role=_roles_in(user, organization),
        organization=organization,
        action=AccessEvent.Action(action),
        object_type=object_type,
        object_id=object_id,
        url_name=url_name,
        target_user=target_user,
        target_role=target_role,
        detail=detail,
    )


def audit_record_many(
    *, request_or_user, action: str, objects: list[models.Model], organization, url_name: str = ""
) -> list[AccessEvent]:
    """``audit_record`` for many objects of one action at once (an import that changes a whole list),
    in one INSERT per batch."""
    user = getattr(request_or_user, "user", request_or_user)
    if not getattr(user, "is_authenticated", False):
        user = None
    if not url_name and hasattr(request_or_user, "resolver_match") and request_or_user.resolver_match:
        url_name = request_or_user.resolver_match.view_name
    role = _roles_in(user, organization)
    return AccessEvent.objects.bulk_create(
        [
            AccessEvent(
                user=user,
                role=role,
                organization=organization,
                action=AccessEvent.Action(action),
                object_type=obj._meta.label_lower,
                object_id=str(obj.pk),
                url_name=url_name,
            )
            for obj in objects
        ],
        batch_size=1000,
    )


@transaction.atomic
def account_unlock(*, request_or_user, account: User, organization=None) -> AccessEvent:
    """Lift the sign-in lock of ``account`` (every address) and journal who did it, for which
    organisation: a change of the account, no personal values."""
    lockouts_clear(username=account.get_username())
    return audit_record(
        request_or_user=request_or_user,
        action=AccessEvent.Action.CHANGE,
        obj=account,
        organization=organization,
    )
