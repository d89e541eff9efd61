"""The journal of role changes and one-time sign-in codes, fed by the signals of ``apps.accounts``."""

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
