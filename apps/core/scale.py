"""A whole region of data for benchmarks (``manage.py seed_scale``): what every app's scale step shares.

The steps — organisations, staff with consents, banks, pairs fixed by signed orders, programs with
roadmaps and logs, surveys — live in each app's ``scale.py`` and are registered on
``apps.core.seeding.scale_steps``; ``apps.seeding`` runs them in its order, on one ``ScaleContext``.

Everything is written with ``bulk_create`` or COPY inside one transaction, in the states the services
would have left (signed orders get their numbers by one UPDATE after their items and participants are
in, which is what the orders' immutability triggers accept). The same ``seed``, ``scale`` and ``today``
give the same data: every choice comes from one ``random.Random(seed)`` and fixed word lists.
"""

import io
import json
import math
import random
from collections import defaultdict
from datetime import date, datetime
from datetime import time as dtime
from functools import cache

import pgtrigger
from django.apps import apps as django_apps
from django.contrib.postgres.fields import ArrayField
from django.db import connection, models
from django.utils import timezone
from pghistory.models import Context as PghContext
from pghistory.trigger import Event as PghEvent

from apps.core import scale_data as words
from apps.core.demo import DEMO_PASSWORD
from apps.core.names import _decline

SCALE_REGION_NAME = "Северо-Обский автономный округ (нагрузочные данные)"
USER_PREFIX = "scale_"
PASSWORD = DEMO_PASSWORD
# The documented logins (README «Data at regional scale»); the rest are scale_oNNN_director,
# scale_oNNN_curator, scale_mNN_municipal and scale_pNNNNN for mentors and mentees.
DOCUMENTED_USERS = {
    "scale_admin": "суперпользователь",
    "scale_regional": "региональный оператор региона",
    "scale_municipal": "муниципальный координатор муниципалитета самой большой школы",
    "scale_director": "директор самой большой школы",
    "scale_curator": "куратор самой большой школы",
    "scale_mentor": "наставник самой большой школы (несколько пар, программы)",
    "scale_mentee": "наставляемый наставника scale_mentor",
}

# The region at scale 1.0 (issue 8).
BASE = {
    "municipalities": 20,
    "organizations": 500,
    "staff": 30_000,
    "mentees": 8_000,
    "mentors": 3_000,
    "groups": 6_000,
    "events": 90_000,
    "activities": 60_000,
    "responses": 40_000,
}
BATCH = 2000
COPY_CHUNK = 10_000  # rows per COPY statement: bounds the CSV held in memory


def history_trigger_uris() -> list[str]:
    """The pghistory triggers of every tracked model, as URIs for pgtrigger.ignore."""
    return [
        f"{model._meta.label}:{trigger.name}"
        for model, trigger in pgtrigger.registered()
        if isinstance(trigger, PghEvent)
    ]


def history_event_models() -> list[tuple[type[models.Model], type[models.Model]]]:
    """(tracked model, its event model) for every pghistory trigger that records inserts."""
    pairs = []
    for model, trigger in pgtrigger.registered():
        if isinstance(trigger, PghEvent) and trigger.operation == pgtrigger.Insert:
            pair = (model, trigger.event_model)
            if pair not in pairs:
                pairs.append(pair)
    return pairs


class ScaleExists(Exception):
    """The database already holds a scale region (run with --reset to rebuild it)."""


def targets(scale: float) -> dict[str, int]:
    """How many of each thing at a scale factor; small factors keep a working minimum."""
    n = {key: round(value * scale) for key, value in BASE.items()}
    n["organizations"] = max(2, n["organizations"])
    n["municipalities"] = max(2, min(n["organizations"], n["municipalities"], len(words.MUNICIPALITIES)))
    n["mentees"] = max(n["organizations"], n["mentees"])
    n["groups"] = max(n["organizations"], min(n["groups"], n["mentees"]))
    n["mentors"] = max(n["organizations"], n["mentors"])
    n["staff"] = max(
        n["staff"], n["organizations"] * 12, n["mentees"] + n["mentors"] + 2 * n["organizations"]
    )
    return n


