"""The journal of role changes, one-time sign-in codes and sign-ins through the identity provider, fed by
the signals of ``apps.accounts``."""

from .models import AccessEvent
from .services import audit_record


def record_role_change(sender, *, membership, granted: bool, by, **kwargs) -> None:
    audit_record(
        request_or_user=by,
        action=AccessEvent.Action.GRANT if granted else AccessEvent.Action.REVOKE,
        obj=membership,
        organization=membership.organization,
        target_user=membership.user,
        target_role=membership.role,
    )


def record_sign_in_code(sender, *, code, action: str, by, **kwargs) -> None:
    audit_record(
        request_or_user=by,
        action=AccessEvent.Action.CODE_ISSUE if action == "issue" else AccessEvent.Action.CODE_SIGN_IN,
        obj=code,
        organization=code.organization,
        target_user=code.user,
    )


_SSO_ACTIONS = {
    "link": AccessEvent.Action.SSO_LINK,
    "unlink": AccessEvent.Action.SSO_UNLINK,
    "invite": AccessEvent.Action.SSO_INVITE,
    "sign_in": AccessEvent.Action.SSO_SIGN_IN,
    "refuse": AccessEvent.Action.SSO_REFUSED,
}


def record_external_identity(sender, *, action: str, identity, user, by, organization, **kwargs) -> None:
    """The identity's row id at most: never the provider's identifier of the person."""
    audit_record(
        request_or_user=by,
        action=_SSO_ACTIONS[action],
        obj=identity,
        object_type="" if identity is not None else "accounts.externalidentity",
        organization=organization,
        target_user=user,
    )
