"""Forming pairs and groups: every rule of a pair lives in ``group_check``; drafts created one by one
or as a cohort, a draft deleted or returned from its order, the psychologist's view of compatibility."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from apps.banks.models import MenteeEntry, MentorEntry
from apps.core import locking, russian
from apps.core.exceptions import DomainError
from apps.staff.models import DisclosureConsent, Person
from apps.staff.services import person_require_consent

from ..models import (
    Compatibility,
    Form,
    GroupMember,
    MentoringGroup,
    MentoringType,
)
from ..selectors import compatibility_state, group_compatibility_state, mentor_load

MENTEE_READY_STATUSES = (MenteeEntry.Status.WAITING, MenteeEntry.Status.IN_PAIR)


def _require_consent(person: Person, field: str) -> None:
    try:
        person_require_consent(person=person)
    except DomainError as error:
        raise DomainError(error.message, field=field) from None


def _same_person(a: Person, b: Person) -> bool:
    return a.pk == b.pk or (a.user_id is not None and a.user_id == b.user_id)


def group_check(
    *,
    organization,
    year,
    mentor: MentorEntry,
    mentees: list[MenteeEntry],
    form: str,
    types: list[str],
    planned_start: date,
    planned_end: date,
    direction: str,
    exclude_group: MentoringGroup | None = None,
    replacing: GroupMember | None = None,
    lock: bool = True,
) -> None:
    """The rules of a pair or group, each with its Russian message at its field. With ``lock`` the
    mentor's bank row is locked so that two curators cannot both take the mentor's last place."""
    if lock:
        mentor = (
            MentorEntry.objects.select_for_update(of=("self",)).select_related("person").get(pk=mentor.pk)
        )
    if mentor.year_id != year.pk:
        raise DomainError(
            "Наставник должен быть из банка наставников этой организации и этого учебного года.",
            field="mentor",
        )
    if mentor.organization_id != organization.pk:
        _check_distance_mentor(mentor, organization)
    if mentor.status not in MentorEntry.APPROVED_STATUSES:
        raise DomainError(
            f"{mentor.person.short_name} ещё не "
            f"{russian.by_sex(mentor.person, 'утверждён', 'утверждена')} руководителем как наставник.",
            field="mentor",
        )
    if not mentor.consent_signed_on:
        raise DomainError(
            f"Нет письменного согласия {russian.short_name_in(mentor.person, 'genitive')} быть "
            "наставником (ТК РФ ст. 351.8).",
            field="mentor",
        )
    _require_consent(mentor.person, "mentor")

    if not mentees:
        raise DomainError("Выберите наставляемого.", field="mentees")
    if form == Form.TEACHER_GROUP and len(mentees) < 2:
        raise DomainError("В группе наставляемых должно быть не меньше двух человек.", field="mentees")
    if form != Form.TEACHER_GROUP and len(mentees) != 1:
        raise DomainError(
            "В паре ровно один наставляемый; для нескольких выберите форму «педагог – группа педагогов».",
            field="mentees",
        )
    if len({m.pk for m in mentees}) != len(mentees):
        raise DomainError("Один и тот же наставляемый выбран дважды.", field="mentees")
    if not types:
        raise DomainError("Выберите хотя бы один вид наставничества.", field="types")
    if planned_start is None or planned_end is None or planned_end <= planned_start:
        raise DomainError("Плановое окончание должно быть позже планового начала.", field="planned_end")

    for mentee in mentees:
        person = mentee.person
        if mentee.organization_id != organization.pk or mentee.year_id != year.pk:
            raise DomainError(
                f"{person.short_name} не состоит в банке наставляемых этой организации и этого года.",
                field="mentees",
            )
        if _same_person(person, mentor.person):
            raise DomainError("Наставник не может быть наставником самому себе.", field="mentees")
        if mentee.status not in MENTEE_READY_STATUSES:
            raise DomainError(
                f"{person.short_name}: запись банка наставляемых в статусе «{mentee.get_status_display()}».",
                field="mentees",
            )
        _require_consent(person, "mentees")
        busy = GroupMember.objects.filter(mentee=mentee, direction=direction).exclude(
            status=GroupMember.Status.ENDED
        )
        if exclude_group is not None:
            busy = busy.exclude(group=exclude_group)
        if replacing is not None:
            busy = busy.exclude(pk=replacing.pk)
        if busy.exists():
            raise DomainError(
                f"У {russian.short_name_in(person, 'genitive')} уже есть пара по направлению "
                f"«{_direction_label(direction)}».",
                field="mentees",
            )

    load = mentor_load(mentor)
    if exclude_group is not None and exclude_group.status in (
        MentoringGroup.Status.AWAITING_ORDER,
        MentoringGroup.Status.ACTIVE,
    ):
        load -= exclude_group.members.exclude(status=GroupMember.Status.ENDED).count()
    if load + len(mentees) > mentor.max_mentees:
        raise DomainError(
            f"У наставника {russian.short_name_in(mentor.person, 'genitive')} уже "
            f"{russian.count(load, 'наставляемый')} из {mentor.max_mentees} "
            f"{russian.agree(mentor.max_mentees, 'возможного,возможных,возможных')}: выберите другого "
            "наставника или увеличьте лимит в банке наставников.",
            field="mentor",
        )


def _check_distance_mentor(mentor: MentorEntry, organization) -> None:
    """A mentor of another organisation (a distance pair, issue 9 §3) only from the regional base:
    the same region, still working, marked visible in the region, and an active separate consent to
    transfer their data to other organisations (DisclosureConsent TRANSFER). A withdrawn consent or a
    removed mark stops new distance pairs at once: this check runs again when the pairs go into an
    order, and the order cannot be signed (``effects.distance_blockers``)."""
    from apps.organizations.models import Organization

    name = mentor.person.short_name
    same_region = Organization.objects.filter(
        pk=mentor.organization_id, municipality__region__municipalities__organizations=organization
    ).exists()
    if not same_region:
        raise DomainError(
            "Наставник должен быть из банка наставников этой организации или из региональной базы "
            "наставников (организации того же региона).",
            field="mentor",
        )
    if mentor.person.left_on is not None:
        raise DomainError(f"{name} уже не работает в своей организации.", field="mentor")
    if not mentor.visible_in_region:
        raise DomainError(
            f"{name} не {russian.by_sex(mentor.person, 'включён', 'включена')} в региональную базу "
            "наставников (нет отметки «виден в регионе»): "
            "дистанционная пара с наставником другой организации невозможна.",
            field="mentor",
        )
    consented = DisclosureConsent.objects.filter(
        person_id=mentor.person_id, kind=DisclosureConsent.Kind.TRANSFER, withdrawn_on__isnull=True
    ).exists()
    if not consented:
        raise DomainError(
            f"Нет действующего согласия {name} на передачу сведений другим организациям региона: "
            "дистанционная пара с наставником другой организации невозможна.",
            field="mentor",
        )


def _direction_label(direction: str) -> str:
    from ..models import Direction

    return dict(Direction.choices).get(direction, direction)


def _with_virtual(types: list[str], mentor: MentorEntry, organization_id: int) -> list[str]:
    """A pair with a mentor of another organisation is a distance pair: «виртуальное (дистанционное)»."""
    types = list(types)
    if mentor.organization_id != organization_id and MentoringType.VIRTUAL not in types:
        types.append(MentoringType.VIRTUAL)
    return types


def _add_members(group: MentoringGroup, mentor: MentorEntry, mentees: list[MenteeEntry], direction: str):
    GroupMember.objects.bulk_create(
        GroupMember(
            group=group,
            mentee=mentee,
            mentee_person_id=mentee.person_id,
            mentor_person_id=mentor.person_id,
            direction=direction,
        )
        for mentee in mentees
    )


@transaction.atomic
def group_create(
    *,
    organization,
    year,
    mentor: MentorEntry,
    mentees: list[MenteeEntry],
    form: str,
    types: list[str],
    direction: str,
    planned_start: date,
    planned_end: date,
    goal: str = "",
    created_by=None,
    replacing: GroupMember | None = None,
    status: str = MentoringGroup.Status.DRAFT,
) -> MentoringGroup:
    """Create a draft pair (one mentee) or group (several) after checking every rule. A pair with a
    mentor of another organisation is a distance pair: the kind «виртуальное (дистанционное)» is
    added to its types."""
    group_check(
        organization=organization,
        year=year,
        mentor=mentor,
        mentees=mentees,
        form=form,
        types=types,
        planned_start=planned_start,
        planned_end=planned_end,
        direction=direction,
        replacing=replacing,
    )
    types = _with_virtual(types, mentor, organization.pk)
    group = MentoringGroup.objects.create(
        organization=organization,
        year=year,
        mentor=mentor,
        form=form,
        types=types,
        direction=direction,
        goal=goal,
        planned_start=planned_start,
        planned_end=planned_end,
        created_by=created_by,
        status=status,
    )
    try:
        with transaction.atomic():
            _add_members(group, mentor, mentees, direction)
    except IntegrityError as error:  # the database's own guard, e.g. self-mentoring under a race
        raise DomainError(
            "Пара нарушает правила формирования: наставник не может наставлять сам себя.", field="mentees"
        ) from error
    return group


@transaction.atomic
def group_update_draft(
    *,
    group: MentoringGroup,
    mentor: MentorEntry,
    mentees: list[MenteeEntry],
    form: str,
    types: list[str],
    direction: str,
    planned_start: date,
    planned_end: date,
    goal: str = "",
) -> MentoringGroup:
    """Change a draft pair or group before it goes into an order, under every rule of a new one. The
    consents of a person who is no longer a participant go with them; when the people change, the
    psychologist's conclusion (given on the people) is cleared."""
    group = MentoringGroup.objects.select_for_update().get(pk=group.pk)
    if group.status != MentoringGroup.Status.DRAFT:
        raise DomainError("Изменить можно только проект пары, ещё не включённый в приказ.")
    group_check(
        organization=group.organization,
        year=group.year,
        mentor=mentor,
        mentees=mentees,
        form=form,
        types=types,
        planned_start=planned_start,
        planned_end=planned_end,
        direction=direction,
        exclude_group=group,
    )
    types = _with_virtual(types, mentor, group.organization_id)
    before = {group.mentor_id, *(("mentee", m) for m in group.members.values_list("mentee_id", flat=True))}
    after = {mentor.pk, *(("mentee", m.pk) for m in mentees)}
    group.mentor, group.form, group.types, group.direction = mentor, form, types, direction
    group.planned_start, group.planned_end, group.goal = planned_start, planned_end, goal
    fields = ["mentor", "form", "types", "direction", "planned_start", "planned_end", "goal", "updated_at"]
    if before != after:
        group.compatibility, group.compatibility_note = "", ""
        group.compatibility_by, group.compatibility_at = None, None
        fields += ["compatibility", "compatibility_note", "compatibility_by", "compatibility_at"]
    group.save(update_fields=fields)

    wanted = {m.pk: m for m in mentees}
    group.members.exclude(mentee_id__in=wanted).delete()
    group.members.update(direction=direction, mentor_person_id=mentor.person_id)
    kept = set(group.members.values_list("mentee_id", flat=True))
    _add_members(group, mentor, [m for pk, m in wanted.items() if pk not in kept], direction)
    people = {mentor.person_id, *(m.person_id for m in mentees)}
    group.duty_consents.exclude(person_id__in=people).delete()
    return group


