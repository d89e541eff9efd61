"""The workflow helper: a model moves only along its table, and a table must name every status."""

import pytest
from django.db import models

from apps.banks.models import MenteeEntry, MentorEntry
from apps.core.exceptions import DomainError
from apps.core.workflow import WorkflowMixin, check_table
from apps.orders.models import Order
from apps.pairs.models import MentoringGroup
from apps.programs.models import Program
from apps.territory.models import Roadmap


class Light(models.TextChoices):
    RED = "red", "красный"
    GREEN = "green", "зелёный"
    OFF = "off", "выключен"


class Lamp(WorkflowMixin):
    """Not a model: the mixin needs only ``Status``, ``TRANSITIONS`` and a ``status`` attribute."""

    Status = Light
    TRANSITIONS = {
        Light.RED: {Light.GREEN, Light.OFF},
        Light.GREEN: {Light.RED},
        Light.OFF: set(),
    }

    def __init__(self, status: str):
        self.status = status


def test_allowed_moves_are_the_row_of_the_current_status():
    assert Lamp("red").allowed_next() == {"green", "off"}
    assert Lamp("green").allowed_next() == {"red"}
    assert Lamp("off").allowed_next() == frozenset()


def test_can_move_to_answers_from_the_table_for_plain_strings_and_choices():
    lamp = Lamp("red")  # as read from the database: a plain string
    assert lamp.can_move_to("green") and lamp.can_move_to(Light.OFF)
    assert not lamp.can_move_to("red")
    assert not Lamp("green").can_move_to(Light.OFF)


def test_a_status_outside_the_table_moves_nowhere():
    assert Lamp("broken").allowed_next() == frozenset()
    assert not Lamp("broken").can_move_to("red")


def test_require_move_refuses_with_the_services_russian_message():
    Lamp("red").require_move(Light.GREEN, "не должно понадобиться")
    with pytest.raises(DomainError) as error:
        Lamp("off").require_move(Light.RED, "Включить можно только выключенную лампу.")
    assert error.value.message == "Включить можно только выключенную лампу."
    assert error.value.field is None


def test_moves_lists_every_arrow_of_the_table():
    assert Lamp.moves() == {("red", "green"), ("red", "off"), ("green", "red")}


def test_a_table_without_a_row_for_a_status_is_refused_when_the_class_is_made():
    with pytest.raises(TypeError, match="no row for \\['off'\\]"):

        class Forgetful(WorkflowMixin):
            Status = Light
            TRANSITIONS = {Light.RED: {Light.GREEN}, Light.GREEN: {Light.RED}}


def test_a_table_naming_an_unknown_status_is_refused_when_the_class_is_made():
    with pytest.raises(TypeError, match="unknown statuses \\['blue'\\]"):

        class Confused(WorkflowMixin):
            Status = Light
            TRANSITIONS = {Light.RED: {"blue"}, Light.GREEN: set(), Light.OFF: set()}


def test_a_table_without_status_choices_is_refused():
    with pytest.raises(TypeError, match="Status choices"):
        check_table({"a": set()}, None, owner="Nothing")


WORKFLOWS = [Order, MentoringGroup, Program, Roadmap, MenteeEntry, MentorEntry]


@pytest.mark.parametrize("model", WORKFLOWS, ids=lambda m: m.__name__)
def test_every_workflow_of_the_portal_declares_a_full_table(model):
    """Each workflow takes its checks from the one helper, and its table covers its statuses."""
    assert issubclass(model, WorkflowMixin)
    assert "can_move_to" not in model.__dict__  # no hand-written copy of the check
    assert {str(s) for s in model.TRANSITIONS} == set(model.Status.values)
    check_table(model.TRANSITIONS, model.Status, owner=model.__name__)


@pytest.mark.parametrize("model", WORKFLOWS, ids=lambda m: m.__name__)
def test_an_unsaved_object_answers_from_its_models_table(model):
    for source in model.Status.values:
        obj = model(status=source)
        assert obj.allowed_next() == {target for s, target in model.moves() if s == source}
