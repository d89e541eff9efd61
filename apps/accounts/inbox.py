"""«Ждут вашего решения»: what waits for the signed-in user, collected from the apps above accounts.

The dashboard lives here, below the apps that own the orders, banks, pairs, programs, surveys and
roadmaps, so it cannot ask them directly (STYLE.md «Layers»). Each of them registers a provider on
:data:`providers` in its ``AppConfig.ready()``::

    # apps/orders/apps.py, in ready()
    from apps.accounts.inbox import providers
    providers.register(inbox.provide)

A provider is called once per page with ``user``, ``organization`` (the active one, may be None) and
``roles`` (the user's roles there) and returns the :class:`InboxGroup` s it has for them, or nothing.
It is called once whatever the number of roles, so a person with two roles never sees an item twice;
a group's ``key`` is unique across providers, and the first group of a key wins.

Each group holds its count and its first few items, read in one query (:func:`first_with_total`), so
that the dashboard stays within its query budget whatever the number of items.
"""

from dataclasses import dataclass, field

from django.db.models import Count, QuerySet, Window

from apps.core.hooks import Hook

providers = Hook("accounts.inbox")

# Items listed under a group; the rest are behind the group's «все N» link.
LIMIT = 3
# A mentor's or mentee's inbox on a phone: the quick log must stay on the first screen (issue 14).
COMPACT_LIMIT = 2


@dataclass(frozen=True)
class InboxItem:
    label: str
    url: str
    note: str = ""  # «до 05.10.2026», «просрочено», the director's remark …
    title: str = ""  # the full text when the label is shortened (a tooltip)


@dataclass
class InboxGroup:
    key: str  # unique across providers: "orders.to_sign"
    title: str  # «Приказы на подпись»
    count: int
    items: list[InboxItem]
    noun: str  # a noun of apps.core.russian.NOUNS for «все 5 приказов»
    all_url: str = ""
    short_title: str = ""  # the phone's one-line form: «Приказы» for «Ознакомьтесь с приказами»
    icon: str = "inbox"
    order: int = 50  # smaller first
    extra: dict = field(default_factory=dict)

    @property
    def more(self) -> bool:
        return bool(self.all_url) and self.count > len(self.items)


def first_with_total(queryset: QuerySet, limit: int = LIMIT) -> tuple[list, int]:
    """The first ``limit`` rows of ``queryset`` and the number of all its rows, in one query (a window
    count is computed before LIMIT)."""
    rows = list(queryset.annotate(inbox_total=Window(Count("pk")))[:limit])
    return rows, (rows[0].inbox_total if rows else 0)


def collect(*, user, organization, roles, limit: int = LIMIT) -> list[InboxGroup]:
    """The groups of every provider that have something, in their order, each key once."""
    groups: dict[str, InboxGroup] = {}
    for result in providers.call(user=user, organization=organization, roles=frozenset(roles), limit=limit):
        for group in result or ():
            if group.count and group.key not in groups:
                groups[group.key] = group
    return sorted(groups.values(), key=lambda g: g.order)
