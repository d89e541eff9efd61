"""Destruction of a person's data in the programs after a withdrawal of consent."""

from django.utils import timezone

from apps.pairs.models import GroupMember
from apps.staff.models import Person

from ..models import (
    ActivityLog,
    EvidenceFile,
    Program,
    ProgramComment,
    RoadmapEvent,
)


def _name_pattern(person: Person):
    """The person's name as it may be written in a free text: full, short, in any stored case."""
    import re

    forms = {person.full_name, person.short_name}
    forms |= {
        getattr(person, f"name_{case}", "")
        for case in ("genitive", "dative", "accusative", "instrumental", "prepositional")
    }
    forms = sorted((form for form in forms if form and len(form) >= 3), key=len, reverse=True)
    if person.last_name and len(person.last_name) >= 3:
        forms.append(rf"{re.escape(person.last_name)}\w*")
    escaped = [form if form.endswith(r"\w*") else re.escape(form) for form in forms]
    return re.compile("|".join(escaped), re.IGNORECASE) if escaped else None


ERASED_NAME = "[ФИО удалено]"


def erase_person_data(*, person: Person, user=None) -> tuple[dict[str, int], list[str]]:
    """Destruction after a withdrawal (152-ФЗ art. 21 p. 5) in the programs: the mentee's reflections,
    the comments and the evidence files the person wrote or uploaded, and the person's name in the
    free text of the activity log (depersonalised). The program itself belongs to the organisation
    and stays. Returns the counts and the file names to delete on commit."""
    counts = {"reflections": 0, "comments": 0, "evidence_files": 0, "activity_notes": 0}
    files: list[str] = []
    program_ids = list(
        GroupMember.objects.filter(mentee_person=person)
        .exclude(group__program__isnull=True)
        .values_list("group__program", flat=True)
    )
    for program in Program.objects.filter(pk__in=program_ids):
        events = RoadmapEvent.objects.filter(program=program).exclude(reflection="")
        if GroupMember.objects.filter(group_id=program.group_id).exclude(mentee_person=person).exists():
            events = events.filter(responsible_person=person)
        counts["reflections"] += events.update(reflection="", updated_at=timezone.now())
    if user is not None:
        counts["comments"], _ = ProgramComment.objects.filter(author=user).delete()
        evidence = EvidenceFile.objects.filter(uploaded_by=user)
        files = [name for name in evidence.values_list("file", flat=True) if name]
        counts["evidence_files"], _ = evidence.delete()
    pattern = _name_pattern(person)
    if pattern is not None and person.last_name:
        for activity in ActivityLog.objects.filter(
            program__organization_id=person.organization_id, notes__icontains=person.last_name
        ):
            notes = pattern.sub(ERASED_NAME, activity.notes)
            if notes != activity.notes:
                ActivityLog.objects.filter(pk=activity.pk).update(notes=notes, updated_at=timezone.now())
                counts["activity_notes"] += 1
    return counts, files
