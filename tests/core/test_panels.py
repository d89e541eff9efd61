"""render_panels: the parts of a lower app's page that higher apps supply through a hook."""

from django.test import RequestFactory
from django.utils.safestring import SafeString, mark_safe

from apps.core.hooks import Hook
from apps.core.panels import render_panels


def test_panels_come_in_the_order_of_registration_and_the_empty_ones_are_left_out():
    hook = Hook("test.panels")
    seen = []

    def from_template(request, obj):
        seen.append((request.path, obj))
        return "components/_empty.html", {"text": f"Панель {obj}", "icon": "award"}

    hook.register(from_template)
    hook.register(lambda request, obj: None)
    hook.register(lambda request, obj: mark_safe(f"<section>{obj}</section>"))

    panels = render_panels(hook, RequestFactory().get("/page/"), 7)

    assert seen == [("/page/", 7)]
    assert len(panels) == 2 and all(isinstance(p, SafeString) for p in panels)
    assert "Панель 7" in panels[0] and "bi-award" in panels[0]
    assert panels[1] == "<section>7</section>"


def test_a_plain_string_is_escaped_and_an_empty_hook_gives_no_panels():
    hook = Hook("test.escape")
    assert render_panels(hook, RequestFactory().get("/")) == []
    hook.register(lambda request: "<script>alert(1)</script>")
    assert render_panels(hook, RequestFactory().get("/")) == ["&lt;script&gt;alert(1)&lt;/script&gt;"]
