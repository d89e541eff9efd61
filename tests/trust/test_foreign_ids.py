"""Ids of another organisation's objects posted in form fields are refused at the field."""

import pytest
from django.db import transaction
from django.urls import reverse

from apps.orders.models import Order
from apps.pairs.models import MentoringGroup
from apps.programs.models import RoadmapEvent

pytestmark = pytest.mark.django_db


def _post(client, world, role, url, data):
    client.force_login(getattr(world.cast, role))
    with transaction.atomic():
        response = client.post(url, data)
        transaction.set_rollback(True)
    return response


def _field_errors(response, field):
    assert response.status_code == 200, response.status_code
    form = response.context["form"]
    return form.errors.get(field)


def test_pair_create_refuses_a_mentor_and_mentees_of_another_organisation(world, client):
    before = MentoringGroup.objects.count()
    response = _post(
        client,
        world,
        "curator",
        reverse("pairs:group-create"),
        {"mentor": world.other.mentor_entry.pk, "mentees": [world.other.mentee_entry.pk]},
    )
    assert _field_errors(response, "mentor") and _field_errors(response, "mentees")
    assert MentoringGroup.objects.count() == before


def test_order_draft_refuses_participants_of_another_organisation(world, client):
    before = Order.objects.count()
    response = _post(
        client,
        world,
        "curator",
        reverse("orders:order-create"),
        {"participants": [world.other.person.pk], "amends": world.other.order.pk},
    )
    assert _field_errors(response, "participants")
    assert Order.objects.count() == before


@pytest.mark.parametrize("kind", ["mentee", "mentor"])
def test_bank_entry_refuses_a_person_of_another_organisation(world, client, kind):
    response = _post(
        client, world, "curator", reverse(f"banks:{kind}-create"), {"person": world.other.person.pk}
    )
    assert _field_errors(response, "person")


def test_program_event_refuses_a_responsible_person_of_another_organisation(world, client):
    before = RoadmapEvent.objects.count()
    response = _post(
        client,
        world,
        "mentor",
        reverse("programs:event-add", kwargs={"pk": world.own.program.pk}),
        {
            "title": "Посещение урока",
            "form": "lesson_visit",
            "start": "2026-10-20",
            "responsible": "mentee",
            "responsible_person": world.other.mentee_entry.person.pk,
        },
    )
    assert response.status_code in (200, 400), response.status_code
    assert RoadmapEvent.objects.count() == before
    if response.status_code == 200 and response.context and "form" in response.context:
        assert response.context["form"].errors.get("responsible_person")


def test_risk_entry_refuses_an_owner_of_another_organisation(world, client):
    from apps.risks.models import RiskEntry

    before = RiskEntry.objects.count()
    response = _post(
        client,
        world,
        "curator",
        reverse("risks:entry-edit", kwargs={"pk": world.own.risk_entry.pk}),
        {
            "kind": "load",
            "description": "x",
            "measure": "y",
            "owner": world.cast.other_curator.pk,
            "due_on": "",
        },
    )
    assert _field_errors(response, "owner")
    assert RiskEntry.objects.count() == before


def test_paper_application_refuses_a_teacher_of_another_organisation(world, client):
    from apps.banks.models import Petition

    before = Petition.objects.count()
    response = _post(
        client,
        world,
        "curator",
        reverse("banks:petition-paper"),
        {
            "person": world.other.person.pk,
            "filed_on": "2026-09-01",
            "kind": "mentee",
            "text": "Прошу закрепить наставника.",
            "areas": ["methodical"],
            "category": "young",
        },
    )
    assert _field_errors(response, "person")
    assert Petition.objects.count() == before


def test_decision_on_another_organisations_application_is_not_found(world, client):
    petition = world.other.petition
    for view in ("banks:petition-accept", "banks:petition-decline"):
        response = _post(client, world, "curator", reverse(view, args=[petition.pk]), {"comment": "нет"})
        assert response.status_code == 404
    petition.refresh_from_db()
    assert petition.status == "submitted"


def test_council_agenda_and_attendance_refuse_another_organisations_objects(world, client):
    """A question about another school's program, pair or teacher, and another school's staff marked
    present, are refused at their fields; nothing is added."""
    from apps.council.models import AgendaItem, Attendee

    meeting, other = world.own.meeting, world.other
    items, attendees = AgendaItem.objects.count(), Attendee.objects.count()
    url = reverse("council:item-create", args=[meeting.pk])
    for kind, field, value in (
        ("program", "program", other.program.pk),
        ("conflict", "group", other.group.pk),
        ("nomination", "person", other.person.pk),
    ):
        response = _post(
            client,
            world,
            "council",
            url,
            {"kind": kind, "question": "Вопрос", field: value, "nomination": "грамота"},
        )
        assert _field_errors(response, field), field
    response = _post(
        client,
        world,
        "council",
        url,
        {"kind": "other", "question": "Вопрос", "speaker": world.cast.other_curator.pk},
    )
    assert _field_errors(response, "speaker")
    response = _post(
        client,
        world,
        "curator",
        reverse("council:attendance-edit", args=[meeting.pk]),
        {"members": [world.cast.council.pk, world.cast.other_curator.pk]},
    )
    assert _field_errors(response, "members")
    assert (AgendaItem.objects.count(), Attendee.objects.count()) == (items, attendees)


@pytest.mark.parametrize(
    ("role", "name", "target"),
    [
        ("curator", "allowances:basis-detail", "allowance_basis"),
        ("curator", "allowances:basis-refresh", "allowance_basis"),
        ("curator", "allowances:basis-correct", "closed_basis"),
        ("director", "allowances:basis-approve", "allowance_basis"),
        ("director", "allowances:basis-pdf", "allowance_basis"),
        ("accountant", "allowances:basis-close", "approved_basis"),
        ("accountant", "allowances:basis-xlsx", "allowance_basis"),
        ("accountant", "allowances:basis-onec", "approved_basis"),
    ],
)
def test_a_basis_of_another_organisation_does_not_exist(world, client, role, name, target):
    """The allowance basis of another school: its id gives 404 to every reader of this school, GET or POST,
    and nothing changes."""
    from apps.allowances.models import AllowanceBasis

    basis = getattr(world.other, target)
    url = reverse(name, args=[basis.pk])
    client.force_login(getattr(world.cast, role))
    with transaction.atomic():
        answers = (
            client.get(url).status_code,
            client.post(url, {"reason": "x", "password": "x"}).status_code,
        )
        transaction.set_rollback(True)
    assert set(answers) <= {404, 405} and 404 in answers
    assert AllowanceBasis.objects.get(pk=basis.pk).status == basis.status
