"""The lines of a month: the days a pair was active (a start or an end inside the month prorates the sum),
a group, a percentage, the order and the agreement, and the hours of the log for information."""

from datetime import date
from decimal import Decimal

import pytest

from apps.allowances.calculation import compute_lines, prorated
from apps.allowances.periods import active_span, month_label
from apps.programs.models import ActivityKind, ActivityLog
from tests.factories import programs as pf

pytestmark = pytest.mark.django_db


def _only_line(cast):
    lines = compute_lines(organization=cast.school, year=2026, month=11)
    assert len(lines) == 1
    return lines[0]


def test_a_pair_started_on_the_tenth_of_a_thirty_day_month_works_twenty_one_days(cast, pair_factory):
    pair_factory(amount=3000, started=date(2026, 11, 10))
    line = _only_line(cast)
    assert (line.active_from, line.active_to) == (date(2026, 11, 10), date(2026, 11, 30))
    assert (line.active_days, line.month_days) == (21, 30)
    assert line.amount_due == Decimal("2100.00")


def test_a_pair_ended_inside_the_month_is_paid_to_its_last_day(cast, pair_factory):
    pair_factory(amount=3000, started=date(2026, 9, 1), ended=date(2026, 11, 20))
    line = _only_line(cast)
    assert (line.active_from, line.active_to, line.active_days) == (date(2026, 11, 1), date(2026, 11, 20), 20)
    assert line.amount_due == Decimal("2000.00")


def test_a_pair_started_and_ended_inside_the_month(cast, pair_factory):
    pair_factory(amount=3100, started=date(2026, 11, 10), ended=date(2026, 11, 20))
    line = _only_line(cast)
    assert line.active_days == 11
    assert line.amount_due == Decimal("1136.67")  # 3 100 × 11 / 30 = 1 136,666…


def test_a_group_of_two_working_the_whole_month_is_one_line_with_both_mentees(cast, pair_factory):
    group = pair_factory(mentees=2, amount=4000, started=date(2026, 10, 1))
    line = _only_line(cast)
    assert line.group == group and line.is_group
    assert len(line.mentees.split(", ")) == 2
    assert (line.active_days, line.month_days, line.amount_due) == (30, 30, Decimal("4000.00"))


def test_a_percentage_gives_the_share_of_days_and_no_sum(cast, pair_factory):
    pair_factory(share=10, started=date(2026, 11, 10))
    line = _only_line(cast)
    assert (line.allowance_amount, line.allowance_percent) == (None, 10)
    assert (line.active_days, line.month_days, line.amount_due) == (21, 30, None)


def test_the_employer_default_applies_when_the_pair_has_no_allowance_of_its_own(cast, pair_factory):
    cast.school.mentor_allowance_amount = 2500
    cast.school.save(update_fields=["mentor_allowance_amount"])
    pair_factory(started=date(2026, 10, 1))
    assert _only_line(cast).amount_due == Decimal("2500.00")


def test_pairs_not_active_in_the_month_have_no_line(cast, pair_factory):
    pair_factory(amount=3000, started=date(2026, 12, 1))
    pair_factory(amount=3000, started=date(2026, 9, 1), ended=date(2026, 10, 31), mentor_name="Ильина")
    assert compute_lines(organization=cast.school, year=2026, month=11) == []


def test_another_school_s_basis_has_no_line_of_this_school(cast, pair_factory):
    pair_factory(amount=3000)
    assert compute_lines(organization=cast.other_school, year=2026, month=11) == []


def test_the_line_names_the_signed_order_and_the_mentor_s_consent_to_the_agreement(cast, pair_factory):
    group = pair_factory(amount=3000)
    line = _only_line(cast)
    assert (line.order_number, line.order_date) == (group.assigned_order.number, group.assigned_order.date)
    assert line.agreement == "доп. соглашение к трудовому договору; согласие наставника от 02.09.2026"
    assert line.mentor_name == "Морозова Татьяна Сергеевна"


def test_hours_logged_in_the_month_are_counted_and_other_months_are_not(cast, pair_factory):
    group = pair_factory(amount=3000)
    program = pf.draft_program(group, cast.curator)
    for day, minutes in ((date(2026, 11, 3), 90), (date(2026, 11, 30), 45), (date(2026, 10, 31), 60)):
        ActivityLog.objects.create(program=program, date=day, minutes=minutes, kind=ActivityKind.MEETING)
    line = _only_line(cast)
    assert line.minutes_logged == 135
    assert line.amount_due == Decimal("3000.00")  # hours are for information: the sum does not change


@pytest.mark.parametrize(
    ("started", "ended", "expected"),
    [
        (date(2026, 11, 10), None, (date(2026, 11, 10), date(2026, 11, 30))),
        (date(2026, 10, 1), date(2026, 11, 1), (date(2026, 11, 1), date(2026, 11, 1))),
        (date(2026, 11, 30), None, (date(2026, 11, 30), date(2026, 11, 30))),
        (date(2026, 12, 1), None, None),
        (date(2026, 9, 1), date(2026, 10, 31), None),
        (None, None, None),
    ],
)
def test_active_span_includes_both_ends(started, ended, expected):
    assert active_span(2026, 11, started, ended) == expected


def test_february_of_a_leap_year_has_twenty_nine_days_and_the_sum_is_rounded_to_the_kopeck():
    assert active_span(2028, 2, date(2028, 2, 15), None) == (date(2028, 2, 15), date(2028, 2, 29))
    assert prorated(1000, 1, 3) == Decimal("333.33")
    assert prorated(1000, 2, 3) == Decimal("666.67")


def test_month_names_are_declined():
    assert month_label(2026, 11) == "ноябрь 2026\u00a0г."
    assert month_label(2026, 11, "prepositional") == "ноябре 2026\u00a0г."
