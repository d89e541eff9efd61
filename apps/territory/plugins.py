"""What the territory app plugs into the hooks of the apps below it (apps/core/hooks.py): the panels of
their pages (apps/core/panels.py) and the regional base of mentors for a distance pair."""

from apps.banks.hooks import mentor_panels
from apps.orders.hooks import order_panels
from apps.orders.models import Order
from apps.pairs.hooks import distance_mentors

from . import selectors


def mentor_awards_panel(request, entry):
    """The mentor's letters of thanks and diplomas on the bank card, with «Поощрить» and the portfolio."""
    return (
        "territory/_mentor_awards_panel.html",
        {"entry": entry, "awards": selectors.awards_of_person(person=entry.person)},
    )


def order_regulation_panel(request, order):
    """On an order «Об утверждении Положения…»: the Regulation edition it approves, if any."""
    if order.kind != Order.Kind.REGULATION:
        return None
    regulation = selectors.regulation_of_order(order=order)
    if regulation is None:
        return None
    return "territory/_order_regulation_panel.html", {"order": order, "regulation": regulation}


def register() -> None:
    """Called from ``TerritoryConfig.ready()``."""
    mentor_panels.register(mentor_awards_panel)
    order_panels.register(order_regulation_panel)
    distance_mentors.register(selectors.regional_mentors)
