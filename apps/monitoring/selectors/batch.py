"""Many aggregates in one round trip: each query is built unrun (``_one``), then fetched one by one
or together in a single SELECT (``_fetch_together``)."""

import json

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import (
    Count,
    QuerySet,
    Value,
)


def _r(value, digits: int = 1):
    return None if value is None else round(float(value), digits)


def _one(qs: QuerySet, **aggregates) -> QuerySet:
    """``qs.aggregate(...)`` as a query not yet run, for ``_fetch_together``. Grouped by a constant, it
    gives no row at all over no rows: the fetch functions then put in the row ``aggregate()`` would give
    (counts 0, the rest None)."""
    query = qs.order_by().values(_one=Value(1)).annotate(**aggregates).values(*aggregates)
    query._empty_row = {name: 0 if isinstance(agg, Count) else None for name, agg in aggregates.items()}
    return query


def _with_empty_row(qs: QuerySet, rows: list[dict]) -> list[dict]:
    empty_row = getattr(qs, "_empty_row", None)
    return [dict(empty_row)] if not rows and empty_row is not None else rows


def _fetch_each(queries: dict[str, QuerySet]) -> dict[str, list[dict]]:
    """Rows of each query, one query each."""
    return {name: _with_empty_row(qs, list(qs)) for name, qs in queries.items()}


def _fetch_together(queries: dict[str, QuerySet]) -> dict[str, list[dict]]:
    """Rows of each query (``values()`` querysets), all in one round trip: each query becomes a JSON
    array of its rows in a single SELECT. Numbers arrive as int/float, dates as ISO strings."""
    parts, params = [], []
    for name, qs in queries.items():
        try:
            sql, query_params = qs.query.sql_with_params()
        except EmptyResultSet:  # a filter such as ``pk__in=[]``: no row, and no SQL to run
            parts.append(f"'[]'::json AS {connection.ops.quote_name(name)}")
            continue
        parts.append(
            f"(SELECT COALESCE(json_agg(t), '[]') FROM ({sql}) t) AS {connection.ops.quote_name(name)}"
        )
        params.extend(query_params)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = cursor.fetchone()
    return {
        name: _with_empty_row(qs, json.loads(v) if isinstance(v, str) else v)
        for (name, qs), v in zip(queries.items(), row, strict=True)
    }


def _prefixed(prefix: str, queries: dict[str, QuerySet]) -> dict[str, QuerySet]:
    return {f"{prefix}__{name}": qs for name, qs in queries.items()}


def _unprefixed(prefix: str, rows: dict[str, list]) -> dict[str, list]:
    return {name.removeprefix(f"{prefix}__"): v for name, v in rows.items() if name.startswith(f"{prefix}__")}
