"""The client's address of a request: one answer for the sign-in lockout and every other address check."""

from django.conf import settings
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme
from ipware import get_client_ip


def client_ip(request: HttpRequest) -> str | None:
    """The address of the client that sent ``request``, as far as the trusted proxies vouch for it.

    Behind ``TRUSTED_PROXY_COUNT`` reverse proxies (setting of env ``AXES_PROXY_COUNT``) the client is the
    X-Forwarded-For entry that many places from the right: each proxy appends the address it received
    the request from. Entries further left were sent by the client itself and are ignored (not strict:
    a forged prefix does not make the header unusable, which would put the forger on the proxy's
    address). Without proxies, or when the header is missing or shorter than the proxies, REMOTE_ADDR.
    axes uses this function (``AXES_CLIENT_IP_CALLABLE``), so a lock and any other per-address limit key
    on the same address."""
    remote = request.META.get("REMOTE_ADDR") or None
    if not settings.TRUSTED_PROXY_COUNT:
        return remote
    ip, _routable = get_client_ip(
        request,
        proxy_order="left-most",
        proxy_count=settings.AXES_IPWARE_PROXY_COUNT,
        request_header_order=settings.AXES_IPWARE_META_PRECEDENCE_ORDER,
        strict=False,
    )
    return ip or remote


def safe_next(request: HttpRequest, default: str) -> str:
    """The ``next`` address a form posted, when it stays on this site; ``default`` otherwise (no open
    redirect: a crafted ``next=https://evil.example`` leads back into the portal)."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return default
