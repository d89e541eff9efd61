"""Demo and scale data are assembled at the top: every app registers its steps (apps.core.seeding), and
apps.seeding runs them in its own order, which must name exactly the registered steps."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from apps.core.hooks import Hook
from apps.core.seeding import Step, demo_steps, in_order, order_problems, scale_steps
from apps.seeding.checks import ERROR_ID, check_step_order
from apps.seeding.order import DEMO_ORDER, SCALE_ORDER


def _noop(ctx):
    pass


@pytest.mark.parametrize(("hook", "order"), [(demo_steps, DEMO_ORDER), (scale_steps, SCALE_ORDER)])
def test_the_order_of_the_seeding_app_covers_exactly_the_registered_steps(hook, order):
    assert sorted(step.name for step in hook) == sorted(order)
    assert order_problems(hook, order) == []
    assert [step.name for step in in_order(hook, order)] == order
    assert check_step_order() == []


def test_the_scale_log_ends_with_a_labelled_step():
    """A step without a label is timed with the next one: the last step must have one."""
    assert in_order(scale_steps, SCALE_ORDER)[-1].label


def test_every_app_with_data_contributes_its_own_steps():
    owners = {name.split(".")[0] for name in [*DEMO_ORDER, *SCALE_ORDER]}
    assert "audit" not in owners  # its demo journal needs people: a step of staff
    assert {"organizations", "accounts", "staff", "banks", "orders", "pairs", "programs"} <= owners


def test_a_registered_step_missing_from_the_order_is_refused():
    step = Step("test.unordered", _noop)
    demo_steps.register(step)
    try:
        with pytest.raises(ImproperlyConfigured, match=r"test\.unordered"):
            in_order(demo_steps, DEMO_ORDER)
        errors = check_step_order()
        assert [e.id for e in errors] == [ERROR_ID]
        assert "test.unordered" in errors[0].msg
        with pytest.raises(ImproperlyConfigured, match=r"test\.unordered"):
            call_command("seed_demo")
    finally:
        demo_steps.unregister(step)
    assert check_step_order() == []


def test_a_name_in_the_order_that_nobody_registered_is_refused():
    with pytest.raises(ImproperlyConfigured, match="nobody registered"):
        in_order(scale_steps, [*SCALE_ORDER, "test.ghost"])


def test_a_name_registered_twice_or_twice_in_the_order_is_refused():
    hook = Hook("test.steps")
    hook.register(Step("a", _noop))
    hook.register(Step("b", _noop))
    assert in_order(hook, ["b", "a"]) == [Step("b", _noop), Step("a", _noop)]
    with pytest.raises(ImproperlyConfigured, match="twice in the order"):
        in_order(hook, ["a", "b", "a"])
    hook.register(Step("a", lambda ctx: None))
    with pytest.raises(ImproperlyConfigured, match="registered twice"):
        in_order(hook, ["a", "b"])


def test_a_step_registered_again_has_no_effect():
    hook = Hook("test.again")
    hook.register(Step("a", _noop, label="первый"))
    hook.register(Step("a", _noop, label="первый"))
    assert len(hook) == 1
