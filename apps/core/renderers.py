"""The portal's form renderer: Django's own templates, except ``<select>``, written out in Python.

Django renders every ``<option>`` through a template include; a list's filter form with the
nomenclature of positions and subjects (hundreds of options) spent about half of the staff
registry page's server time there (bench, issue #8). The markup is byte for byte that of
django/forms/widgets/select.html (tests/core/test_renderers.py compares them).
"""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


def _value(value) -> str:
    """``{{ value|stringformat:'s' }}`` under autoescape."""
    return conditional_escape(value if isinstance(value, str) else str(value))


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(
            f" {conditional_escape(name)}"
            if value is True
            else f' {conditional_escape(name)}="{_value(value)}"'
        )
    return "".join(parts)


def render_select(widget: dict) -> str | None:
    """The select's HTML, or None when an option uses another template (then Django renders it)."""
    out = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            out.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in group_choices:
            if option.get("template_name") != OPTION:
                return None
            out.append(
                f'\n  <option value="{_value(option["value"])}"{_attrs(option["attrs"])}>'
                f"{conditional_escape(option['label'])}</option>\n"
            )
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>")  # Django strips the rendered template
    return mark_safe("".join(out))  # every value above is escaped


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name == SELECT and "widget" in context:
            html = render_select(context["widget"])
            if html is not None:
                return html
        return super().render(template_name, context, request=request)
