"""``{{ field|as_field }}``: a form field in the markup of crispy-forms' Bootstrap 5 pack, written in Python.

``as_crispy_field`` renders each field through crispy's ``field.html`` and its includes (labels, help
text, errors): about a millisecond a field, so a list's filter form of 4-11 fields cost more than the
rows of the list (issue 18: the lists against the Django admin's change list). This filter writes
the same elements with the same attributes — the wrapper ``div`` with its id, the label with ``for``,
the widget with crispy's classes (``select form-select``, ``textinput form-control``, ``is-invalid``),
the help text and the errors with their ids — so accessibility and the page's scripts see the same
page (tests/core/test_fields.py compares it with crispy's DOM). A field crispy renders in another
way (radio buttons, checkbox lists, files, multi-widgets, a form with a crispy helper) is handed
to crispy.
"""

from django import forms, template
from django.forms.boundfield import BoundField
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_TO_CRISPY = (forms.RadioSelect, forms.CheckboxSelectMultiple, forms.FileInput, forms.MultiWidget)


def _crispy(field: BoundField) -> SafeString:
    from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field

    return as_crispy_field(field)


def _add_classes(widget: forms.Widget, extra: str) -> None:
    """The classes crispy's ``{% crispy_field field 'class' … %}`` gives the widget (it changes the
    widget's attrs the same way: the widget's class name first, then the Bootstrap classes)."""
    class_name = widget.__class__.__name__.lower()
    css_class = widget.attrs.get("class", "")
    if css_class:
        if css_class.find(class_name) == -1:
            css_class += f" {class_name}"
    else:
        css_class = class_name
    present = css_class.split()
    css_class += "".join(f" {name}" for name in extra.split() if name not in present)
    widget.attrs["class"] = css_class


def _help_and_errors(field: BoundField) -> str:
    parts = []
    if field.errors:
        field_id = getattr(field.errors, "field_id", "") or ""
        parts.append(f'<div id="{conditional_escape(field_id)}_error" class="invalid-feedback">')
        for number, error in enumerate(field.errors, start=1):
            parts.append(
                format_html('<p id="error_{}_{}"><strong>{}</strong></p>', number, field.auto_id or "", error)
            )
        parts.append("</div>")
    if field.help_text:
        id_attr = format_html('id="{}_helptext" ', field.auto_id) if field.auto_id else ""
        parts.append(f'<div {id_attr}class="form-text">{field.help_text}</div>')  # |safe in crispy too
    return "".join(parts)


def _required(field: BoundField) -> tuple[str, str]:
    if field.field.required:
        return " requiredField", '<span class="asteriskField">*</span>'
    return "", ""


@register.filter
def as_field(field: BoundField) -> SafeString:
    """The field as ``|as_crispy_field`` renders it with the Bootstrap 5 pack and no form helper."""
    widget = field.field.widget
    if (
        isinstance(widget, _TO_CRISPY)
        or getattr(field.form, "helper", None) is not None
        or field.use_fieldset
    ):
        return _crispy(field)
    if field.is_hidden:
        return mark_safe(str(field))
    invalid = " is-invalid" if field.errors else ""
    required_class, asterisk = _required(field)
    extra_classes = field.css_classes()
    wrapper_extra = f" {conditional_escape(extra_classes)}" if extra_classes else ""
    div_id = conditional_escape(f"div_{field.auto_id}")
    label = conditional_escape(field.label) if field.label else ""
    if isinstance(widget, forms.CheckboxInput):
        _add_classes(widget, f"form-check-input{invalid}")
        html = (
            f'<div class="mb-3"><div id="{div_id}" class="form-check{wrapper_extra}">{field}'
            f'<label for="{conditional_escape(field.id_for_label)}" class="form-check-label{required_class}">'
            f"{label}{asterisk}</label>{_help_and_errors(field)}</div></div>"
        )
        return mark_safe(html)  # every value above is escaped or rendered by Django
    _add_classes(widget, ("form-select" if isinstance(widget, forms.Select) else "form-control") + invalid)
    label_html = ""
    if field.label:
        for_attr = f'for="{conditional_escape(field.id_for_label)}" ' if field.id_for_label else ""
        label_html = f'<label {for_attr}class="form-label{required_class}">{label}{asterisk}</label>'
    html = (
        f'<div id="{div_id}" class="mb-3{wrapper_extra}">{label_html}{field}{_help_and_errors(field)}</div>'
    )
    return mark_safe(html)  # every value above is escaped or rendered by Django