def allocate(total: int, weights: list[float], mins: list[int] | None = None) -> list[int]:
    """Split ``total`` in proportion to ``weights`` (largest remainders), each part at least its min."""
    mins = mins or [0] * len(weights)
    rest = total - sum(mins)
    if rest < 0:
        raise ValueError("the minimums exceed the total")
    weight_sum = sum(weights) or 1
    exact = [rest * w / weight_sum for w in weights]
    parts = [math.floor(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (parts[i] - exact[i], i))
    for i in by_remainder[: rest - sum(parts)]:
        parts[i] += 1
    return [p + m for p, m in zip(parts, mins, strict=True)]


def feminine_surname(surname: str) -> str:
    if surname.endswith(words.INVARIANT_ENDINGS) or surname.endswith("ко"):
        return surname
    if surname.endswith("ский"):
        return surname[:-4] + "ская"
    if surname.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return surname + "а"
    return surname


@cache
def _part(part, gender, case, value: str) -> str:
    from apps.core.names import CASES

    return _decline(part, gender, CASES[case], value)


def decline(last: str, first: str, patronymic: str, sex: str, case: str) -> str:
    """decline_full_name with the parts cached: the word lists are small, the people are many."""
    from pytrovich.enums import Gender, NamePart

    gender = Gender.FEMALE if sex == "f" else Gender.MALE
    parts = [
        _part(NamePart.LASTNAME, gender, case, last),
        _part(NamePart.FIRSTNAME, gender, case, first),
        _part(NamePart.MIDDLENAME, gender, case, patronymic),
    ]
    return " ".join(p for p in parts if p)


def _array_literal(values) -> str:
    return "{" + ",".join('"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"' for v in values) + "}"


def _csv_value(field, value) -> str:
    """One value as a COPY CSV cell: NULL unquoted and empty, everything else quoted."""
    if value is None:
        return ""
    if isinstance(field, models.JSONField):
        text = json.dumps(value, cls=field.encoder, ensure_ascii=False)
    elif isinstance(field, ArrayField):
        text = _array_literal(value)
    elif isinstance(value, bool):
        text = "t" if value else "f"
    elif isinstance(value, models.Model):
        text = str(value.pk)
    elif isinstance(value, (date, datetime)):
        text = value.isoformat()
    else:
        text = str(value)
    return '"' + text.replace('"', '""') + '"'


class ScaleContext:
    """One run of seed_scale: the generator, the targets, the counts, and what the steps built so far.

    The steps keep what later steps use as attributes (``ctx.year``, ``ctx.orgs``, ``ctx.staffers``, …;
    each app's ``scale.py`` says what it sets and what it reads)."""

    def __init__(self, *, seed: int = 1, scale: float = 1.0, today: date | None = None, log=None):
        self.rng = random.Random(seed)
        self.seed, self.scale = seed, scale
        self.today = today or timezone.localdate()
        self.n = targets(scale)
        self.log = log or (lambda message: None)
        self.counts: dict[str, int] = {}
        self.timings: list[tuple[str, float]] = []
        self.created: dict[type[models.Model], list[int]] = defaultdict(list)
        self.tracked = {model for model, _ in history_event_models()}
        # Usernames a step chooses for people an earlier step generated, by ``id()`` of the person (the
        # documented logins scale_mentor and scale_mentee are chosen when the pairs are planned).
        self.usernames: dict[int, str] = {}

    def bulk(self, model, objs, key: str | None = None):
        objs = list(objs)
        model.objects.bulk_create(objs, batch_size=BATCH)
        if model in self.tracked:
            self.created[model].extend(o.pk for o in objs)
        if key:
            self.counts[key] = self.counts.get(key, 0) + len(objs)
        return objs

    def copy(self, model, objs, key: str | None = None):
        """Insert with COPY (a few times faster than INSERT for the big tables). Ids are taken from
        the table's sequence first, so the objects know them as after bulk_create; row triggers
        (history, the signed-order guards) fire as for INSERT, and FK ids of related objects saved
        earlier are filled the way bulk_create fills them."""
        objs = list(objs)
        if key:
            self.counts[key] = self.counts.get(key, 0) + len(objs)
        if not objs:
            return objs
        meta = model._meta
        table, pk = meta.db_table, meta.pk
        fields = [f for f in meta.concrete_fields if not f.generated]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk.column, len(objs)],
            )
            for obj, (pk_value,) in zip(objs, cursor.fetchall(), strict=True):
                obj.pk = pk_value
            columns = ", ".join(f'"{f.column}"' for f in fields)
            for start in range(0, len(objs), COPY_CHUNK):
                lines = []
                for obj in objs[start : start + COPY_CHUNK]:
                    obj._prepare_related_fields_for_save(operation_name="bulk_create")
                    obj._state.adding, obj._state.db = False, connection.alias
                    lines.append(",".join(_csv_value(f, f.pre_save(obj, True)) for f in fields))
                buffer = io.StringIO("\n".join(lines) + "\n")
                cursor.cursor.copy_expert(f'COPY "{table}" ({columns}) FROM STDIN WITH (FORMAT csv)', buffer)
        if model in self.tracked:  # the ids the history backfill needs
            self.created[model].extend(o.pk for o in objs)
        return objs

    def aware(self, day: date, hour: int = 10) -> datetime:
        return timezone.make_aware(datetime.combine(day, dtime(hour, self.rng.randrange(60))))

    def name(self, sex: str) -> tuple[str, str, str]:
        rng = self.rng
        surname = rng.choice(words.SURNAMES)
        if sex == "f":
            return feminine_surname(surname), rng.choice(words.FEMALE_NAMES), rng.choice(words.PATRONYMICS)[1]
        return surname, rng.choice(words.MALE_NAMES), rng.choice(words.PATRONYMICS)[0]


