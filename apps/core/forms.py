"""What the forms of every app share: a service's refusal shown on its form, and the date widget."""

from django import forms

from .exceptions import DomainError


def add_domain_error(form: forms.Form, error: DomainError) -> None:
    """Show a service's refusal at its field when the form has that field, above the form otherwise."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


class DateInput(forms.DateInput):
    """The browser's date picker; the value is written in ISO form, the only one it reads."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")
