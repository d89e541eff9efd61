"""The pagination partial shows the same page numbers as when it walked every page (issue 18), whatever
the number of pages and the current one, and does not grow with the number of pages."""

import re

import pytest
from django.core.paginator import Paginator
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import RequestFactory

from apps.core.templatetags.pagination import page_links

# The loop of the partial before issue 18, over every page of the list.
BEFORE = Template(
    """{% for num in page_obj.paginator.page_range %}
      {% if num == page_obj.number %}<li class="active">{{ num }}</li>
      {% elif num > page_obj.number|add:'-3' and num < page_obj.number|add:'3' or num == 1 or num == page_obj.paginator.num_pages %}<li>{{ num }}</li>
      {% elif num == page_obj.number|add:'-3' or num == page_obj.number|add:'3' %}<li>…</li>
      {% endif %}{% endfor %}"""
)


def _items_before(page_obj) -> list[str]:
    return re.findall(r"<li[^>]*>[^<]*</li>", BEFORE.render(Context({"page_obj": page_obj})))


def _items_now(page_obj) -> list[str]:
    shown = {"current": '<li class="active">{}</li>', "link": "<li>{}</li>", "gap": "<li>…</li>"}
    return [shown[kind].format(number) for number, kind in page_links(page_obj)]


@pytest.mark.parametrize("pages", [1, 2, 3, 5, 6, 7, 8, 9, 12, 40])
def test_the_numbers_shown_are_those_of_the_loop_over_every_page(pages):
    paginator = Paginator(range(pages * 25), 25)
    for number in paginator.page_range:
        page_obj = paginator.page(number)
        assert _items_now(page_obj) == _items_before(page_obj), (pages, number)


def test_the_partial_renders_the_links_with_the_list_s_filters():
    paginator = Paginator(range(5000), 25)
    request = RequestFactory().get("/territory/", {"kind": "school", "page": "100"})
    html = render_to_string(
        "components/_pagination.html", {"page_obj": paginator.page(100), "request": request}
    )
    links = re.findall(r'href="\?kind=school&amp;page=(\d+)"', html)
    assert links == ["99", "1", "98", "99", "101", "102", "200", "101"]  # «previous», the numbers, «next»
    assert html.count("…") == 2 and 'aria-current="page"><span class="page-link">100<' in html


def test_the_items_do_not_grow_with_the_number_of_pages():
    small = Paginator(range(20 * 25), 25).page(10)
    large = Paginator(range(2000 * 25), 25).page(10)
    assert len(page_links(small)) == len(page_links(large)) == 9
