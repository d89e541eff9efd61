"""What signing PROGRAM_CHANGE and PROGRAM_END orders does to programs (registered in
``ProgramsConfig.ready()``; ``on_sign`` runs inside the signing transaction)."""

from .models import Program, ProgramChange, ProgramEnd


def change_blockers(order) -> list[str]:
    problems = []
    for change in ProgramChange.objects.filter(order=order).select_related("program"):
        if change.program.status != Program.Status.APPROVED:
            problems.append(f"Программа «{change.program}» уже не действует.")
    return problems


def end_blockers(order) -> list[str]:
    problems = []
    for ending in ProgramEnd.objects.filter(order=order).select_related("program"):
        if ending.program.status != Program.Status.APPROVED:
            problems.append(f"Программа «{ending.program}» уже не действует.")
    return problems


def apply_changes(order) -> None:
    from .services import change_apply

    for change in ProgramChange.objects.filter(order=order, status=ProgramChange.Status.ON_ORDER):
        change_apply(change, order)


def finish_programs(order) -> None:
    from .services import program_finish

    for ending in ProgramEnd.objects.filter(order=order, applied=False).select_related("program"):
        program_finish(ending, order)


def register_order_effects() -> None:
    from apps.orders import effects
    from apps.orders.models import Order

    effects.register(Order.Kind.PROGRAM_CHANGE, blockers=change_blockers, on_sign=apply_changes)
    effects.register(Order.Kind.PROGRAM_END, blockers=end_blockers, on_sign=finish_programs)
