"""Walk the URL configuration and build the keyword arguments of each URL name from the world."""

from django.urls import URLPattern, URLResolver, get_resolver

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
