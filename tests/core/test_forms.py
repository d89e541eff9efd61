"""The form helpers every app shares: a service's refusal on its form, and the date widget."""

import ast
from datetime import date
from pathlib import Path

from django import forms

from apps.core.exceptions import DomainError
from apps.core.forms import DateInput, add_domain_error

APPS = Path(__file__).resolve().parents[2] / "apps"


class _Form(forms.Form):
    title = forms.CharField()
    day = forms.DateField(widget=DateInput())


def test_a_refusal_naming_a_field_of_the_form_is_shown_at_that_field():
    form = _Form(data={"title": "Отчёт", "day": "2026-10-01"})
    assert form.is_valid()
    add_domain_error(form, DomainError("Название уже занято.", field="title"))
    assert form.errors == {"title": ["Название уже занято."]}


def test_a_refusal_without_a_field_or_naming_another_is_shown_above_the_form():
    form = _Form(data={"title": "Отчёт", "day": "2026-10-01"})
    assert form.is_valid()
    add_domain_error(form, DomainError("Программа завершена."))
    add_domain_error(form, DomainError("Файл не принят.", field="files"))
    assert form.non_field_errors() == ["Программа завершена.", "Файл не принят."]
    assert set(form.errors) == {"__all__"}


def test_the_date_widget_is_the_browsers_picker_with_an_iso_value():
    html = str(_Form(initial={"day": date(2026, 10, 1)})["day"])
    assert 'type="date"' in html
    assert 'value="2026-10-01"' in html


def test_the_date_widget_keeps_its_own_attributes():
    html = DateInput(attrs={"max": "2026-12-31"}).render("day", date(2026, 3, 8))
    assert 'type="date"' in html and 'max="2026-12-31"' in html and 'value="2026-03-08"' in html


def _defined_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef | ast.ClassDef)}


def test_no_app_has_its_own_copy_of_the_helpers():
    """One place for each rule: the apps import these from apps.core.forms."""
    copies = []
    for path in APPS.rglob("*.py"):
        if "migrations" in path.parts or path == APPS / "core" / "forms.py":
            continue
        names = _defined_names(path)
        copies += [f"{path.relative_to(APPS)}: {n}" for n in names & {"DateInput", "add_domain_error"}]
        text = path.read_text(encoding="utf-8")
        if "error.field if error.field in form.fields" in text or 'attrs={"type": "date"}' in text:
            copies.append(f"{path.relative_to(APPS)}: an inline copy")
    assert copies == []
