"""``|as_field`` writes the DOM of crispy's ``|as_crispy_field`` (Bootstrap 5), faster (issue 18)."""

import pytest
from django import forms
from django.template import Context, Template
from django.test.html import parse_html

from apps.banks.filters import MenteeBankFilter, MentorBankFilter
from apps.banks.models import MentorEntry
from apps.core.templatetags.fields import as_field
from apps.orders.filters import OrderFilter
from apps.pairs.filters import GroupFilter
from apps.programs.filters import ProgramFilter
from apps.staff.filters import PersonFilter
from apps.territory.filters import RegionalMentorFilter, TerritoryFilter

pytestmark = pytest.mark.django_db


def crispy(field) -> str:
    return Template("{% load crispy_forms_tags %}{{ field|as_crispy_field }}").render(
        Context({"field": field})
    )


def assert_same_dom(make_form) -> None:
    """Each field of a fresh form (crispy changes the widget's classes) by both filters."""
    for name in make_form().fields:
        ours, theirs = as_field(make_form()[name]), crispy(make_form()[name])
        assert parse_html(ours) == parse_html(theirs), f"{name}:\n{ours}\n---\n{theirs}"


class Sample(forms.Form):
    """Every kind of field the lists' filters use, with help text, a required field and initial values."""

    text = forms.CharField(label="Поиск по ФИО", required=False, help_text="Фамилия <b>или</b> имя")
    number = forms.IntegerField(label="Стаж от", min_value=0, required=True)
    day = forms.DateField(label="С даты", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label="Вид", choices=[("", "все"), ("a", "«А» & Б")], required=False)
    many = forms.MultipleChoiceField(label="Предметы", choices=[("1", "Химия")], required=False)
    flag = forms.BooleanField(label="Только мои", required=False)
    must = forms.BooleanField(label="Согласен", required=True)
    styled = forms.CharField(
        label="С классом", required=False, widget=forms.TextInput(attrs={"class": "w-50"})
    )
    secret = forms.CharField(required=False, widget=forms.HiddenInput)
    unlabelled = forms.CharField(label="", required=False)


@pytest.mark.parametrize(
    "data",
    [
        None,  # unbound: the initial page
        {"text": "Ёлкина", "number": "3", "kind": "a", "many": ["1"], "flag": "on", "must": "on"},
        {"text": "x" * 3, "number": "-1", "day": "32.13.2026", "kind": "zzz", "many": ["9"]},  # errors
    ],
)
def test_every_kind_of_field_is_written_as_crispy_writes_it(data):
    assert_same_dom(lambda: Sample(data))
    if data and "zzz" in data.values():
        html = as_field(Sample(data)["kind"])
        assert "is-invalid" in html and 'class="invalid-feedback"' in html and "error_1_id_kind" in html


def test_a_field_crispy_writes_otherwise_is_left_to_crispy():
    class Other(forms.Form):
        choice = forms.ChoiceField(choices=[("a", "А")], widget=forms.RadioSelect)
        boxes = forms.MultipleChoiceField(choices=[("a", "А")], widget=forms.CheckboxSelectMultiple)
        upload = forms.FileField(required=False)

    assert_same_dom(Other)


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"q": "Морозова", "status": "signed", "kind": "curator", "year": "2026", "ordering": "name"},
        {"status": "нет такого", "year": "abc", "experience_min": "-5", "mentor": "999999", "subject": "0"},
    ],
)
def test_the_filter_forms_of_the_lists_are_written_as_crispy_writes_them(cast, year, data):
    org = cast.school
    assert_same_dom(lambda: OrderFilter(data, years=[2026, 2025]).form)
    assert_same_dom(lambda: PersonFilter(data).form)
    assert_same_dom(lambda: MentorBankFilter(data, organization=org).form)
    assert_same_dom(lambda: MenteeBankFilter(data, organization=org).form)
    assert_same_dom(lambda: GroupFilter(data, organization=org).form)
    assert_same_dom(lambda: ProgramFilter(data, organization=org).form)
    assert_same_dom(lambda: TerritoryFilter(data).form)
    assert_same_dom(lambda: RegionalMentorFilter(data, queryset=MentorEntry.objects.none()).form)


def test_the_chosen_value_stays_selected_and_an_error_is_shown_at_the_field(cast):
    form = OrderFilter({"status": "signed", "year": "1999"}, years=[2026]).form
    assert form.errors  # 1999 is not a year of the list
    status, year = as_field(form["status"]), as_field(form["year"])
    assert '<option value="signed" selected>' in status and 'class="select form-select"' in status
    assert 'class="select form-select is-invalid"' in year and 'aria-invalid="true"' in year
    assert '<div id="id_year_error" class="invalid-feedback"><p id="error_1_id_year"><strong>' in year
    assert '<label for="id_year" class="form-label">Год</label>' in year
