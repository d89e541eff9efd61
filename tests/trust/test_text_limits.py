"""Every free-text field has a maximum that fits its use (a pair's goal and an activity-log note took
100,000 characters). A new unbounded field fails here."""

import pytest
from django import forms
from django.apps import apps as django_apps
from django.db import models

from tests.trust.forms_walk import form_classes


def test_every_model_text_field_has_a_max_length():
    unbounded = [
        f"{model._meta.label}.{field.name}"
        for model in django_apps.get_models()
        if model.__module__.startswith("apps.")
        for field in model._meta.get_fields()
        if isinstance(field, models.TextField)
        and field.max_length is None
        and not field.name.startswith("pgh_")  # django-pghistory's own label of an event, not user text
    ]
    assert unbounded == []


def test_every_free_text_form_field_has_a_max_length():
    unbounded = [
        f"{form_name}.{name}"
        for form_name, form in form_classes().items()
        for name, field in form.base_fields.items()
        if isinstance(field, forms.CharField)
        and not isinstance(field.widget, forms.HiddenInput | forms.PasswordInput)
        and field.max_length is None
    ]
    assert unbounded == []


def test_the_message_is_russian(settings):
    field = forms.CharField(max_length=3)
    with pytest.raises(forms.ValidationError) as error:
        field.clean("абвг")
    assert error.value.messages == ["Убедитесь, что это значение содержит не более 3 символов (сейчас 4)."]
