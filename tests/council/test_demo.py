"""The demo shows the council at work: a held meeting (protocol № 1) with decisions on a program, a
conflict and a nomination carried out as an award, and a planned meeting whose questions wait for the
council members on their dashboard. Running the demo again adds nothing."""

import pytest
from django.core.management import call_command

from apps.accounts import inbox
from apps.accounts.models import User
from apps.council.models import AgendaItem, Meeting

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_held_and_a_planned_meeting_of_the_council():
    call_command("seed_demo", verbosity=0)
    held = Meeting.objects.get(status=Meeting.Status.HELD)
    assert held.number == 1 and held.attendees.filter(user__isnull=False).count() == 3
    items = list(held.items.select_related("decision", "decision__award").order_by("position"))
    assert [i.kind for i in items] == [
        AgendaItem.Kind.PROGRAM,
        AgendaItem.Kind.CONFLICT,
        AgendaItem.Kind.NOMINATION,
    ]
    assert all(i.decision.accepted for i in items)
    nomination = items[2].decision
    assert nomination.award is not None and nomination.award.person == items[2].person
    planned = Meeting.objects.get(status=Meeting.Status.PLANNED)
    assert planned.items.filter(decision__isnull=True).count() == 2

    council = User.objects.get(username="council")
    organization = held.organization
    keys = {
        g.key
        for g in inbox.collect(user=council, organization=organization, roles=council.roles_in(organization))
    }
    assert {"council.open_items", "council.conflicts"} <= keys

    call_command("seed_demo", verbosity=0)
    assert Meeting.objects.count() == 2 and AgendaItem.objects.count() == 5
