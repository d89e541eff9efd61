"""Writes on pairs and groups: every rule of forming a pair lives in ``group_check``; each status move
has one service; pairs become active and end only through signed orders (effects.py)."""

from datetime import date
from pathlib import Path
from uuid import uuid4

from django.db import IntegrityError, transaction
from django.utils import timezone

from apps.banks.models import MenteeEntry, MentorEntry
from apps.core import locking
from apps.core.exceptions import DomainError
from apps.staff.models import DisclosureConsent, Person
from apps.staff.services import person_require_consent

from .models import (
    Compatibility,
    DutyConsent,
    DutyConsentScan,
    Form,
    GroupMember,
    MentorChange,
    MentoringGroup,
    MentoringType,
)
from .selectors import compatibility_state, group_compatibility_state, mentor_load, participants

MENTOR_READY_STATUSES = (MentorEntry.Status.APPROVED, MentorEntry.Status.ACTIVE)
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
    if mentor.status not in MENTOR_READY_STATUSES:
        raise DomainError(
            f"{mentor.person.short_name} ещё не утверждён(а) руководителем как наставник.", field="mentor"
        )
    if not mentor.consent_signed_on:
        raise DomainError(
            f"Нет письменного согласия {mentor.person.short_name} быть наставником (ТК РФ ст. 351.8).",
            field="mentor",
        )
    _require_consent(mentor.person, "mentor")

    if not mentees:
        raise DomainError("Выберите наставляемого.", field="mentees")
    if form == Form.TEACHER_GROUP and len(mentees) < 2:
        raise DomainError("В группе наставляемых должно быть не меньше двух человек.", field="mentees")
    if form != Form.TEACHER_GROUP and len(mentees) != 1:
        raise DomainError(
            "В паре ровно один наставляемый; для нескольких выберите форму «Педагог — группа педагогов».",
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
                f"У {person.short_name} уже есть пара по направлению «{_direction_label(direction)}».",
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
            f"У наставника {mentor.person.short_name} уже {load} наставляемых из {mentor.max_mentees} "
            "возможных: выберите другого наставника или увеличьте лимит в банке наставников.",
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
            f"{name} не включён(а) в региональную базу наставников (нет отметки «виден в регионе»): "
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
    from .models import Direction

    return dict(Direction.choices).get(direction, direction)


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
    types = list(types)
    if mentor.organization_id != organization.pk and MentoringType.VIRTUAL not in types:
        types.append(MentoringType.VIRTUAL)
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
    except IntegrityError as error:  # the database's own guard, e.g. self-mentoring under a race
        raise DomainError(
            "Пара нарушает правила формирования: наставник не может наставлять сам себя.", field="mentees"
        ) from error
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
    if group.status != MentoringGroup.Status.AWAITING_ORDER or group.assigned_order_id is not None:
        raise DomainError("Вернуть в проекты можно только пару, проект приказа о которой удалён.")
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


def _require_participant(group: MentoringGroup, person: Person) -> None:
    if person.pk not in {p.pk for p in participants(group)}:
        raise DomainError("Этот человек не участвует в паре (группе).", field="person")


@transaction.atomic
def duty_consent_confirm(*, group: MentoringGroup, user) -> DutyConsent:
    """The signed-in participant confirms their consent to the additional duties in the portal."""
    person = next((p for p in participants(group) if p.user_id == user.pk), None)
    if person is None:
        raise DomainError("Подтвердить согласие может только сам участник пары (группы).")
    return _consent_record(
        group=group, person=person, form=DutyConsent.Form.PORTAL, signed_on=timezone.localdate(), user=user
    )


@transaction.atomic
def duty_consent_upload(*, group: MentoringGroup, person: Person, signed_on: date, scan, user) -> DutyConsent:
    """The curator records a paper consent with its scan."""
    _require_participant(group, person)
    if not scan:
        raise DomainError("Загрузите скан подписанного согласия.", field="scan")
    if signed_on > timezone.localdate():
        raise DomainError("Дата согласия не может быть в будущем.", field="signed_on")
    return _consent_record(
        group=group, person=person, form=DutyConsent.Form.SCAN, signed_on=signed_on, user=user, scan=scan
    )


def _consent_record(*, group, person, form, signed_on, user, scan=None) -> DutyConsent:
    if group.status == MentoringGroup.Status.ENDED:
        raise DomainError("Пара завершена.")
    if DutyConsent.objects.filter(group=group, person=person).exists():
        raise DomainError(f"Согласие {person.short_name} уже получено.", field="person")
    consent = DutyConsent(group=group, person=person, form=form, signed_on=signed_on, recorded_by=user)
    if scan:
        consent.scan.save(_scan_name(scan), scan, save=False)
    consent.save()
    return consent


def _scan_name(scan) -> str:
    """A random name: the stored file's path carries no one's name."""
    return f"{uuid4().hex}{Path(scan.name or '').suffix.lower()}"


@transaction.atomic
def duty_consent_replace_scan(*, consent: DutyConsent, signed_on: date, scan, user) -> DutyConsent:
    """The curator replaces the scan of a paper consent (a clearer copy, a re-signed paper); the
    previous scan stays in the consent's history."""
    consent = DutyConsent.objects.select_for_update().select_related("group").get(pk=consent.pk)
    if consent.group.status == MentoringGroup.Status.ENDED:
        raise DomainError("Пара завершена.")
    if consent.form != DutyConsent.Form.SCAN:
        raise DomainError("Согласие подтверждено участником в портале: скана у него нет.")
    if not scan:
        raise DomainError("Загрузите скан подписанного согласия.", field="scan")
    if signed_on > timezone.localdate():
        raise DomainError("Дата согласия не может быть в будущем.", field="signed_on")
    DutyConsentScan.objects.create(
        consent=consent,
        scan=consent.scan.name,
        signed_on=consent.signed_on,
        recorded_by_id=consent.recorded_by_id,
        recorded_at=consent.updated_at,
        replaced_by=user,
    )
    consent.scan.save(_scan_name(scan), scan, save=False)
    consent.signed_on, consent.recorded_by = signed_on, user
    consent.save(update_fields=["scan", "signed_on", "recorded_by", "updated_at"])
    return consent


# --- orders -------------------------------------------------------------------------------------


def _dative(person: Person) -> str:
    from apps.core.names import decline_full_name

    return person.name_dative or decline_full_name(
        person.last_name, person.first_name, person.patronymic, "dative", person.sex
    )


def _accusative(person: Person) -> str:
    from apps.core.names import decline_full_name

    return person.name_accusative or decline_full_name(
        person.last_name, person.first_name, person.patronymic, "accusative", person.sex
    )


def _genitive(person: Person) -> str:
    from apps.core.names import decline_full_name

    return person.name_genitive or decline_full_name(
        person.last_name, person.first_name, person.patronymic, "genitive", person.sex
    )


def _position(person: Person) -> str:
    return person.position.name.lower() if person.position_id else "педагогического работника"


def _period(group: MentoringGroup) -> str:
    return f"с {group.planned_start:%d.%m.%Y} по {group.planned_end:%d.%m.%Y}"


def pair_item_text(group: MentoringGroup) -> str:
    """«Закрепить наставляемого Васильева Артёма Дмитриевича за наставником Морозовой Татьяной
    Сергеевной …»: «закрепить кого» takes the accusative, «за кем» the instrumental case."""
    from apps.core.names import decline_full_name

    mentor = group.mentor.person
    mentor_instr = decline_full_name(
        mentor.last_name, mentor.first_name, mentor.patronymic, "instrumental", mentor.sex
    )
    mentees = [m.mentee_person for m in group.members.all() if m.status != GroupMember.Status.ENDED]
    names = ", ".join(_accusative(p) for p in mentees)
    noun = "наставляемых" if len(mentees) > 1 else "наставляемого"
    if group.is_distance:
        # «… за наставником Дюма Ольгой Павловной, учителем МБОУ Гимназия № 2 (дистанционная форма; …)»
        return (
            f"Закрепить {noun} {names} за наставником {mentor_instr}, "
            f"{position_instrumental(mentor)} {group.mentor.organization.short_name} "
            f"(дистанционная форма; {group.get_form_display()}, направление "
            f"«{group.get_direction_display()}») на срок {_period(group)}."
        )
    return (
        f"Закрепить {noun} {names} за наставником {mentor_instr} "
        f"({group.get_form_display()}, направление «{group.get_direction_display()}») "
        f"на срок {_period(group)}."
    )


# The nomenclature's words in the instrumental case («за наставником …, учителем-логопедом …»); the
# words after the head noun («дополнительного образования», «директора по …») stay as they are.
_INSTRUMENTAL = {
    "учитель": "учителем",
    "логопед": "логопедом",
    "дефектолог": "дефектологом",
    "педагог": "педагогом",
    "психолог": "психологом",
    "социальный": "социальным",
    "тьютор": "тьютором",
    "воспитатель": "воспитателем",
    "старший": "старшим",
    "организатор": "организатором",
    "библиотекарь": "библиотекарем",
    "советник": "советником",
    "вожатый": "вожатым",
    "методист": "методистом",
    "инструктор": "инструктором",
    "музыкальный": "музыкальным",
    "руководитель": "руководителем",
    "концертмейстер": "концертмейстером",
    "преподаватель": "преподавателем",
    "мастер": "мастером",
    "тренер": "тренером",
    "ассистент": "ассистентом",
    "доцент": "доцентом",
    "профессор": "профессором",
    "заведующий": "заведующим",
    "декан": "деканом",
    "директор": "директором",
    "заместитель": "заместителем",
}
_ADJECTIVES = {"социальный", "старший", "музыкальный"}


def position_instrumental(person: Person) -> str:
    """«Учитель-логопед» → «учителем-логопедом», «Старший методист» → «старшим методистом»; a
    position outside the nomenclature stays in the nominative after «в должности»."""
    if not person.position_id:
        return "педагогическим работником"
    words = person.position.name.lower().split()
    out = []
    for i, word in enumerate(words):
        parts = word.split("-")
        if not all(p in _INSTRUMENTAL for p in parts):
            if i == 0:
                return f"в должности «{person.position.name.lower()}»"
            out.extend(words[i:])
            break
        out.append("-".join(_INSTRUMENTAL[p] for p in parts))
        if word not in _ADJECTIVES:
            out.extend(words[i + 1 :])
            break
    return " ".join(out)


def _pairs_annex(groups: list[MentoringGroup]) -> dict:
    rows = []
    for n, group in enumerate(groups, start=1):
        mentees = [m.mentee_person for m in group.members.all() if m.status != GroupMember.Status.ENDED]
        mentor = f"{group.mentor.person.full_name}, {_position(group.mentor.person)}"
        if group.is_distance:
            mentor += f", {group.mentor.organization.short_name} (дистанционно)"
        rows.append(
            [
                str(n),
                mentor,
                "; ".join(p.full_name for p in mentees),
                group.get_form_display(),
                group.get_direction_display(),
                _period(group),
            ]
        )
    return {
        "title": "Состав наставнических пар (групп)",
        "columns": ["№", "Наставник", "Наставляемые", "Форма", "Направление", "Срок"],
        "rows": rows,
    }


ANNEX_THRESHOLD = 3


@transaction.atomic
def groups_submit_to_order(*, groups: list[MentoringGroup], user):
    """Draft an order «О закреплении наставнических пар (групп)» for the chosen draft pairs and
    move them to «ожидает приказа». The rules are checked again under the mentors' row locks."""
    from apps.orders.models import Order
    from apps.orders.services import order_create

    if not groups:
        raise DomainError("Выберите хотя бы одну пару (группу) в статусе «проект».")
    locked = list(
        MentoringGroup.objects.select_for_update(of=("self",))
        .filter(pk__in=[g.pk for g in groups])
        .select_related("mentor__person__position", "organization", "year")
        .order_by("pk")
    )
    organization = locked[0].organization
    for group in locked:
        if group.status != MentoringGroup.Status.DRAFT:
            raise DomainError(f"{group} уже не в статусе «проект».")
        if group.organization_id != organization.pk:
            raise DomainError("В один приказ включаются пары одной организации.")
    # Check each group as if it were being formed now (limits counted with the groups already moved).
    for group in locked:
        members = list(group.members.select_related("mentee__person", "mentee_person__position"))
        group_check(
            organization=group.organization,
            year=group.year,
            mentor=group.mentor,
            mentees=[m.mentee for m in members],
            form=group.form,
            types=group.types,
            planned_start=group.planned_start,
            planned_end=group.planned_end,
            direction=group.direction,
            exclude_group=group,
        )
        group.status = MentoringGroup.Status.AWAITING_ORDER
        group.save(update_fields=["status", "updated_at"])
    groups_full = list(
        MentoringGroup.objects.filter(pk__in=[g.pk for g in locked])
        .select_related("mentor__person__position", "mentor__organization")
        .prefetch_related("members__mentee_person__position")
        .order_by("mentor__person__last_name", "pk")
    )
    items = []
    annexes = None
    if len(groups_full) > ANNEX_THRESHOLD:
        items.append(
            "Закрепить наставнические пары (группы) в составе согласно приложению № 1 к настоящему приказу."
        )
        annexes = [_pairs_annex(groups_full)]
    else:
        items.extend(pair_item_text(g) for g in groups_full)
    items.append(
        "Наставникам совместно с наставляемыми в течение 10 рабочих дней разработать персонализированные "
        "программы наставничества и представить их куратору."
    )
    items.append(
        "Куратору реализации программ наставничества подготовить дополнительные соглашения к трудовым "
        "договорам наставников (ТК РФ ст. 351.8)."
    )
    people: list[tuple[Person, str]] = []
    seen = set()
    for group in groups_full:
        for n, person in enumerate(participants(group)):
            if person.pk not in seen:
                seen.add(person.pk)
                people.append((person, "наставник" if n == 0 else "наставляемый"))
    order = order_create(
        organization=organization,
        kind=Order.Kind.PAIRS,
        title="О закреплении наставнических пар (групп)",
        preamble=(
            "В соответствии со статьёй 351.8 Трудового кодекса Российской Федерации, Положением о системе "
            "наставничества педагогических работников и на основании письменных согласий участников"
        ),
        items=items,
        participants=people,
        created_by=user,
        annexes=annexes,
    )
    MentoringGroup.objects.filter(pk__in=[g.pk for g in locked]).update(assigned_order=order)
    return order


@transaction.atomic
def mentor_replace_request(
    *,
    member: GroupMember,
    new_mentor: MentorEntry,
    petition_date: date,
    reason: str = "",
    user,
    planned_end=None,
):
    """The mentee's petition to replace the mentor: a new pair with the new mentor is prepared
    (awaiting the order) and an order «О замене наставника» is drafted. Nothing ends until signed."""
    from apps.orders.models import Order
    from apps.orders.services import order_create

    member = (
        GroupMember.objects.select_for_update(of=("self",))
        .select_related("group__mentor__person", "mentee__person")
        .get(pk=member.pk)
    )
    old = member.group
    if old.status != MentoringGroup.Status.ACTIVE or member.status != GroupMember.Status.ACTIVE:
        raise DomainError("Заменить наставника можно только в действующей паре (группе).")
    if new_mentor.pk == old.mentor_id:
        raise DomainError("Выберите другого наставника.", field="new_mentor")
    if MentorChange.objects.filter(member=member, applied=False, order__isnull=False).exists():
        raise DomainError("Замена наставника для этого участника уже готовится.")
    start = max(petition_date, timezone.localdate())
    end = planned_end or old.planned_end
    new_group = group_create(
        organization=old.organization,
        year=old.year,
        mentor=new_mentor,
        mentees=[member.mentee],
        form=Form.TEACHER_TEACHER if old.form == Form.TEACHER_GROUP else old.form,
        types=[t for t in old.types if t != "group"] or ["traditional"],
        direction=old.direction,
        planned_start=start,
        planned_end=end,
        goal=old.goal,
        created_by=user,
        replacing=member,
        status=MentoringGroup.Status.AWAITING_ORDER,
    )
    change = MentorChange.objects.create(
        kind=MentorChange.Kind.REPLACE,
        ground=MentorChange.Ground.MENTEE_PETITION,
        organization=old.organization,
        mentor=old.mentor,
        member=member,
        new_group=new_group,
        document_date=petition_date,
        effective_on=start,
        reason=reason,
        created_by=user,
    )
    mentee = member.mentee_person
    old_mentor, new_mentor_person = old.mentor.person, new_mentor.person
    order = order_create(
        organization=old.organization,
        kind=Order.Kind.REPLACE_MENTOR,
        title="О замене наставника",
        preamble=(
            f"На основании ходатайства {_genitive(mentee)} от {petition_date:%d.%m.%Y} о замене наставника"
            + (f" ({reason.strip()})" if reason.strip() else "")
        ),
        items=[
            f"Освободить {_accusative(old_mentor)} от обязанностей наставника {_genitive(mentee)} "
            f"с {start:%d.%m.%Y}.",
            f"Закрепить наставляемого {_accusative(mentee)} за наставником "
            f"{_instrumental(new_mentor_person)}{_distance_note(new_mentor, old.organization)} "
            f"на срок {_period(new_group)}.",
        ],
        participants=[(old_mentor, "наставник"), (new_mentor_person, "наставник"), (mentee, "наставляемый")],
        created_by=user,
    )
    change.order = order
    change.save(update_fields=["order"])
    new_group.assigned_order = order
    new_group.save(update_fields=["assigned_order"])
    return order


def _distance_note(mentor: MentorEntry, organization) -> str:
    if mentor.organization_id == organization.pk:
        return ""
    from apps.organizations.models import Organization

    other = Organization.objects.only("short_name").get(pk=mentor.organization_id)
    return f", {position_instrumental(mentor.person)} {other.short_name} (дистанционная форма)"


def _instrumental(person: Person) -> str:
    from apps.core.names import decline_full_name

    return decline_full_name(
        person.last_name, person.first_name, person.patronymic, "instrumental", person.sex
    )


@transaction.atomic
def mentor_release_request(*, mentor: MentorEntry, ground: str, document_date: date, reason: str = "", user):
    """Release a mentor (their application, or early termination by either side): the duties end
    after 3 working days' notice (ТК РФ ст. 351.8); an order «Об освобождении…» is drafted."""
    from apps.orders.models import Order
    from apps.orders.services import order_create

    from .dates import notice_end

    if ground not in (MentorChange.Ground.MENTOR_APPLICATION, MentorChange.Ground.EARLY_TERMINATION):
        raise DomainError("Укажите основание освобождения.", field="ground")
    from apps.accounts.rules import is_admin, is_curator, is_director

    mentor = (
        MentorEntry.objects.select_for_update(of=("self",))
        .select_related("person__position", "organization")
        .get(pk=mentor.pk)
    )
    if not (
        is_curator(user, mentor.organization) or is_director(user, mentor.organization) or is_admin(user)
    ):
        # A distance mentor works for another organisation: only their employer releases them.
        raise DomainError(
            "Освободить от обязанностей наставника может только организация, где он работает; "
            "для дистанционной пары оформите замену наставника."
        )
    if mentor.status == MentorEntry.Status.RELEASED:
        raise DomainError("Наставник уже освобождён.")
    if MentorChange.objects.filter(
        mentor=mentor, kind=MentorChange.Kind.RELEASE, applied=False, order__isnull=False
    ).exists():
        raise DomainError("Приказ об освобождении этого наставника уже готовится.")
    active = list(
        MentoringGroup.objects.filter(mentor=mentor, status=MentoringGroup.Status.ACTIVE)
        .select_related("organization")
        .prefetch_related("members__mentee_person")
    )
    if not active:
        raise DomainError("У наставника нет действующих пар (групп).")
    elsewhere = sorted(
        {g.organization.short_name for g in active if g.organization_id != mentor.organization_id}
    )
    if elsewhere:
        # The release order of the mentor's school must not name another school's mentees.
        raise DomainError(
            "У наставника есть действующие дистанционные пары в других организациях ("
            + ", ".join(elsewhere)
            + "): сначала их завершает или передаёт другому наставнику организация наставляемого."
        )
    effective = notice_end(document_date)
    change = MentorChange.objects.create(
        kind=MentorChange.Kind.RELEASE,
        ground=ground,
        organization=mentor.organization,
        mentor=mentor,
        document_date=document_date,
        effective_on=effective,
        reason=reason,
        created_by=user,
    )
    person = mentor.person
    mentees = [
        m.mentee_person for g in active for m in g.members.all() if m.status == GroupMember.Status.ACTIVE
    ]
    basis = (
        f"заявления {_genitive(person)} от {document_date:%d.%m.%Y} о сложении обязанностей наставника"
        if ground == MentorChange.Ground.MENTOR_APPLICATION
        else f"уведомления о досрочном прекращении обязанностей наставника от {document_date:%d.%m.%Y}"
    )
    order = order_create(
        organization=mentor.organization,
        kind=Order.Kind.RELEASE_MENTOR,
        title="Об освобождении от обязанностей наставника",
        preamble="В соответствии со статьёй 351.8 Трудового кодекса Российской Федерации, "
        + f"на основании {basis}"
        + (f" ({reason.strip()})" if reason.strip() else ""),
        items=[
            f"Освободить {_accusative(person)}, {_position(person)}, от обязанностей наставника "
            f"с {effective:%d.%m.%Y}.",
            "Считать завершённой работу наставнических пар (групп) с участием "
            + ", ".join(_genitive(p) for p in mentees)
            + "; куратору подобрать наставляемым нового наставника.",
        ],
        participants=[(person, "наставник")] + [(p, "наставляемый") for p in mentees],
        created_by=user,
    )
    change.order = order
    change.save(update_fields=["order"])
    return order


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


def erase_person_data(*, person: Person) -> tuple[dict[str, int], list[str]]:
    """Destruction after a withdrawal (152-ФЗ art. 21 p. 5): the person's duty consents (ТК РФ art.
    351.8) and their scans. The paper original stays in the personnel file; the signed assignment
    order keeps the fact. Returns the counts and the file names to delete on commit."""
    consents = DutyConsent.objects.filter(person=person)
    files = [name for name in consents.exclude(scan="").values_list("scan", flat=True) if name]
    files += [
        n for n in DutyConsentScan.objects.filter(consent__in=consents).values_list("scan", flat=True) if n
    ]
    count, _ = consents.delete()
    return {"duty_consents": count, "duty_consent_scans": len(files)}, files
