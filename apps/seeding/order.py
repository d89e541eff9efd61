"""The order of the steps every app registers (``apps.core.seeding``): names, as registered.

The order is decided here, at the top, not by the order of INSTALLED_APPS: a step may need what a step
of a higher app built (the staff accounts need the documented mentor the pairs chose), and one random
generator runs through the whole scale build, so the order is part of the data it gives."""

DEMO_ORDER = [
    "organizations",
    "accounts",
    "staff",
    "partners",
    "banks",
    "orders",
    "pairs",
    "programs",
    "training",  # after the banks and the pairs: the approved mentors and the mentees still waiting
    "monitoring",
    "territory",
    "council",
    "allowances",  # after the pairs, their orders and logs: the curator's basis of the last month
    "risks",
    "public",
    "staff.access_journal",  # last: the curator and the director at work on the people of the school
]

SCALE_ORDER = [
    "organizations",
    "staff.people",  # planned, not saved: the banks and the pairs choose among them
    "banks.plan",
    "pairs.plan",  # chooses the documented mentor and mentee
    "accounts.users",
    "staff.users",
    "staff.save",
    "banks.save",
    "orders.plan",  # the Regulation and the curator's appointment of every organisation …
    "pairs.orders",  # … the pairs orders …
    "orders.save",  # … the amendments; all saved, numbered and signed
    "pairs.save",
    "programs",
    "programs.events",
    "programs.activities",
    "monitoring.surveys",
    "core.history",  # last: an «insert» event for every row the steps wrote
]
