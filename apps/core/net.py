"""The client's address, in one place (to be read through django-ipware behind a proxy)."""


def client_ip(request) -> str:
    """The address of the client that sent ``request`` ("" when unknown)."""
    return request.META.get("REMOTE_ADDR", "") or ""
