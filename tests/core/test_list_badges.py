"""The lists' per-row badges are written in Python (issue 18) with the markup of the partials they replace."""

from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test.html import parse_html

from apps.banks.models import Area, MenteeDifficulty, MenteeEntry, MentorEntry, MentorStrength
from apps.orders.models import Order

# The partials as they were written before, row by row in the lists.
OLD_ORDER_BADGE = (
    '{% if order.status == "signed" %}<span class="badge text-bg-success">Подписан</span>'
    '{% elif order.status == "awaiting_signature" %}<span class="badge text-bg-warning">На подписи</span>'
    '{% else %}<span class="badge text-bg-secondary">Проект</span>{% endif %}'
)
OLD_CONSENT_BADGE = (
    '{% if person.has_valid_consent %}<span class="badge text-bg-success-subtle text-success-emphasis border'
    ' border-success-subtle"><i class="bi bi-shield-check" aria-hidden="true"></i> согласие есть</span>'
    '{% elif person.data_destroyed %}<span class="badge text-bg-secondary"><i class="bi bi-trash"'
    ' aria-hidden="true"></i> данные уничтожены</span>'
    '{% elif person.has_withdrawn_consent %}<span class="badge text-bg-warning"><i class="bi bi-shield-x"'
    ' aria-hidden="true"></i> согласие отозвано</span>'
    '{% else %}<span class="badge text-bg-danger-subtle text-danger-emphasis border border-danger-subtle">'
    '<i class="bi bi-shield-exclamation" aria-hidden="true"></i> нет согласия</span>{% endif %}'
)
OLD_BANK_BADGE = '<span class="badge rounded-pill status-{{ entry.status }}">{{ entry.status_label }}</span>'
OLD_MARKS = (
    '{% for mark in marks %}<span class="badge area-badge level-{{ mark.level }} me-1 mb-1"'
    ' title="{{ mark.get_area_display }}: {{ mark.get_level_display }}">{{ mark.area_short }} ·'
    ' {{ mark.get_level_display }}</span>{% empty %}<span class="text-secondary small">{{ empty }}</span>{% endfor %}'
)


def same(new: str, old: str, **context) -> None:
    assert parse_html(new) == parse_html(Template(old).render(Context(context)))


def render(template: str, **context) -> str:
    return Template(template).render(Context(context))


@pytest.mark.parametrize("status", Order.Status.values)
def test_order_status_badge(status):
    order = Order(status=status)
    same(render("{% load orders_tags %}{{ order|status_badge }}", order=order), OLD_ORDER_BADGE, order=order)
    same(render_to_string("orders/_status_badge.html", {"order": order}), OLD_ORDER_BADGE, order=order)


@pytest.mark.parametrize(
    "state",
    [
        {"has_valid_consent": True, "data_destroyed": False, "has_withdrawn_consent": True},
        {"has_valid_consent": False, "data_destroyed": True, "has_withdrawn_consent": True},
        {"has_valid_consent": False, "data_destroyed": False, "has_withdrawn_consent": True},
        {"has_valid_consent": False, "data_destroyed": False, "has_withdrawn_consent": False},
        {},  # not annotated
    ],
)
def test_consent_badge(state):
    person = SimpleNamespace(**state)
    new = render("{% load staff_tags %}{{ person|consent_badge }}", person=person)
    same(new, OLD_CONSENT_BADGE, person=person)
    same(render_to_string("staff/_consent_badge.html", {"person": person}), OLD_CONSENT_BADGE, person=person)


@pytest.mark.parametrize(
    ("model", "status", "sex"),
    [
        (MentorEntry, MentorEntry.Status.APPROVED, "f"),
        (MentorEntry, MentorEntry.Status.RELEASED, "m"),
        (MenteeEntry, MenteeEntry.Status.LEFT, "f"),
        (MenteeEntry, MenteeEntry.Status.LEFT, "m"),
    ],
)
def test_bank_status_badge_agrees_with_the_person(model, status, sex):
    from apps.staff.models import Person

    entry = model(status=status, person=Person(last_name="Ёлкина", first_name="Анна", sex=sex))
    new = render("{% load banks_tags %}{{ entry|status_badge }}", entry=entry)
    same(new, OLD_BANK_BADGE, entry=entry)
    same(render_to_string("banks/_status_badge.html", {"entry": entry}), OLD_BANK_BADGE, entry=entry)


@pytest.mark.parametrize("mark_model", [MentorStrength, MenteeDifficulty])
def test_mark_badges_escape_and_fall_back_to_the_empty_text(mark_model):
    marks = [
        mark_model(area=area, level=level) for area, level in ((Area.values[0], 3), (Area.values[-1], 1))
    ]
    for given in (marks, []):
        new = render('{% load banks_tags %}{% mark_badges marks "не <указаны>" %}', marks=given)
        same(new, OLD_MARKS, marks=given, empty="не <указаны>")
        partial = render_to_string("banks/_marks.html", {"marks": given, "empty": "не <указаны>"})
        same(partial, OLD_MARKS, marks=given, empty="не <указаны>")
