"""Demo data shared by seed_demo: one realistic school, its neighbours, and a user for every role.

Each app that has demo data adds a ``demo.py`` with ``seed(ctx: DemoContext)`` and registers it as a
step of ``apps.core.seeding.demo_steps`` in its ``AppConfig.ready()``; ``seed_demo`` (``apps.seeding``)
runs the steps in its own order. Every step must be idempotent: running it twice changes nothing.
"""

from dataclasses import dataclass, field

DEMO_PASSWORD = "demo2026"


@dataclass
class DemoContext:
    """What earlier steps built, for later steps to use."""

    objects: dict = field(default_factory=dict)

    def __getitem__(self, key):
        return self.objects[key]

    def __setitem__(self, key, value):
        self.objects[key] = value
