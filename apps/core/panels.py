"""Panels: parts of a lower app's page supplied by higher apps through a hook (apps/core/hooks.py).

The lower app declares the hook next to its page and renders whatever the higher apps plugged in::

    # apps/banks/hooks.py
    mentor_panels = Hook("banks.mentor_panels")
    # apps/banks/views.py
    "panels": render_panels(mentor_panels, request, entry)
    # templates/banks/mentor_detail.html
    {% for panel in panels %}{{ panel }}{% endfor %}

Each callable gets the request and the page's object and returns a ``(template name, context)`` pair, a
fragment already rendered (a SafeString, as ``render_to_string`` gives; a plain string is escaped), or
None when it has nothing to show on that page.
"""

from django.template.loader import render_to_string
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString

from .hooks import Hook


def render_panels(hook: Hook, request, *args, **kwargs) -> list[SafeString]:
    """The panels of ``hook`` for this page, in the order of registration; the empty ones left out."""
    panels = []
    for result in hook.call(request, *args, **kwargs):
        if result is None:
            continue
        if isinstance(result, tuple):
            template_name, context = result
            result = render_to_string(template_name, context, request=request)
        panels.append(conditional_escape(result))
    return panels
