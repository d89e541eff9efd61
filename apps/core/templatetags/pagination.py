"""``{{ page_obj|page_links }}``: the page numbers a list's pagination shows, without walking every page.

The pagination partial looped over ``paginator.page_range`` and tested each number: a list of 5,000
organisations in pages of 25 ran 200 iterations of three ``{% if %}`` a request, more than the page's own
rows (issue 18: the territory and monitoring lists of a region ten times larger). The numbers shown are the
same: the first and the last page, two on each side of the current one, an ellipsis three away.
"""

from django import template

register = template.Library()

LINK, CURRENT, GAP = "link", "current", "gap"


@register.filter
def page_links(page_obj) -> list[tuple[int, str]]:
    """``(number, kind)`` of each item between «previous» and «next»: ``current``, ``link`` or ``gap``
    (the ellipsis)."""
    current, last = page_obj.number, page_obj.paginator.num_pages
    numbers = {1, last, *range(max(1, current - 3), min(last, current + 3) + 1)}
    items = []
    for number in sorted(numbers):
        if number == current:
            items.append((number, CURRENT))
        elif abs(number - current) <= 2 or number in (1, last):
            items.append((number, LINK))
        else:
            items.append((number, GAP))
    return items
