"""Demo and scale data, assembled at the top: each app contributes named steps, ``apps.seeding`` runs them.

An app registers its steps in its ``AppConfig.ready()``::

    from apps.core.seeding import Step, demo_steps, scale_steps
    demo_steps.register(Step("banks", demo.seed))
    scale_steps.register(Step("banks.save", scale.save_banks, label="банки"))

A demo step takes a ``apps.core.demo.DemoContext``, a scale step a ``apps.core.scale.ScaleContext``.
The order is not the order of registration: ``apps.seeding.order`` lists the names of the steps, and
``in_order`` refuses a registered step missing from that list, a name in it that nobody registered, or
a name registered twice.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from .hooks import Hook


@dataclass(frozen=True)
class Step:
    """One app's contribution to the demo or the scale data.

    ``label`` is the line of the progress log of ``seed_scale`` (``"банки: 0.1 с"``); a step without
    one is timed together with the next step that has one."""

    name: str
    func: Callable[[Any], None]
    label: str = ""

    def __call__(self, ctx) -> None:
        self.func(ctx)


demo_steps = Hook("core.demo_steps")
scale_steps = Hook("core.scale_steps")


def order_problems(hook: Hook, order: Iterable[str]) -> list[str]:
    """What does not match between the steps registered on ``hook`` and the names of ``order``."""
    order = list(order)
    registered = [step.name for step in hook]
    problems = []
    for name in sorted({n for n in registered if registered.count(n) > 1}):
        problems.append(f"{hook.name}: the step {name!r} is registered twice")
    for name in sorted({n for n in order if order.count(n) > 1}):
        problems.append(f"{hook.name}: the step {name!r} is twice in the order")
    for name in registered:
        if name not in order:
            problems.append(f"{hook.name}: the step {name!r} is registered but not in the order")
    for name in order:
        if name not in registered:
            problems.append(f"{hook.name}: the step {name!r} is in the order but nobody registered it")
    return problems


def in_order(hook: Hook, order: Iterable[str]) -> list[Step]:
    """The steps registered on ``hook`` in the order of ``order``; ImproperlyConfigured if they differ."""
    order = list(order)
    if problems := order_problems(hook, order):
        raise ImproperlyConfigured("; ".join(problems))
    steps = {step.name: step for step in hook}
    return [steps[name] for name in order]
