"""Hooks of the order pages for the apps above (apps/core/hooks.py, apps/core/panels.py). What happens
when an order is signed is the other registry, ``apps/orders/effects.py``."""

from apps.core.hooks import Hook

# Panels of an order's page (orders/order_detail.html, left column, after «Чего не хватает»): each
# callable gets ``(request, order)`` and returns a (template name, context), a rendered fragment or
# None. The territory app adds the Regulation an order «Об утверждении Положения…» approves.
order_panels = Hook("orders.order_panels")
