"""What other apps attach to an order kind: extra blockers before signing and effects of signing.

The pairs app, for example, registers for ``Order.Kind.PAIRS`` a blocker «no consent to
additional duties» and an ``on_sign`` that makes the pairs active, in its ``AppConfig.ready()``:

    from apps.orders import effects
    effects.register(Order.Kind.PAIRS, blockers=pair_order_blockers, on_sign=activate_pairs)

``on_sign`` runs inside the signing transaction: if it raises, the order stays unsigned.
"""

from collections import defaultdict
from collections.abc import Callable

Blocker = Callable[["Order"], list[str]]  # noqa: F821
OnSign = Callable[["Order"], None]  # noqa: F821

_blockers: dict[str, list[Blocker]] = defaultdict(list)
_on_sign: dict[str, list[OnSign]] = defaultdict(list)


def register(kind: str, *, blockers: Blocker | None = None, on_sign: OnSign | None = None) -> None:
    """Attach callbacks to an order kind. Registering the same function twice has no effect."""
    kind = str(kind)
    if blockers is not None and blockers not in _blockers[kind]:
        _blockers[kind].append(blockers)
    if on_sign is not None and on_sign not in _on_sign[kind]:
        _on_sign[kind].append(on_sign)


def unregister(kind: str, *, blockers: Blocker | None = None, on_sign: OnSign | None = None) -> None:
    """For tests that register temporary callbacks."""
    kind = str(kind)
    if blockers in _blockers[kind]:
        _blockers[kind].remove(blockers)
    if on_sign in _on_sign[kind]:
        _on_sign[kind].remove(on_sign)


def blockers_for(kind: str) -> list[Blocker]:
    return list(_blockers[str(kind)])


def on_sign_for(kind: str) -> list[OnSign]:
    return list(_on_sign[str(kind)])
