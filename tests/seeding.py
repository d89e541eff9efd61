"""Test data drawn from a seed: the same run seed and node id give the same people, in any order.

pytest-randomly shuffles the tests and reseeds ``random``, Faker and factory_boy before each test from
the run seed plus the CRC32 of the test's node id. Two things it leaves to us:

* factory_boy's sequence counters (usernames, e-mail addresses, birth dates) run on from whatever ran
  before on the same worker. :func:`reset_sequences` starts them afresh for every test, and at another
  base for data built once per module (``MODULE_BASE``), so that the two never produce the same
  username while a module's world and a test's own people live side by side.
* data built once per module (the permission matrix's world) would be drawn from the seed of whichever
  test of the module happened to run first: :func:`reseed` reseeds for the module's own node id.
"""

import random
import zlib

import factory
import factory.random
from faker.generator import random as faker_random

# Per-test data counts from 0; data built once per module from here. No test creates this many objects
# of one factory, and birth dates made from the counter stay plausible (base + 5,000 days ≈ 14 years).
MODULE_BASE = 5000


def _factories(root: type = factory.base.BaseFactory):
    for cls in root.__subclasses__():
        yield cls
        yield from _factories(cls)


def reset_sequences(value: int) -> None:
    """Start the sequence counter of every factory defined so far at ``value``."""
    for cls in set(_factories()):
        meta = getattr(cls, "_meta", None)
        if meta is None or meta.abstract or meta.counter_reference is not meta:
            continue
        cls.reset_sequence(value)


def data_seed(config, node_id: str) -> int | None:
    """The seed of ``node_id``'s data: the run seed plus the node id's CRC32, as pytest-randomly derives it."""
    run_seed = config.getoption("randomly_seed", default=None)
    if not isinstance(run_seed, int) or not config.getoption("randomly_reset_seed", default=False):
        return None
    return run_seed + zlib.crc32(node_id.encode())


def reseed(seed: int) -> None:
    """Reseed random, Faker and factory_boy (the generators pytest-randomly resets before each test)."""
    random.seed(seed)
    state = random.getstate()
    factory.random.set_random_state(state)
    faker_random.setstate(state)
