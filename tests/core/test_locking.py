"""The shared optimistic lock: a token of the state a form shows, and the conflict it raises."""

from datetime import date

import pytest
from django import forms

from apps.core import locking


def test_the_token_depends_on_every_value_and_not_on_the_order_of_the_fields():
    a = locking.state([("Заголовок", "О назначении"), ("Пункты", ["Один", "Два"])])
    b = locking.state([("Пункты", ["Один", "Два"]), ("Заголовок", "О назначении")])
    assert locking.state_token(a) == locking.state_token(b)
    assert locking.state_token(a) != locking.state_token({**a, "Пункты": "Один\nТри"})


def test_values_are_compared_as_a_person_reads_them():
    assert locking.shown(None) == locking.shown("") == ""
    assert locking.shown(True) == "да" and locking.shown(date(2026, 9, 1)) == "01.09.2026"
    assert locking.shown(["a", "b"]) == "a\nb" and locking.shown("  текст ") == "текст"


def test_a_stale_token_with_differing_values_is_a_conflict_listing_only_those_fields():
    opened = locking.state({"Цель": "Старая", "Задачи": "Те же"})
    saved = locking.state({"Цель": "Чужая правка", "Задачи": "Те же"})
    with pytest.raises(locking.EditConflict) as error:
        locking.check_unchanged(
            token=locking.state_token(opened), saved=saved, mine={"Цель": "Моя правка", "Задачи": "Те же"}
        )
    assert error.value.diffs == [("Цель", "Чужая правка", "Моя правка")]
    assert error.value.token == locking.state_token(saved)


def test_no_conflict_for_a_current_token_for_equal_values_or_without_a_token():
    saved = locking.state({"Цель": "Чужая правка"})
    locking.check_unchanged(token=locking.state_token(saved), saved=saved, mine={"Цель": "Моя"})
    locking.check_unchanged(token="stale", saved=saved, mine={"Цель": "Чужая правка"})
    locking.check_unchanged(token=None, saved=saved, mine={"Цель": "Моя"})


class _Form(locking.LockedFormMixin, forms.Form):
    title = forms.CharField()


def test_a_missing_token_is_a_form_error_above_the_form_and_the_conflict_offers_an_overwrite():
    form = _Form({"title": "x"})
    form.add_lock_token("abc")
    assert not form.is_valid() and "Форма устарела" in form.non_field_errors()[0]
    form = _Form({"title": "x", "lock_token": "old"})
    form.add_lock_token("old")
    assert form.is_valid() and form.lock_kwargs() == {"lock_token": "old"}
    conflict = locking.EditConflict(diffs=[], token="new")
    context = locking.conflict_context(form, conflict, reload_url="/edit/")
    assert form["lock_token"].value() == "new" and context["reload_url"] == "/edit/"
