"""The menu of sections, rendered once per set of roles and kept in the cache alias ``fragments``.

``components/_nav_sections.html`` asks about twenty ``rules`` permissions and reverses as many URLs on every
page: a few per cent of a page's CPU time under load (docs/performance.md «Throughput»). Its output depends
only on what the key holds: the user's active memberships (role and scope of each), whether the user is a
superuser, and the active organisation with its municipality (the coordinators' predicates); plus the
template's own text, so a changed template never meets an old menu. Staff accounts, whose Django permissions
come from groups the key does not carry, get theirs made afresh. A role granted or revoked, or
another organisation chosen, gives another key: the menu changes on the next page, with nothing to clear.
The permissions it asks must stay questions of roles alone (``apps/accounts/rules.py``); a test renders
the menu of every role afresh and from the cache and compares them (tests/accounts/test_navigation.py).
"""

import hashlib
from functools import cache

from django import template
from django.core.cache import caches
from django.utils.safestring import mark_safe

register = template.Library()

NAV_TEMPLATE = "components/_nav_sections.html"


@cache
def _template_digest(engine, name: str) -> str:
    """The template's source, hashed once per process (a deploy restarts the processes)."""
    source = engine.get_template(name).source
    return hashlib.sha256(source.encode()).hexdigest()[:16]


def nav_key(user, organization, engine) -> str:
    memberships = sorted(
        (m.role, m.organization_id or 0, m.municipality_id or 0, m.region_id or 0)
        for m in getattr(user, "active_memberships", [])
    )
    # The municipality decides the coordinators' predicates; its region is kept with it (a municipality
    # does not move to another region), so no query for it.
    scope = (organization.pk, organization.municipality_id) if organization is not None else None
    parts = repr((user.is_active, user.is_superuser, memberships, scope))
    digest = hashlib.sha256(parts.encode()).hexdigest()
    return f"nav:{_template_digest(engine, NAV_TEMPLATE)}:{digest}"


@register.simple_tag(takes_context=True)
def nav_sections(context):
    """``components/_nav_sections.html`` in the current context, from the cache when this menu was made."""
    engine = context.template.engine
    user = context["user"]
    if user.is_staff:
        # Staff may hold Django's model permissions through groups (apps/accounts/backends.py), which
        # the key does not carry: the few staff accounts get their menu made afresh.
        with context.push():
            return mark_safe(engine.get_template(NAV_TEMPLATE).render(context))
    key = nav_key(user, context.get("active_organization"), engine)
    fragments = caches["fragments"]
    html = fragments.get(key)
    if html is None:
        with context.push():
            html = engine.get_template(NAV_TEMPLATE).render(context)
        fragments.set(key, html)
    return mark_safe(html)  # our own template's output, escaped when it was rendered
