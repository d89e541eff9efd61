"""What a withdrawal of the personal-data consent does to programs (152-ФЗ art. 21 p. 5), registered
in ``ProgramsConfig.ready()`` on ``apps.pairs.hooks.group_ended_early``: the pair or group has just
ended in the withdrawal transaction (``apps.pairs.receivers``), and its approved program is finished
early «по инициативе наставляемого» (seed 001 §7.1) with the reason in words."""

from datetime import date

from apps.pairs.models import MentoringGroup

from .models import EndReason, Program, ProgramEnd
from .services import _save_version


def finish_program_early(*, group: MentoringGroup, day: date, explanation: str, user) -> None:
    """Approved → finished (the only way out of «утверждена»), with the reason of seed 001 §7.1."""
    program = Program.objects.select_for_update().filter(group=group).first()
    if program is None or program.status == Program.Status.FINISHED:
        return
    if program.status != Program.Status.APPROVED:
        # A draft program of a pair that never started work: nothing was carried out, it stays a draft.
        return
    program.status, program.finished_on = Program.Status.FINISHED, max(day, program.start)
    program.save(update_fields=["status", "finished_on", "updated_at"])
    ProgramEnd.objects.update_or_create(
        program=program,
        defaults={
            "reason": EndReason.PARTICIPANT_INITIATIVE,
            "explanation": explanation,
            "applied": True,
            "created_by": user,
        },
    )
    _save_version(program, user, f"Завершена досрочно: {explanation}")
