"""The client's address, in one place (django-ipware may read it later, as django-axes does)."""

from django.conf import settings


def client_ip(request) -> str:
    """The address of the client that sent ``request`` ("" when unknown).

    Behind ``AXES_IPWARE_PROXY_COUNT`` reverse proxies (nginx: 1) ``REMOTE_ADDR`` is the proxy's own
    address, the same for everyone; the client is then the entry that the nearest of our proxies added
    to ``X-Forwarded-For`` — counted from the right, so addresses a client writes into the header itself
    are never taken.
    """
    count = getattr(settings, "AXES_IPWARE_PROXY_COUNT", 0) or 0
    if count:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "") or ""
