"""Reads about users and the scopes they may see, and the sign-in locks of accounts."""

from dataclasses import dataclass, field
from datetime import datetime

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from apps.organizations.models import Organization

from .models import Membership, Role, User
from .rules import is_admin


def organizations_of(user: User) -> QuerySet[Organization]:
    """Every organisation the user may see anything of: own ones, and those of their municipality or
    region for coordinators; all for the administrator."""
    qs = Organization.objects.select_related("municipality__region")
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if is_admin(user):
        return qs
    memberships = user.active_memberships
    org_ids = {m.organization_id for m in memberships if m.organization_id}
    muni_ids = {m.municipality_id for m in memberships if m.role == Role.MUNICIPAL}
    region_ids = {m.region_id for m in memberships if m.role == Role.REGIONAL}
    if not (org_ids or muni_ids or region_ids):
        return qs.none()
    # Only the conditions the user has: an empty «region in ()» still joined the municipalities in every
    # list's scope subquery (issue 18).
    scope = Q()
    if org_ids:
        scope |= Q(pk__in=org_ids)
    if muni_ids:
        scope |= Q(municipality_id__in=muni_ids)
    if region_ids:
        scope |= Q(municipality__region_id__in=region_ids)
    return qs.filter(scope)


def sees_organization(user: User, organization: Organization) -> bool:
    """True when ``organization`` is in ``organizations_of(user)`` by the user's own organisation or
    municipality (read from the memberships already loaded, no query); False means «ask
    ``organizations_of``». A list of one organisation then filters by it alone instead of compiling
    the scope's subquery each time (issue 18)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if is_admin(user):
        return True
    memberships = user.active_memberships
    return any(m.organization_id == organization.pk for m in memberships if m.organization_id) or any(
        m.municipality_id == organization.municipality_id for m in memberships if m.role == Role.MUNICIPAL
    )


def member_organizations(user: User) -> list[Organization]:
    """Organisations where the user works (holds an organisation role), in a stable order."""
    seen: dict[int, Organization] = {}
    for m in getattr(user, "active_memberships", []):
        if m.organization_id and m.organization_id not in seen:
            seen[m.organization_id] = m.organization
    return sorted(seen.values(), key=lambda o: o.short_name)


def memberships_of_organization(organization: Organization) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organization=organization, is_active=True)
        .select_related("user")
        .order_by("role", "user__last_name", "user__first_name")
    )


# Sign-in locks (django-axes keeps failures per username and client address) ------------------------


@dataclass
class LockedAccount:
    user: User
    addresses: list[str] = field(default_factory=list)
    last_failure: datetime | None = None

    @property
    def locked_until(self) -> datetime | None:
        return self.last_failure + settings.AXES_COOLOFF_TIME if self.last_failure else None


def _current_lockouts() -> QuerySet[AccessAttempt]:
    """Pairs (username, address) that may not sign in now: the limit reached within the cool-off."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return AccessAttempt.objects.filter(
        attempt_time__gte=since, failures_since_start__gte=settings.AXES_FAILURE_LIMIT
    )


def locked_accounts(*, organization: Organization | None) -> list[LockedAccount]:
    """Accounts locked out now from at least one address. ``organization``: only accounts with an active
    role in it (the director's list); None: every account (the portal administrator's list). Usernames
    that match no account (guesses) are left out. Two queries."""
    attempts = list(_current_lockouts().order_by("username", "-attempt_time"))
    users = User.objects.filter(username__in={a.username for a in attempts})
    if organization is not None:
        users = users.filter(
            Exists(Membership.objects.filter(user=OuterRef("pk"), organization=organization, is_active=True))
        )
    by_username = {u.username: LockedAccount(user=u) for u in users.order_by("last_name", "first_name", "pk")}
    for a in attempts:
        locked = by_username.get(a.username)
        if locked is None:
            continue
        if a.ip_address and a.ip_address not in locked.addresses:
            locked.addresses.append(a.ip_address)
        if locked.last_failure is None or a.attempt_time > locked.last_failure:
            locked.last_failure = a.attempt_time
    return list(by_username.values())


def locked_account_for(*, organization: Organization | None, pk) -> LockedAccount | None:
    """One account of ``locked_accounts`` by the user's id, or None (not locked, or out of scope)."""
    return next((a for a in locked_accounts(organization=organization) if str(a.user.pk) == str(pk)), None)


def failures_from_address(ip_address: str | None) -> int:
    """Failed sign-ins of every username from one client address within the cool-off."""
    if not ip_address:
        return 0
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    total = AccessAttempt.objects.filter(ip_address=ip_address, attempt_time__gte=since).aggregate(
        n=Sum("failures_since_start")
    )["n"]
    return total or 0
