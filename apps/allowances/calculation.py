"""The lines of a month's basis computed from the data: every pair (group) whose mentor the organisation
employs and which was active on at least one day of the month, with its order, the mentor's agreement,
the allowance in force, the days and the prorated sum, and the hours of its log (for information)."""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch, Q, Sum

from apps.core.russian import full_name_in, short_name_in
from apps.organizations.models import Organization
from apps.pairs.models import DutyConsent, GroupMember, MentoringGroup
from apps.pairs.services.allowance import allowance_of
from apps.pairs.services.wording import position_of
from apps.programs.models import ActivityLog

from .periods import active_span, month_bounds

KOPECK = Decimal("0.01")


@dataclass
class LineData:
    group: MentoringGroup
    mentor_name: str
    personnel_number: str
    mentor_position: str
    mentees: str
    is_group: bool
    order_number: int | None
    order_date: date | None
    agreement: str
    allowance_amount: int | None
    allowance_percent: int | None
    active_from: date
    active_to: date
    active_days: int
    month_days: int
    amount_due: Decimal | None
    minutes_logged: int


def prorated(amount: int, active_days: int, month_days: int) -> Decimal:
    """The month's sum for the days worked: 3 000 руб. for 21 days of 30 → 2 100.00 руб. (to the kopeck,
    halves up)."""
    return (Decimal(amount) * active_days / month_days).quantize(KOPECK, rounding=ROUND_HALF_UP)


def agreement_reference(consent_date: date | None) -> str:
    """The mentor's additional agreement to the labour contract: the portal prints it without a number
    (the personnel office registers it); the date of the mentor's written consent identifies it."""
    if consent_date is None:
        return "доп. соглашение к трудовому договору; письменное согласие наставника не внесено"
    return f"доп. соглашение к трудовому договору; согласие наставника от {consent_date:%d.%m.%Y}"


def compute_lines(*, organization: Organization, year: int, month: int) -> list[LineData]:
    """The lines, sorted by the mentor's name, then the pair. Five queries whatever the number of pairs."""
    first, last = month_bounds(year, month)
    month_days = last.day
    groups = list(
        MentoringGroup.objects.filter(
            mentor__organization=organization,
            started_on__isnull=False,
            started_on__lte=last,
            status__in=[MentoringGroup.Status.ACTIVE, MentoringGroup.Status.ENDED],
        )
        .filter(Q(ended_on__isnull=True, status=MentoringGroup.Status.ACTIVE) | Q(ended_on__gte=first))
        .select_related("mentor__organization", "mentor__person__position", "assigned_order", "organization")
        .prefetch_related(
            Prefetch("members", queryset=GroupMember.objects.select_related("mentee_person").order_by("pk"))
        )
    )
    ids = [g.pk for g in groups]
    minutes = dict(
        ActivityLog.objects.filter(program__group_id__in=ids, date__range=(first, last))
        .values_list("program__group_id")
        .annotate(total=Sum("minutes"))
        .values_list("program__group_id", "total")
    )
    consents = {(c.group_id, c.person_id): c.signed_on for c in DutyConsent.objects.filter(group_id__in=ids)}
    lines = []
    for group in groups:
        span = active_span(year, month, group.started_on, group.ended_on)
        if span is None:
            continue
        mentor = group.mentor.person
        amount, share = allowance_of(group)
        days = (span[1] - span[0]).days + 1
        order = group.assigned_order
        signed = order is not None and order.number is not None
        mentees = [
            m.mentee_person
            for m in group.members.all()
            if m.status != GroupMember.Status.PLANNED
            and (m.joined_on is None or m.joined_on <= last)
            and (m.left_on is None or m.left_on >= first)
        ]
        lines.append(
            LineData(
                group=group,
                mentor_name=full_name_in(mentor),
                personnel_number=mentor.personnel_number,
                mentor_position=position_of(mentor, "nominative"),
                mentees=", ".join(short_name_in(p) for p in mentees),
                is_group=group.is_group_form or len(mentees) > 1,
                order_number=order.number if signed else None,
                order_date=order.date if signed else None,
                # The consent to this pair's duties, else the mentor's written consent of the bank.
                agreement=agreement_reference(
                    consents.get((group.pk, mentor.pk)) or group.mentor.consent_signed_on
                ),
                allowance_amount=amount,
                allowance_percent=None if amount else share,
                active_from=span[0],
                active_to=span[1],
                active_days=days,
                month_days=month_days,
                amount_due=prorated(amount, days, month_days) if amount else None,
                minutes_logged=minutes.get(group.pk) or 0,
            )
        )
    lines.sort(key=lambda line: (line.mentor_name, line.group.pk))
    return lines
