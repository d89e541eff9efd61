"""Notifications about facts that other apps signal as they happen (not found by the daily run)."""

import uuid

from django.urls import reverse

from apps.accounts.models import Membership, Role

from .models import Notification
from .services import notify


def role_changed(sender, *, membership, granted: bool, by, **kwargs) -> None:
    """The school's director learns of every role granted or revoked in her school (she reads the
    details in the journal); the person learns of their own role. Not the one who did it."""
    user = membership.user
    role = Role(membership.role).label
    scope = f" ({membership.scope})"
    key = f"role-{'grant' if granted else 'revoke'}-{membership.pk}-{uuid.uuid4().hex[:12]}"
    by_name = by.get_short_name() if by is not None else "система"
    whom = user.get_short_name().removesuffix(".")
    if membership.organization_id is not None:
        directors = Membership.objects.filter(
            organization_id=membership.organization_id, role=Role.DIRECTOR, is_active=True
        ).exclude(user_id__in=[user.pk, getattr(by, "pk", None)])
        verb = "выдана" if granted else "снята"
        notify(
            directors.values_list("user_id", flat=True),
            kind=Notification.Kind.ROLE_CHANGE,
            text=f"Роль «{role}»{scope} {verb}: {whom}. Кем {verb}: {by_name}",
            url=reverse("audit:event-list") + ("?action=grant" if granted else "?action=revoke"),
            key=key,
        )
    if user.pk != getattr(by, "pk", None):
        notify(
            [user.pk],
            kind=Notification.Kind.ROLE_CHANGE,
            text=(f"Вам выдана роль «{role}»{scope}." if granted else f"С вас снята роль «{role}»{scope}.")
            + f" Кем {'выдана' if granted else 'снята'}: {by_name}",
            url=reverse("accounts:profile"),
            key=key,
        )
