"""Writes about the plans of a program (part of its text until approval), row by row."""

from django.db import transaction
from django.utils import timezone

from apps.core import locking
from apps.core.exceptions import DomainError

from ..models import (
    CompetencePlanItem,
    DeficitPlanItem,
    ModelPlanItem,
    Program,
)
from .programs import _lock, open_revision


def _touch(program: Program) -> None:
    """Plans are part of the text: a change of a plan is a change of the edition (a new one if
    somebody agreed with the current one, see open_revision)."""
    program.version += 1
    open_revision(program)
    Program.objects.filter(pk=program.pk).update(
        version=program.version, revision=program.revision, updated_at=timezone.now()
    )


PLAN_MODELS = {"deficit": DeficitPlanItem, "competence": CompetencePlanItem, "model": ModelPlanItem}


@transaction.atomic
def plan_item_save(
    *,
    program: Program,
    user,
    plan: str,
    data: dict,
    item_id: int | None = None,
    lock_token: str | None = None,
):
    """Add or change a row of a plan. ``lock_token``: the row as its form was opened; another save of
    the row in between is an EditConflict and nothing is written."""
    program = _lock(program)
    if not program.is_editable:
        raise DomainError("План утверждённой программы меняется только приказом об изменении программы.")
    model = PLAN_MODELS[plan]
    if item_id:
        item = model.objects.get(program=program, pk=item_id)
        locking.check_unchanged(
            token=lock_token,
            saved=locking.model_state(model, {name: getattr(item, name) for name in data}),
            mine=locking.model_state(model, data),
        )
        for name, value in data.items():
            setattr(item, name, value)
        item.save()
    else:
        position = model.objects.filter(program=program).count()
        item = model.objects.create(program=program, position=position, **data)
    _touch(program)
    return item


@transaction.atomic
def plan_item_delete(*, program: Program, user, plan: str, item_id: int) -> None:
    program = _lock(program)
    if not program.is_editable:
        raise DomainError("План утверждённой программы меняется только приказом об изменении программы.")
    PLAN_MODELS[plan].objects.filter(program=program, pk=item_id).delete()
    _touch(program)
