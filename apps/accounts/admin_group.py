"""The Django admin group of the portal administrator.

The portal administrator (role ADMIN) is a technical role: organisations, accounts and roles, and
failed letters. He reads no personal data of a school (README «Security and data protection»), so he
is not a superuser: a superuser passes every permission check of Django, ours included. His staff
account gets this group instead, which opens exactly those models in ``/admin/``.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

GROUP_NAME = "Администраторы портала"

# app label → models whose admin pages the portal administrator may use.
MODELS = {
    "organizations": ["region", "municipality", "organization", "academicyear"],
    "accounts": ["user", "membership"],
    "notifications": ["emaildelivery"],
    "core": ["calendarday"],
}
# Models he may only look at: the current sign-in failures and locks (/admin/axes/). He lifts a lock on
# the portal's page «Заблокированный вход» (audit:lockout-list), which journals it; a deletion here would not.
VIEW_ONLY = {"axes": ["accessattempt"], "accounts": ["identityinvitation"]}
# Models he may look at and delete: a sign-in through the identity provider linked to an account, which he
# unlinks (apps/accounts/admin.py ExternalIdentityAdmin, journaled); nobody adds or edits one there.
VIEW_AND_DELETE = {"accounts": ["externalidentity"]}


def ensure_portal_admin_group(**kwargs) -> Group:
    """Create the group and give it every permission of ``MODELS`` that exists by now. Connected to
    ``post_migrate`` of every app (permissions of later apps appear as their migrations finish), so it is
    safe to run any number of times."""
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    wanted = Q()
    for app_label, models in MODELS.items():
        wanted |= Q(content_type__app_label=app_label, content_type__model__in=models)
    for app_label, models in VIEW_ONLY.items():
        wanted |= Q(
            content_type__app_label=app_label,
            content_type__model__in=models,
            codename__in=[f"view_{m}" for m in models],
        )
    for app_label, models in VIEW_AND_DELETE.items():
        wanted |= Q(
            content_type__app_label=app_label,
            content_type__model__in=models,
            codename__in=[f"{action}_{m}" for m in models for action in ("view", "delete")],
        )
    group.permissions.add(*Permission.objects.filter(wanted))
    return group
