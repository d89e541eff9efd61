"""The program workflow's table (Program.TRANSITIONS) is what the services enforce: from every status,
each move the table has succeeds and every other is refused with its Russian message."""

import pytest

from apps.core.exceptions import DomainError
from apps.pairs.selectors import participants
from apps.programs import services
from apps.programs.models import EndReason, Program, ProgramEnd
from tests.factories import programs as pf

pytestmark = pytest.mark.django_db

S = Program.Status


def _agree_and_approve(program, cast):
    if program.is_editable:
        for person in participants(program.group):
            services.program_agree(program=program, user=person.user)
    return services.program_approve(program=program, user=cast.curator)


def _end(program, cast):
    ending = services.program_end_request(
        program=program, user=cast.curator, reason=EndReason.PLAN_DONE, survey_asked=True
    )
    pf.sign(ending.order, cast.director)
    return Program.objects.get(pk=program.pk)


# One service per arrow, by the status it moves to; and the message it refuses with.
MOVES = {
    S.ON_APPROVAL: (
        lambda program, cast: services.program_submit(program=program, user=cast.curator),
        "Направить на согласование можно только проект программы.",
    ),
    S.DRAFT: (
        lambda program, cast: services.program_return(program=program, user=cast.curator),
        "Вернуть на доработку можно только программу на согласовании.",
    ),
    S.APPROVED: (_agree_and_approve, "Утвердить можно только программу, направленную на согласование."),
    S.FINISHED: (_end, "Завершить можно только утверждённую программу."),
}


def _reach(status, program, cast):
    """A program in ``status``, through the services."""
    if status == S.DRAFT:
        return program
    program = services.program_submit(program=program, user=cast.curator)
    if status == S.ON_APPROVAL:
        return program
    program = _agree_and_approve(program, cast)
    return program if status == S.APPROVED else _end(program, cast)


def test_every_status_has_a_service_that_moves_to_it():
    assert set(MOVES) == set(S.values)


@pytest.mark.parametrize("source", S.values)
@pytest.mark.parametrize("target", S.values)
def test_program_services_enforce_the_transition_table(program, cast, source, target):
    program = _reach(source, program, cast)
    assert program.status == source
    move, message = MOVES[target]
    if (source, target) in Program.moves():
        assert move(program, cast).status == target
    else:
        with pytest.raises(DomainError) as error:
            move(program, cast)
        assert error.value.message == message
        program.refresh_from_db()
        assert program.status == source


def test_signing_an_end_order_of_a_program_no_longer_approved_finishes_nothing(approved, cast):
    """``program_finish`` (the PROGRAM_END order's effect) asks the same table."""
    program = _end(approved, cast)
    ending = ProgramEnd.objects.get(program=program)
    with pytest.raises(DomainError) as error:
        services.program_finish(ending, ending.order)
    assert error.value.message == f"Программа «{program}» не действует: завершать нечего."
