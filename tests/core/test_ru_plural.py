import pytest
from django.template import Context, Template

from apps.core.templatetags.ru import plural_form


@pytest.mark.parametrize(
    ("n", "word"),
    [(0, "программ"), (1, "программа"), (2, "программы"), (4, "программы"), (5, "программ"),
     (11, "программ"), (12, "программ"), (14, "программ"), (21, "программа"), (22, "программы"),
     (111, "программ"), (101, "программа")],
)  # fmt: skip
def test_plural_form_agrees_with_the_number(n, word):
    assert plural_form(n, "программа", "программы", "программ") == word


def test_filter_in_a_template_and_on_bad_input():
    template = Template('{% load ru %}{{ n|ru_plural:"наставник,наставника,наставников" }}')
    assert template.render(Context({"n": 3})) == "наставника"
    assert template.render(Context({"n": None})) == "наставников"
