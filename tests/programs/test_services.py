"""Program rules: length, co-writing and approval, versions, conflicts, roadmap, log, changes, end."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.core.exceptions import DomainError
from apps.orders.models import Order
from apps.pairs.models import GroupMember, MentoringGroup
from apps.programs import selectors, services
from apps.programs.dates import check_length
from apps.programs.models import (
    ActivityFormat,
    ActivityKind,
    EndReason,
    EventForm,
    Program,
    ProgramChange,
    Responsible,
    RoadmapEvent,
)
from tests.factories import programs as pf

pytestmark = pytest.mark.django_db

START = date(2026, 10, 1)


# Length ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("end", [date(2026, 11, 30), date(2026, 12, 30)])
def test_program_shorter_than_three_months_is_refused(end):
    with pytest.raises(DomainError, match="не менее 3 месяцев"):
        check_length(START, end)


@pytest.mark.parametrize("end", [date(2027, 10, 31), date(2027, 10, 2)])
def test_program_longer_than_twelve_months_is_refused(end):
    with pytest.raises(DomainError, match="не более 12 месяцев"):
        check_length(START, end)


@pytest.mark.parametrize("end", [date(2026, 12, 31), date(2027, 5, 31), date(2027, 10, 1)])
def test_program_of_three_to_twelve_months_is_accepted(end):
    check_length(START, end)


def test_create_refuses_two_months_with_russian_message(group, cast):
    with pytest.raises(DomainError, match="не менее 3 месяцев"):
        services.program_create(
            group=group, user=cast.curator, title="П", start=START, end=date(2026, 11, 30)
        )
    assert not Program.objects.exists()


def test_create_refuses_thirteen_months(group, cast):
    with pytest.raises(DomainError, match="не более 12 месяцев"):
        services.program_create(group=group, user=cast.curator, title="П", start=START, end=date(2027, 11, 1))


def test_program_only_for_active_group(bank, cast):
    from apps.pairs import services as pair_services
    from tests.factories import pairs as f

    draft = pair_services.group_create(
        **f.group_kwargs(bank.school, bank.year, bank.mentor, [bank.mentee]), created_by=cast.curator
    )
    with pytest.raises(DomainError, match="действующей пары"):
        services.program_create(group=draft, user=cast.curator, title="П", start=START, end=date(2027, 5, 31))


# Co-writing, approval, versions, conflicts --------------------------------------------------------------


def test_approval_requires_agreement_of_every_participant(program, cast):
    services.program_submit(program=program, user=cast.mentor)
    services.program_agree(program=program, user=cast.mentor)
    with pytest.raises(DomainError, match="Васильев"):
        services.program_approve(program=program, user=cast.curator)
    services.program_agree(program=program, user=cast.mentee)
    program = services.program_approve(program=program, user=cast.curator)
    assert program.status == Program.Status.APPROVED


def test_an_edit_after_agreement_needs_a_new_agreement(program, cast):
    services.program_submit(program=program, user=cast.mentor)
    services.program_agree(program=program, user=cast.mentor)
    services.program_agree(program=program, user=cast.mentee)
    program.refresh_from_db()
    services.program_update(
        program=program, user=cast.mentor, data={"goal": "Новая цель"}, version=program.version
    )
    program.refresh_from_db()
    assert len(services.missing_agreements(program)) == 2


def test_approval_and_every_change_after_it_is_kept_as_a_version(approved, cast):
    assert approved.versions.count() == 1
    change = services.change_propose(
        program=approved,
        user=cast.mentor,
        reason="Нужно больше времени",
        new_end=date(2027, 8, 31),
        sections={"content": "Новое содержание"},
    )
    services.change_consent(change=change, user=cast.mentee)
    change.refresh_from_db()
    pf.sign(change.order, cast.director)
    approved.refresh_from_db()
    versions = list(approved.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].snapshot["end"] == "2027-05-31"
    assert versions[1].snapshot["end"] == "2027-08-31"
    assert versions[1].snapshot["content"] == "Новое содержание"
    assert "приказу №" in versions[1].note
    assert versions[1].changed_by == cast.curator or versions[1].changed_by is not None


def test_approved_program_cannot_be_edited_directly(approved, cast):
    with pytest.raises(DomainError, match="приказом"):
        services.program_update(
            program=approved, user=cast.mentor, data={"goal": "x"}, version=approved.version
        )


def test_second_save_with_stale_version_is_a_conflict_and_overwrites_nothing(program, cast):
    opened = program.version
    services.program_update(
        program=program, user=cast.mentor, data={"goal": "Цель наставника"}, version=opened
    )
    with pytest.raises(services.ProgramConflict) as error:
        services.program_update(
            program=program,
            user=cast.mentee,
            data={"goal": "Цель наставляемого", "tasks": program.tasks},
            version=opened,
        )
    assert error.value.diffs == [("Цель", "Цель наставника", "Цель наставляемого")]
    program.refresh_from_db()
    assert program.goal == "Цель наставника"


# Roadmap and log ------------------------------------------------------------------------------


def event(program, user, **overrides):
    data = {
        "title": "Посещение урока наставника",
        "form": EventForm.LESSON_VISIT,
        "start": date(2026, 10, 15),
        "end": None,
        "responsible": Responsible.MENTEE,
        "responsible_person": None,
        "responsible_other": "",
        "product": "",
        "expected_result": "Самоанализ урока",
    }
    data.update(overrides)
    return services.event_save(program=program, user=user, data=data)


def test_event_outside_program_dates_is_refused(program, cast):
    with pytest.raises(DomainError, match="в сроки программы"):
        event(program, cast.mentor, start=date(2026, 9, 20))
    with pytest.raises(DomainError, match="в сроки программы"):
        event(program, cast.mentor, start=date(2027, 5, 20), end=date(2027, 6, 5))
    assert not RoadmapEvent.objects.exists()


def test_overdue_is_computed_from_dates_not_stored(program, cast):
    past = event(program, cast.mentor, start=date(2026, 10, 5), end=date(2026, 10, 20))
    done = event(program, cast.mentor, start=date(2026, 10, 6))
    future = event(program, cast.mentor, start=date(2027, 3, 1))
    services.event_complete(event=done, user=cast.mentee, evidence="Конспект урока")
    on = date(2026, 10, 21)
    flags = {e.pk: e.is_overdue for e in selectors.event_list(program=program, on=on)}
    assert flags == {past.pk: True, done.pk: False, future.pk: False}
    # The last day of a period counts: on 20.10 it is not overdue yet.
    assert not {e.pk: e.is_overdue for e in selectors.event_list(program=program, on=date(2026, 10, 20))}[
        past.pk
    ]


def test_progress_of_a_page_of_programs_equals_the_annotated_figures(program, cast, bank):
    """The list's figures (with_list_progress, the lookups written out) are those of with_progress."""
    from tests.factories import pairs as f

    past = event(program, cast.mentor, start=date(2026, 10, 5), end=date(2026, 10, 20))
    done = event(program, cast.mentor, start=date(2026, 10, 6))
    cancelled = event(program, cast.mentor, start=date(2026, 11, 2))
    event(program, cast.mentor, start=date(2026, 10, 8))  # a single day, overdue on 21.10
    event(program, cast.mentor, start=date(2027, 3, 1))
    services.event_complete(event=done, user=cast.mentee, evidence="Конспект урока")
    services.event_cancel(event=cancelled, user=cast.mentor, reason="Болезнь наставляемого")
    for day, minutes in ((date(2026, 10, 10), 45), (date(2026, 10, 12), 90)):
        services.activity_log(
            program=program,
            user=cast.mentor,
            date=day,
            minutes=minutes,
            format=ActivityFormat.IN_PERSON,
            kind=ActivityKind.MEETING,
            event=past,
        )
    # A program with no event and no entry in the log.
    other_group = pf.active_group(
        bank.school,
        bank.year,
        bank.mentor,
        [f.mentee_entry(bank.school, bank.year, last_name="Соколова")],
        curator=cast.curator,
        director=cast.director,
    )
    empty = pf.draft_program(other_group, cast.mentor)
    on = date(2026, 10, 21)
    annotated = {p.pk: p for p in selectors.with_progress(Program.objects.all(), on=on)}
    page = list(selectors.with_list_progress(Program.objects.order_by("pk"), on=on)[:25])
    assert {p.pk for p in page} == {program.pk, empty.pk}
    for p in page:
        assert [getattr(p, n) for n in selectors.PROGRESS_FIELDS] == [
            getattr(annotated[p.pk], n) for n in selectors.PROGRESS_FIELDS
        ]
    figures = {p.pk: [getattr(p, n) for n in selectors.PROGRESS_FIELDS] for p in page}
    assert figures[program.pk] == [4, 1, 2, 135, date(2026, 10, 12)]
    assert figures[empty.pk] == [0, 0, 0, 0, None]
    assert selectors.progress_of(page[0]) == selectors.progress_of(annotated[program.pk])


