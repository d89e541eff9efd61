"""``manage.py check`` refuses a step registered but missing from the order, or the other way round."""

from django.core import checks

from apps.core.seeding import demo_steps, order_problems, scale_steps

from .order import DEMO_ORDER, SCALE_ORDER

ERROR_ID = "seeding.E001"


def check_step_order(app_configs=None, **kwargs) -> list[checks.Error]:
    return [
        checks.Error(
            problem, hint="apps/seeding/order.py lists the steps in the order they run.", id="seeding.E001"
        )
        for hook, order in ((demo_steps, DEMO_ORDER), (scale_steps, SCALE_ORDER))
        for problem in order_problems(hook, order)
    ]
