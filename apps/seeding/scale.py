"""seed_scale: the region built by the scale steps of every app, in the order of ``SCALE_ORDER``; and
its removal."""

import time

import pgtrigger
from django.db import connection, transaction

from apps.accounts.models import User
from apps.core.scale import (
    SCALE_REGION_NAME,
    USER_PREFIX,
    ScaleContext,
    ScaleExists,
    history_trigger_uris,
    purge,
)
from apps.core.seeding import in_order, scale_steps
from apps.organizations.models import Region
from apps.organizations.scale import scale_region_exists

from .order import SCALE_ORDER


def build(ctx: ScaleContext) -> dict[str, int]:
    """Run every scale step on ``ctx`` in one transaction; the counts of what they wrote."""
    steps = in_order(scale_steps, SCALE_ORDER)
    if scale_region_exists():
        raise ScaleExists(SCALE_REGION_NAME)
    # The history triggers cost a row-by-row INSERT per tracked row, and that cost grows with the
    # rows already written in the transaction (30k people took minutes). They are bypassed for
    # this transaction only (pgtrigger.ignore, by name) and the «insert» events are then written
    # set-based from the final rows, under one context (the step core.history), so every seeded row
    # still has its event. The integrity triggers (signed orders) stay active.
    history = history_trigger_uris()
    with transaction.atomic(), pgtrigger.ignore(*history):
        started = time.monotonic()
        for step in steps:
            step(ctx)
            if step.label:  # a step without a label is timed with the next one
                elapsed = time.monotonic() - started
                ctx.timings.append((step.label, elapsed))
                ctx.log(f"  {step.label}: {elapsed:.1f} с")
                started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return ctx.counts


@transaction.atomic
def reset_scale() -> None:
    """Remove the scale region with everything under it and the scale_ users. Triggers (signed
    orders, history) are ignored for this one transaction only: the data goes as a whole."""
    tables = set(connection.introspection.table_names())
    counter = [0]
    with pgtrigger.ignore(), connection.cursor() as cursor:
        purge(
            cursor,
            Region,
            'SELECT id FROM "organizations_region" WHERE name = %s',
            [SCALE_REGION_NAME],
            tables,
            counter=counter,
        )
        purge(
            cursor,
            User,
            'SELECT id FROM "accounts_user" WHERE username LIKE %s',
            [USER_PREFIX.replace("_", "\\_") + "%"],
            tables,
            counter=counter,
        )