def test_cancelling_an_event_requires_a_reason(program, cast):
    e = event(program, cast.mentor)
    with pytest.raises(DomainError, match="причину"):
        services.event_cancel(event=e, user=cast.mentor, reason=" ")
    services.event_cancel(event=e, user=cast.mentor, reason="Болезнь наставляемого")


def test_no_activity_for_thirty_days_flags_the_program(approved, cast):
    services.activity_log(
        program=approved,
        user=cast.mentor,
        date=date(2026, 10, 10),
        minutes=45,
        format=ActivityFormat.IN_PERSON,
        kind=ActivityKind.MEETING,
    )
    program = selectors.with_progress(Program.objects.filter(pk=approved.pk)).get()
    assert program.last_activity == date(2026, 10, 10)
    assert not selectors.is_stalled(program, program.last_activity, on=date(2026, 11, 8))
    assert selectors.is_stalled(program, program.last_activity, on=date(2026, 11, 9))
    # Without any entry the 30 days count from the start.
    assert selectors.is_stalled(program, None, on=START + timedelta(days=30))
    assert not selectors.is_stalled(program, None, on=START + timedelta(days=29))


def test_log_entry_defaults_to_every_mentee_and_counts_hours(approved, cast):
    entry = services.activity_log(
        program=approved,
        user=cast.mentor,
        date=date(2026, 10, 10),
        minutes=90,
        format=ActivityFormat.ONLINE,
        kind=ActivityKind.CONSULTATION,
    )
    assert entry.participants.count() == 1
    program = selectors.with_progress(Program.objects.filter(pk=approved.pk)).get()
    assert selectors.progress_of(program).hours == 1.5


