"""Query expressions the lists share: ids looked up by index instead of a join over a whole table."""

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import BooleanField, F, Func, QuerySet


class _EqualsAny(Func):
    arg_joiner = " = ANY("
    template = "%(expressions)s)"
    output_field = BooleanField()


def in_ids(column: str, ids: QuerySet) -> Func:
    """``column = ANY(ARRAY(<ids>))``, a condition for ``filter()``: the subquery runs once and each of its
    ids is looked up by index.

    As ``column IN (<ids>)`` PostgreSQL planned the school's few hundred ids as a join and hash-joined
    them with a whole table of the region read in full (the subjects of a school's staff: all 36,838
    rows of ``staff_person_subjects`` read for 433; 5-20 ms at the scale of a region and growing with
    it; issue 18).
    """
    return _EqualsAny(F(column), ArraySubquery(ids))