@transaction.atomic
def group_delete_draft(*, group: MentoringGroup) -> None:
    group = MentoringGroup.objects.select_for_update().get(pk=group.pk)
    if group.status != MentoringGroup.Status.DRAFT:
        raise DomainError("Удалить можно только проект пары, ещё не включённый в приказ.")
    group.delete()


@transaction.atomic
def group_return_to_draft(*, group: MentoringGroup) -> MentoringGroup:
    """Ожидает приказа → проект, when the draft order that named the pair was deleted."""
    group = MentoringGroup.objects.select_for_update().get(pk=group.pk)
    message = "Вернуть в проекты можно только пару, проект приказа о которой удалён."
    group.require_move(MentoringGroup.Status.DRAFT, message)
    if group.assigned_order_id is not None:
        raise DomainError(message)
    group.status = MentoringGroup.Status.DRAFT
    group.save(update_fields=["status", "updated_at"])
    return group


@transaction.atomic
def group_set_compatibility(
    *, group: MentoringGroup, user, compatibility: str, note: str, lock_token: str | None = None
) -> MentoringGroup:
    """The psychologist's view of compatibility (no health information: 152-ФЗ art. 10).
    ``lock_token``: the conclusion the form was opened on; another psychologist's save in between is
    an EditConflict and nothing is written."""
    if compatibility not in Compatibility.values:
        raise DomainError("Выберите оценку совместимости.", field="compatibility")
    group = MentoringGroup.objects.select_for_update().get(pk=group.pk)
    if group.status == MentoringGroup.Status.ENDED:
        raise DomainError("Пара завершена: заключение уже не меняется.")
    locking.check_unchanged(
        token=lock_token,
        saved=group_compatibility_state(group),
        mine=compatibility_state(compatibility=compatibility, note=note.strip()),
    )
    group.compatibility, group.compatibility_note = compatibility, note.strip()
    group.compatibility_by, group.compatibility_at = user, timezone.now()
    group.save(
        update_fields=[
            "compatibility",
            "compatibility_note",
            "compatibility_by",
            "compatibility_at",
            "updated_at",
        ]
    )
    return group


@transaction.atomic
def cohort_create(
    *, organization, year, rows, planned_start: date, planned_end: date, user
) -> list[MentoringGroup]:
    """Create the draft pairs the curator kept from the cohort proposal, all or none: ``rows`` are
    (mentee entry, mentor entry, direction). A refused row names the mentee in the message."""
    created = []
    for mentee, mentor, direction in rows:
        try:
            created.append(
                group_create(
                    organization=organization,
                    year=year,
                    mentor=mentor,
                    mentees=[mentee],
                    form=Form.TEACHER_TEACHER,
                    types=[MentoringType.TRADITIONAL],
                    direction=direction,
                    planned_start=planned_start,
                    planned_end=planned_end,
                    created_by=user,
                )
            )
        except DomainError as error:
            raise DomainError(f"{mentee.person.short_name}: {error.message}", field=error.field) from None
    return created