def test_log_entry_in_the_future_is_refused(approved, cast):
    with pytest.raises(DomainError, match="будущем"):
        services.activity_log(
            program=approved,
            user=cast.mentor,
            date=date.today() + timedelta(days=2),
            minutes=45,
            format=ActivityFormat.IN_PERSON,
            kind=ActivityKind.MEETING,
        )


# Files --------------------------------------------------------------------------------------


def test_file_content_must_match_an_allowed_type(program, cast):
    e = event(program, cast.mentor)
    fake = SimpleUploadedFile("plan.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(DomainError, match="не является файлом PDF"):
        services.file_attach(program=program, user=cast.mentor, upload=fake, event=e)
    renamed = SimpleUploadedFile("photo.docx", b"\x89PNG\r\n\x1a\n....", content_type="image/png")
    with pytest.raises(DomainError, match="не является файлом Word"):
        services.file_attach(program=program, user=cast.mentor, upload=renamed, event=e)
    ok = services.file_attach(
        program=program,
        user=cast.mentor,
        upload=SimpleUploadedFile("карта урока.pdf", b"%PDF-1.7 x"),
        event=e,
    )
    assert ok.content_type == "application/pdf" and ok.name == "карта урока.pdf"
    assert "карта" not in ok.file.name  # stored under a random name


def test_file_over_ten_megabytes_is_refused(program, cast, settings):
    e = event(program, cast.mentor)
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * settings.UPLOAD_MAX_BYTES)
    with pytest.raises(DomainError, match="10 МБ"):
        services.file_attach(program=program, user=cast.mentor, upload=big, event=e)


# Changes ------------------------------------------------------------------------------------------


def test_extension_needs_consent_of_every_participant_before_the_order(approved, cast):
    change = services.change_propose(
        program=approved, user=cast.mentor, reason="Продление", new_end=date(2027, 8, 31)
    )
    change.refresh_from_db()
    assert change.status == ProgramChange.Status.PROPOSED and change.order is None
    assert not Order.objects.filter(kind=Order.Kind.PROGRAM_CHANGE).exists()
    services.change_consent(change=change, user=cast.mentee)
    change.refresh_from_db()
    assert change.status == ProgramChange.Status.ON_ORDER
    assert change.order.kind == Order.Kind.PROGRAM_CHANGE and change.order.status == Order.Status.DRAFT
    approved.refresh_from_db()
    assert approved.end == date(2027, 5, 31)  # not yet: only the signed order changes it
    pf.sign(change.order, cast.director)
    approved.refresh_from_db()
    change.refresh_from_db()
    assert approved.end == date(2027, 8, 31) and change.status == ProgramChange.Status.APPLIED


def test_extension_beyond_twelve_months_in_total_is_refused(approved, cast):
    with pytest.raises(DomainError, match="не более 12 месяцев"):
        services.change_propose(
            program=approved, user=cast.mentor, reason="Продление", new_end=date(2027, 10, 15)
        )


def test_curator_cannot_consent_for_participants(approved, cast):
    change = services.change_propose(
        program=approved, user=cast.curator, reason="Изменение формы", new_mode="online"
    )
    with pytest.raises(DomainError, match="наставник и наставляемые"):
        services.change_consent(change=change, user=cast.curator)
    services.change_consent(change=change, user=cast.mentor)
    change.refresh_from_db()
    assert change.status == ProgramChange.Status.PROPOSED  # the mentee has not agreed yet


