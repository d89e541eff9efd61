"""The program bank: a finished good practice published without personal details."""

from django.db import transaction

from apps.core.exceptions import DomainError

from ..models import (
    SECTION_FIELDS,
    Program,
    ProgramTemplate,
    RoadmapEvent,
)
from .programs import _lock, _plans_snapshot


@transaction.atomic
def program_publish(
    *, program: Program, user, title: str = "", visibility: str = ProgramTemplate.Visibility.ORGANIZATION
) -> ProgramTemplate:
    """Mark a finished program as a good practice and copy it to the bank without personal details:
    no names (participants' section is dropped), no reflections, evidence or comments."""
    program = _lock(program)
    if not program.is_finished:
        raise DomainError("В банк публикуется только завершённая программа.")
    if visibility not in ProgramTemplate.Visibility.values:
        raise DomainError("Неизвестная видимость.", field="visibility")
    months = max(1, round((program.end - program.start).days / 30.4))
    sections = {name: getattr(program, name) for name in SECTION_FIELDS if name != "participants_note"}
    sections["mode"] = program.mode
    sections["mentoring_types"] = list(program.mentoring_types)
    events = [
        {
            "title": e.title,
            "form": e.form,
            "offset": (e.start - program.start).days,
            "length": (e.end - e.start).days if e.end else None,
            "responsible": e.responsible,
            # A name typed as «other responsible» may identify a person: keep only the role.
            "responsible_other": "",
            "product": e.product,
            "expected_result": e.expected_result,
        }
        for e in program.events.exclude(status=RoadmapEvent.Status.CANCELLED).order_by("start", "pk")
    ]
    template = ProgramTemplate.objects.create(
        organization=program.organization,
        title=(title or program.title).strip(),
        visibility=visibility,
        months=months,
        sections=sections,
        deficit_plan=_plans_snapshot(program)["deficit"],
        competence_plan=_plans_snapshot(program)["competence"],
        model_plan=_plans_snapshot(program)["model"],
        events=events,
        source_program=program,
        published_by=user,
    )
    program.is_good_practice = True
    program.save(update_fields=["is_good_practice", "updated_at"])
    return template


@transaction.atomic
def template_set_public(*, template: ProgramTemplate, user, public: bool) -> ProgramTemplate:
    """Show a bank program on the organisation's public page «Наставничество», or take it off (seed 001
    §8.1). Only the program's own organisation publishes it: a regional program of another school is not
    this one's to put on its site."""
    template = ProgramTemplate.objects.select_for_update().get(pk=template.pk)
    if not user.has_perm("programs.publish_program", template.organization):
        raise DomainError("Публиковать программу на странице может только куратор её организации.")
    if template.on_public_page != public:
        template.on_public_page = public
        template.save(update_fields=["on_public_page", "updated_at"])
    return template
