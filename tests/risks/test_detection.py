"""Each of the six rules finds its risk in the portal's data, names the evidence in correct Russian, and
finds nothing where the data is sound."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from apps.banks.models import MenteeEntry
from apps.pairs.models import MentorChange
from apps.programs import services as program_services
from apps.programs.models import ActivityFormat, ActivityKind, Responsible
from apps.risks.catalogue import RiskKind
from apps.risks.detection import (
    BANK_SHARE_FLOOR,
    MENTEE_EVENTS_PER_MONTH,
    detect,
    detect_all,
)
from apps.territory import services as territory_services
from apps.territory.models import RoadmapEvent as ImplementationEvent
from tests.factories import monitoring as mf
from tests.factories import pairs as f
from tests.factories import programs as pf

from .conftest import add_event

pytestmark = pytest.mark.django_db

ON = date(2026, 11, 20)  # seven weeks into the programs of 1 October 2026


def _detect(kind, cast, year, on=ON):
    return detect(kind, organization=cast.school, year=year, on=on)


# 1. Perception --------------------------------------------------------------------------------


def test_few_teachers_in_the_banks_is_the_risk_of_perception(cast, year):
    for _ in range(5):
        f.person(cast.school)
    finding = _detect(RiskKind.PERCEPTION, cast, year)
    assert finding.found
    assert finding.lines == [
        f"В банках наставников и наставляемых 0 из 5 педагогов реестра (0 %), меньше {BANK_SHARE_FLOOR} %"
    ]
    assert "педагогов" in finding.summary and finding.summary.endswith(".")


def test_one_teacher_in_five_in_a_bank_is_enough(cast, year):
    for _ in range(4):
        f.person(cast.school)
    f.mentor_entry(cast.school, year)
    assert not _detect(RiskKind.PERCEPTION, cast, year).found


def test_a_staff_of_one_and_twenty_is_counted_in_the_genitive(cast, year):
    for _ in range(21):
        f.person(cast.school)
    assert "0 из 21 педагога реестра" in _detect(RiskKind.PERCEPTION, cast, year).lines[0]


def test_a_mentee_who_left_the_bank_is_named_with_her_sex(cast, year):
    for _ in range(3):
        f.mentor_entry(cast.school, year)
    f.mentee_entry(
        cast.school,
        year,
        status=MenteeEntry.Status.LEFT,
        last_name="Белова",
        first_name="Анна",
        patronymic="Ивановна",
        sex="f",
    )
    finding = _detect(RiskKind.PERCEPTION, cast, year)
    assert finding.lines == ["Белова А. И. выбыла из банка наставляемых"]
    assert finding.summary == "Выбыли из банка наставляемых: 1."
    assert "Белова" not in finding.summary  # the register keeps figures, not names


# 2. Load ---------------------------------------------------------------------------------------


def test_a_mentor_over_her_limit_is_the_load(cast, year, trio):
    # The curator lowered the limit in the bank after the group was formed.
    program, _, _ = trio
    type(program.group.mentor).objects.filter(pk=program.group.mentor_id).update(max_mentees=2)
    finding = _detect(RiskKind.LOAD, cast, year)
    assert finding.lines == ["Морозова Т. С.: 3 наставляемых при пределе 2"]


def test_a_mentor_within_her_limit_and_a_calm_month_is_no_load(cast, year, trio):
    program, _, _ = trio
    for day in range(MENTEE_EVENTS_PER_MONTH):
        add_event(program, cast.mentor, start=date(2026, 10, 5 + day))
    assert not _detect(RiskKind.LOAD, cast, year).found


def test_more_events_in_a_month_than_a_mentee_can_hold_is_the_load(cast, year, trio):
    program, _, _ = trio
    for day in range(MENTEE_EVENTS_PER_MONTH + 1):
        add_event(program, cast.mentor, start=date(2026, 10, 5 + day))
    lines = _detect(RiskKind.LOAD, cast, year).lines
    assert len(lines) == 3  # each of the three mentees of the group
    assert all(line.startswith("Наставляемый") for line in lines)
    assert all(line.endswith(": 5 мероприятий за октябрь 2026 г.") for line in lines)


def test_a_mentee_in_two_pairs_at_once_is_the_load(cast, year, trio):
    _, _, mentees = trio
    second_mentor = f.mentor_entry(cast.school, year, last_name="Лебедева")
    pf.active_group(
        cast.school,
        year,
        second_mentor,
        [mentees[0]],
        curator=cast.curator,
        director=cast.director,
        direction="digital",
    )
    lines = _detect(RiskKind.LOAD, cast, year).lines
    assert any(line.endswith(": одновременно 2 программы") for line in lines)


# 3. Mentors' motivation ------------------------------------------------------------------------


def test_a_program_without_a_line_of_its_mentor_is_low_motivation(cast, year, trio):
    finding = _detect(RiskKind.MENTOR_MOTIVATION, cast, year)
    assert finding.lines == [
        "«Программа молодого учителя» (Морозова Т. С.): с начала 1 октября 2026 г. "
        "в журнале нет ни одной записи наставника"
    ]


def test_a_mentor_who_logs_the_work_shows_no_low_motivation(cast, year, trio):
    program, _, _ = trio
    program_services.activity_log(
        program=program,
        user=cast.mentor,
        date=date(2026, 10, 15),
        minutes=45,
        format=ActivityFormat.IN_PERSON,
        kind=ActivityKind.CONSULTATION,
    )
    assert not _detect(RiskKind.MENTOR_MOTIVATION, cast, year).found


def test_a_program_younger_than_a_month_is_not_judged(cast, year, trio):
    assert not _detect(RiskKind.MENTOR_MOTIVATION, cast, year, on=date(2026, 10, 20)).found


def test_a_mentors_application_to_resign_is_low_motivation(cast, year, trio):
    program, _, _ = trio
    program_services.activity_log(
        program=program,
        user=cast.mentor,
        date=date(2026, 10, 15),
        minutes=45,
        format=ActivityFormat.IN_PERSON,
        kind=ActivityKind.CONSULTATION,
    )
    MentorChange.objects.create(
        kind=MentorChange.Kind.RELEASE,
        ground=MentorChange.Ground.MENTOR_APPLICATION,
        organization=cast.school,
        mentor=program.group.mentor,
        document_date=date(2026, 11, 2),
        effective_on=date(2026, 11, 16),
    )
    assert _detect(RiskKind.MENTOR_MOTIVATION, cast, year).lines == [
        "Морозова Т. С.: заявление о сложении обязанностей наставника от 2 ноября 2026 г."
    ]


# 4. Formalism ----------------------------------------------------------------------------------


def test_an_event_done_with_a_word_of_evidence_is_formalism(cast, year, trio):
    program, _, _ = trio
    event = add_event(program, cast.mentor, start=date(2026, 10, 10))
    program_services.event_complete(
        event=event, user=cast.mentor, evidence="выполнено", on=date(2026, 10, 10)
    )
    lines = _detect(RiskKind.FORMALISM, cast, year, on=date(2026, 10, 20)).lines
    assert lines == ["«Программа молодого учителя»: отмечено выполненными без подтверждения — 1 мероприятие"]


def test_an_event_done_with_its_product_is_no_formalism(cast, year, trio):
    program, _, _ = trio
    event = add_event(program, cast.mentor, start=date(2026, 10, 10))
    program_services.event_complete(
        event=event,
        user=cast.mentor,
        evidence="Технологическая карта урока по теме «Дроби» разобрана и доработана",
        on=date(2026, 10, 10),
    )
    assert not _detect(RiskKind.FORMALISM, cast, year, on=date(2026, 10, 20)).found


def test_a_program_without_log_for_a_month_is_stalled(cast, year, trio):
    lines = _detect(RiskKind.FORMALISM, cast, year).lines
    assert lines == ["«Программа молодого учителя» (Морозова Т. С.): нет записей в журнале 30 дней и больше"]


# 5. Mentees' motivation ------------------------------------------------------------------------


def test_events_the_mentee_let_pass_are_low_motivation(cast, year, trio):
    program, _, _ = trio
    add_event(program, cast.mentor, start=date(2026, 10, 12), responsible=Responsible.MENTEE)
    add_event(program, cast.mentor, start=date(2026, 10, 19), responsible=Responsible.MENTEE)
    add_event(program, cast.mentor, start=date(2026, 10, 26), responsible=Responsible.MENTOR)
    assert _detect(RiskKind.MENTEE_MOTIVATION, cast, year).lines == [
        "«Программа молодого учителя»: наставляемый не выполнил в срок 2 мероприятия"
    ]


def test_events_of_the_mentee_still_ahead_are_no_risk(cast, year, trio):
    program, _, _ = trio
    add_event(program, cast.mentor, start=date(2026, 12, 12), responsible=Responsible.MENTEE)
    assert not _detect(RiskKind.MENTEE_MOTIVATION, cast, year).found


def test_low_satisfaction_of_the_mentees_is_low_motivation(cast, year, trio):
    from apps.monitoring import services as monitoring_services

    program, users, _ = trio
    campaign = monitoring_services.campaign_create(
        organization=cast.school,
        user=cast.curator,
        template=mf.small_template(cast.school, cast.curator),
        title="Удовлетворённость",
        audience="mentee",
        point="start",
        days_to_answer=90,
        programs=[program],
    )
    mf.answer_all(campaign, users, [2, 2, 3], on=date(2026, 11, 10))
    lines = _detect(RiskKind.MENTEE_MOTIVATION, cast, year).lines
    assert lines == ["«Программа молодого учителя»: удовлетворённость наставляемых 2.3 из 5"]


# 6. The two contours ---------------------------------------------------------------------------


def test_no_roadmap_of_the_year_is_weak_interaction(cast, year):
    assert _detect(RiskKind.CONTOURS, cast, year).lines == [
        "Дорожная карта внедрения на 2026/2027 учебный год не составлена"
    ]


def test_a_roadmap_returned_with_remarks_left_unanswered_is_weak_interaction(cast, year):
    roadmap = territory_services.roadmap_start(organization=cast.school, year=year, user=cast.curator)
    territory_services.roadmap_approve(roadmap=roadmap, director=cast.director)
    territory_services.roadmap_return(roadmap=roadmap, coordinator=cast.municipal, remarks="Сроки\nКурсы")
    lines = _detect(RiskKind.CONTOURS, cast, year, on=year.starts_on).lines
    assert lines == ["Дорожная карта возвращена с замечаниями, замечаний без ответа: 2"]


def test_a_roadmap_agreed_and_kept_in_time_is_no_risk(cast, year):
    roadmap = territory_services.roadmap_start(organization=cast.school, year=year, user=cast.curator)
    territory_services.roadmap_approve(roadmap=roadmap, director=cast.director)
    territory_services.roadmap_agree(roadmap=roadmap, coordinator=cast.municipal)
    for event in roadmap.events.filter(deadline__lt=ON):
        territory_services.event_set_status(
            event=event, status=ImplementationEvent.Status.DONE, user=cast.curator, on=event.deadline
        )
    assert not _detect(RiskKind.CONTOURS, cast, year).found


def test_a_roadmap_waiting_for_the_municipality_too_long_is_weak_interaction(cast, year):
    roadmap = territory_services.roadmap_start(organization=cast.school, year=year, user=cast.curator)
    territory_services.roadmap_approve(roadmap=roadmap, director=cast.director)
    approved = timezone.make_aware(datetime(2026, 9, 1, 12))
    type(roadmap).objects.filter(pk=roadmap.pk).update(approved_at=approved)
    on = date(2026, 9, 1) + timedelta(days=14)
    lines = _detect(RiskKind.CONTOURS, cast, year, on=on).lines
    assert lines[0] == "Дорожная карта ждёт согласования муниципальным координатором с 1 сентября 2026 г."
    assert lines[0] not in _detect(RiskKind.CONTOURS, cast, year, on=on - timedelta(days=1)).lines


def test_every_risk_is_checked_in_the_seeds_order(cast, year):
    kinds = [finding.kind for finding in detect_all(organization=cast.school, year=year, on=ON)]
    assert kinds == list(RiskKind.values)


def test_the_rules_read_a_fixed_number_of_queries(cast, year, trio, django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        detect_all(organization=cast.school, year=year, on=ON)
