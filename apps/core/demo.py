"""Demo data shared by seed_demo: one realistic school, its neighbours, and a user for every role.

Each app that has demo data adds a ``demo.py`` with ``seed(ctx: DemoContext)``; the command runs
them in the order of ``DEMO_STEPS``. Every step must be idempotent: running it twice changes nothing.
"""

from dataclasses import dataclass, field

DEMO_PASSWORD = "demo2026"

# Modules whose seed(ctx) builds demo data, in dependency order.
DEMO_STEPS = [
    "apps.organizations.demo",
    "apps.accounts.demo",
    "apps.staff.demo",
    "apps.banks.demo",
    "apps.orders.demo",
    "apps.pairs.demo",
    "apps.programs.demo",
    "apps.monitoring.demo",
    "apps.territory.demo",
    "apps.public.demo",
    "apps.audit.demo",
]


@dataclass
class DemoContext:
    """What earlier steps built, for later steps to use."""

    objects: dict = field(default_factory=dict)

    def __getitem__(self, key):
        return self.objects[key]

    def __setitem__(self, key, value):
        self.objects[key] = value
