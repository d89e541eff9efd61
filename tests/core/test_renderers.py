"""The portal's form renderer writes <select> in Python: the markup must be Django's, byte for byte."""

from django import forms
from django.forms.renderers import DjangoTemplates

from apps.core.renderers import FormRenderer


class Sample(forms.Form):
    plain = forms.ChoiceField(choices=[("", "---"), ("x<", "Икс & <b>"), (1, "one")], initial="x<")
    grouped = forms.MultipleChoiceField(
        choices=[("Группа «А»", [("1", "a"), ("2", "b")]), ("3", "c")], initial=["2", "3"]
    )
    unknown = forms.NullBooleanField()
    empty = forms.ChoiceField(
        choices=[],
        widget=forms.Select(
            attrs={"class": "form-select", "data-x": '"q"', "disabled": True, "hidden": False}
        ),
    )
    radio = forms.ChoiceField(choices=[("1", "да"), ("2", "нет")], widget=forms.RadioSelect)


def rendered(renderer, data=None) -> str:
    form = Sample(data, renderer=renderer)
    return "\n".join(str(form[name]) for name in form.fields)


def test_select_markup_is_the_same_as_django_templates():
    assert rendered(FormRenderer()) == rendered(DjangoTemplates())


def test_bound_values_and_escaping_are_the_same_as_django_templates():
    data = {"plain": "1", "grouped": ["1"], "unknown": "true", "radio": "2"}
    html = rendered(FormRenderer(), data)
    assert html == rendered(DjangoTemplates(), data)
    assert 'value="x&lt;">Икс &amp; &lt;b&gt;</option>' in html
    assert '<option value="1" selected>one</option>' in html
