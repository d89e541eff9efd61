"""Workflows: a model's ``status`` moves only along the table of allowed transitions declared beside it.

A model with a ``Status`` (TextChoices) and a ``status`` field declares the table as a class attribute
and takes the checks from the mixin; each service (one per arrow) asks the table, not the status::

    class Order(WorkflowMixin, TimeStampedModel):
        Status = OrderStatus
        TRANSITIONS = {
            Status.DRAFT: {Status.AWAITING_SIGNATURE},
            Status.AWAITING_SIGNATURE: {Status.SIGNED, Status.DRAFT},
            Status.SIGNED: set(),
        }

    # services.py
    order.require_move(Order.Status.SIGNED, "Подписать можно только приказ, направленный на подпись.")

The table is checked when the class is created: every status has a row (a final status an empty one)
and names only statuses of ``Status``, so a status added later cannot be forgotten in the table.
"""

from collections.abc import Collection, Mapping
from typing import Any, ClassVar

from .exceptions import DomainError


class WorkflowMixin:
    """The transition checks of a model with a ``status`` field and a ``TRANSITIONS`` table
    {status: the statuses it may move to}."""

    TRANSITIONS: ClassVar[Mapping[str, Collection[str]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "TRANSITIONS" in cls.__dict__:
            check_table(cls.TRANSITIONS, getattr(cls, "Status", None), owner=cls.__name__)

    @classmethod
    def moves(cls) -> set[tuple[str, str]]:
        """Every allowed (from, to) pair of the table."""
        return {
            (str(source), str(target)) for source, targets in cls.TRANSITIONS.items() for target in targets
        }

    def allowed_next(self) -> frozenset[str]:
        """The statuses this object may move to from its current one."""
        return frozenset(self.TRANSITIONS.get(self.status, ()))

    def can_move_to(self, status: str) -> bool:
        return status in self.allowed_next()

    def require_move(self, status: str, message: str) -> None:
        """Refuse a move the table does not allow: ``DomainError`` with the service's Russian message."""
        if not self.can_move_to(status):
            raise DomainError(message)


def check_table(table: Mapping[str, Collection[str]], statuses: Any, *, owner: str = "") -> None:
    """Raise ``TypeError`` when ``table`` misses a status of ``statuses`` (a TextChoices class) or
    names something that is not one of them."""
    if statuses is None:
        raise TypeError(f"{owner}: a workflow table needs the model's Status choices beside it.")
    known = set(statuses.values)
    named = set(table) | {target for targets in table.values() for target in targets}
    unknown = sorted(str(value) for value in named - known)
    missing = sorted(known - {str(source) for source in table})
    if unknown:
        raise TypeError(f"{owner}: the transition table names unknown statuses {unknown}.")
    if missing:
        raise TypeError(
            f"{owner}: the transition table has no row for {missing} (a final status: an empty set)."
        )