def backfill_history(ctx: ScaleContext) -> None:
    """One «insert» event per seeded row of every tracked model, from the row as it is now."""
    context = PghContext.objects.create(
        metadata={"source": "seed_scale", "seed": ctx.seed, "scale": ctx.scale}
    )
    events = 0
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for model, event_model in history_event_models():
            ids = ctx.created.get(model)
            if not ids or event_model._meta.db_table not in tables:
                continue
            columns = {f.column for f in model._meta.concrete_fields if not f.generated}
            copied = [
                f.column
                for f in event_model._meta.concrete_fields
                if not f.name.startswith("pgh_") and f.column in columns
            ]
            names = ", ".join(f'"{c}"' for c in copied)
            cursor.execute(
                f'INSERT INTO "{event_model._meta.db_table}" '
                f'({names}, "pgh_created_at", "pgh_label", "pgh_obj_id", "pgh_context_id") '
                f"SELECT {names}, NOW(), 'insert', \"{model._meta.pk.column}\", %s "
                f'FROM "{model._meta.db_table}" WHERE "{model._meta.pk.column}" = ANY(%s)',
                [context.pk, ids],
            )
            events += cursor.rowcount
    ctx.counts["history_events"] = events


# -- reset -------------------------------------------------------------------------------------------


def _related(model, tables: set[str]):
    """(child model, fk column, on_delete, nullable) of every foreign key, many-to-many link tables
    included, that points at ``model`` from a table that exists in the database."""
    for child in django_apps.get_models(include_auto_created=True):
        if child._meta.proxy or not child._meta.managed or child._meta.db_table not in tables:
            continue
        for field in child._meta.concrete_fields:
            if field.is_relation and field.related_model is model:
                yield child, field.column, field.remote_field.on_delete, field.null


def purge(
    cursor, model, id_sql: str, params: list, tables: set[str], stack: tuple = (), counter=None
) -> None:
    """Delete the rows of ``model`` whose id is in ``id_sql`` and, first, every row that points at
    them (SET_NULL references are nulled). Ids go through temporary tables to keep the SQL flat."""
    counter = counter if counter is not None else [0]
    counter[0] += 1
    table = f"_scale_del_{counter[0]}"
    cursor.execute(f"CREATE TEMP TABLE {table} ON COMMIT DROP AS {id_sql}", params)
    cursor.execute(f"CREATE INDEX ON {table} (id)")
    cursor.execute(f"SELECT count(*) FROM {table}")
    if not cursor.fetchone()[0]:
        cursor.execute(f"DROP TABLE {table}")
        return
    db_table = model._meta.db_table
    for child, column, on_delete, nullable in _related(model, tables):
        child_table = child._meta.db_table
        if on_delete == models.SET_NULL or (child in (*stack, model) and nullable):
            cursor.execute(
                f'UPDATE "{child_table}" SET "{column}" = NULL WHERE "{column}" IN (SELECT id FROM {table})'
            )
            continue
        if child in (*stack, model):
            continue
        pk = child._meta.pk.column
        purge(
            cursor,
            child,
            f'SELECT "{pk}" AS id FROM "{child_table}" WHERE "{column}" IN (SELECT id FROM {table})',
            [],
            tables,
            (*stack, model),
            counter,
        )
    cursor.execute(f'DELETE FROM "{db_table}" WHERE "{model._meta.pk.column}" IN (SELECT id FROM {table})')
    cursor.execute(f"DROP TABLE {table}")
