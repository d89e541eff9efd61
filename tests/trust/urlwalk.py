"""Walk the URL configuration and build the keyword arguments of each URL name from the world."""

from django.urls import URLPattern, URLResolver, get_resolver, reverse

SKIPPED_NAMESPACES = ("admin",)


def url_names() -> dict[str, list[str]]:
    """Every named URL of the portal (namespaced), with the names of its arguments."""
    found: dict[str, list[str]] = {}

    def walk(resolver, namespace: str) -> None:
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                ns = namespace
                if p.namespace:
                    ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
                if ns.split(":")[0] in SKIPPED_NAMESPACES:
                    continue
                walk(p, ns)
            elif isinstance(p, URLPattern) and p.name:
                name = f"{namespace}:{p.name}" if namespace else p.name
                found[name] = list(p.pattern.regex.groupindex)

    walk(get_resolver(), "")
    return found


def pages_of(role: str, world) -> list[tuple[str, str]]:
    """(URL name, URL) of every row of the permission matrix that ``role`` may open (GET answers 200), with the
    objects of ``school`` (``world.own``). Downloads are among them: the caller skips what is not HTML."""
    from tests.trust.permission_matrix import MATRIX, kwargs_for

    names = url_names()
    return [
        (
            row.name,
            reverse(row.name, kwargs=kwargs_for(row.name, names[row.name], world.own, world, row.target)),
        )
        for row in MATRIX
        if row.expected()[role] == "200"
    ]