# End --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "reason,explanation",
    [
        (EndReason.PLAN_DONE, ""),
        (EndReason.PARTICIPANT_INITIATIVE, "Переезд наставляемого в другой город"),
        (EndReason.CURATOR_INITIATIVE, "Недолжное исполнение программы"),
    ],
)
def test_each_end_reason_produces_an_order_whose_signing_finishes_program_and_group(
    approved, cast, reason, explanation
):
    ending = services.program_end_request(
        program=approved, user=cast.curator, reason=reason, explanation=explanation, survey_asked=True
    )
    assert ending.order.kind == Order.Kind.PROGRAM_END
    assert approved.group.status == MentoringGroup.Status.ACTIVE
    order = pf.sign(ending.order, cast.director)
    approved.refresh_from_db()
    group = MentoringGroup.objects.get(pk=approved.group_id)
    assert approved.status == Program.Status.FINISHED and approved.finished_on == order.date
    assert group.status == MentoringGroup.Status.ENDED and group.ended_order_id == ending.order_id
    assert not GroupMember.objects.filter(group=group, status=GroupMember.Status.ACTIVE).exists()
    with pytest.raises(DomainError, match="завершена"):
        event(approved, cast.mentor)


def test_end_checklist_requires_open_events_justified_and_survey(approved, cast):
    event(approved, cast.mentor)
    with pytest.raises(DomainError, match="не полностью"):
        services.program_end_request(
            program=approved, user=cast.curator, reason=EndReason.PLAN_DONE, survey_asked=True
        )
    with pytest.raises(DomainError, match="Обоснуйте"):
        services.program_end_request(
            program=approved,
            user=cast.curator,
            reason=EndReason.CURATOR_INITIATIVE,
            explanation="Форс-мажор",
            survey_asked=True,
        )
    with pytest.raises(DomainError, match="анкетирование"):
        services.program_end_request(
            program=approved,
            user=cast.curator,
            reason=EndReason.CURATOR_INITIATIVE,
            explanation="Форс-мажор",
            open_events_note="Не состоится из-за карантина",
        )
    ending = services.program_end_request(
        program=approved,
        user=cast.curator,
        reason=EndReason.CURATOR_INITIATIVE,
        explanation="Форс-мажор",
        open_events_note="Не состоится из-за карантина",
        survey_asked=True,
    )
    assert ending.order_id


# Bank --------------------------------------------------------------------------------------------


def test_published_program_has_no_personal_details_and_seeds_a_new_program(approved, cast, bank):
    e = event(approved, cast.mentor, responsible=Responsible.OTHER, responsible_other="Петрова А. А.")
    services.event_complete(event=e, user=cast.mentee, evidence="Конспект", reflection="Мне было трудно")
    services.program_update  # noqa: B018
    ending = services.program_end_request(
        program=approved, user=cast.curator, reason=EndReason.PLAN_DONE, survey_asked=True
    )
    pf.sign(ending.order, cast.director)
    approved.refresh_from_db()
    template = services.program_publish(program=approved, user=cast.curator)
    text = str(template.sections) + str(template.events)
    assert "Мне было трудно" not in text and "Петрова" not in text and "Морозова" not in text
    assert "participants_note" not in template.sections
    approved.refresh_from_db()
    assert approved.is_good_practice
    # A new pair starts from the bank entry, dates shifted.
    from tests.factories import pairs as f

    mentee2 = f.mentee_entry(
        bank.school, bank.year, last_name="Черных", first_name="Ольга", patronymic="Ивановна"
    )
    group2 = pf.active_group(
        bank.school, bank.year, bank.mentor, [mentee2], curator=cast.curator, director=cast.director
    )
    new = services.program_create(
        group=group2,
        user=cast.curator,
        title=template.title,
        start=date(2027, 1, 11),
        end=date(2027, 6, 30),
        template=template,
    )
    copied = new.events.get()
    assert copied.start == date(2027, 1, 11) + (e.start - approved.start)
    assert copied.status == RoadmapEvent.Status.PLANNED and copied.reflection == ""
    assert new.goal == approved.goal


def test_plan_change_applies_only_when_the_order_is_signed(approved, cast):
    services.plan_item_save  # noqa: B018
    new_rows = [
        {"direction": "Освоение ИКТ", "deadline": "Январь", "events": "Вебинар", "goal": "Цифровой урок"}
    ]
    change = services.change_propose(
        program=approved, user=cast.mentor, reason="Корректировка плана", plans={"deficit": new_rows}
    )
    services.change_consent(change=change, user=cast.mentee)
    change.refresh_from_db()
    assert "«План устранения профессиональных дефицитов»" in change.order.items.first().text
    assert approved.deficit_items.count() == 0
    pf.sign(change.order, cast.director)
    assert list(approved.deficit_items.values("direction", "deadline", "events", "goal")) == new_rows
    assert approved.versions.order_by("-number").first().snapshot["plans"]["deficit"] == new_rows


def test_change_that_changes_nothing_is_refused(approved, cast):
    with pytest.raises(DomainError, match="ничего не меняет"):
        services.change_propose(program=approved, user=cast.mentor, reason="Просто так", new_end=approved.end)
