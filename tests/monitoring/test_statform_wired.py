"""The statistical form's rows built in other modules (issue 15): level 4 per mentee from
``outcome_figures`` (5.1, 5.1.1, 5.4, 6.6), the mentors trained in three years from the training app
(3.7), and the risks counted by the register (8.1, 8.3, 8.5, 8.6, through the ``statform_rows`` hook)."""

from datetime import date, timedelta

import pytest

from apps.monitoring import outcome_services, statform
from apps.monitoring.statform import NO_DATA
from apps.risks import services as risk_services
from apps.training.models import TrainingRecord

pytestmark = pytest.mark.django_db

DAY = date(2026, 11, 10)


def _shown(cast, year) -> dict[str, str]:
    table = statform.form([cast.school], year)
    return {item["row"].code: statform.show(item["values"].get(cast.school.pk)) for item in table}


def _result(trio, index, point, quality):
    outcome_services.pupil_results_record(
        program=trio.program,
        mentee=trio.mentees[index].person,
        point=point,
        passed_share=70,
        quality_share=quality,
        olympiad_participants=1,
        classes="5 «А»",
        source="контрольные работы",
        user=None,
    )


def test_level_4_rows_come_from_the_mentees_records(cast, year, trio):
    _result(trio, 0, "start", 40)
    _result(trio, 0, "end", 50)
    mentor = trio.program.group.mentor.person
    for person, whose in ((trio.mentees[0].person, "mentee"), (mentor, "mentor")):
        outcome_services.activity_record(
            program=trio.program,
            person=person,
            whose=whose,
            kind="contest",
            level="municipal",
            title="Конкурс",
            happened_on=DAY,
            user=cast.curator,
        )
    outcome_services.adaptation_record(
        program=trio.program,
        mentee=trio.mentees[1].person,
        point="end",
        rater="mentor",
        level=4,
        assessed_on=DAY,
        user=cast.mentor,
    )
    shown = _shown(cast, year)
    assert shown["5.1"] == "10"  # 40 % → 50 % of «4» and «5»: ten percentage points
    assert shown["5.1.1"] == "1 из 1 (100%)"  # the one mentor has a result
    assert shown["5.4"] == "1 из 1 (100%)"  # the one assessed mentee is at 4
    assert shown["6.6"] == "1 из 3 (33,3%)"  # one of three mentees active


def test_the_trained_mentors_row_counts_a_training_of_the_last_three_years(cast, year, trio):
    entry = trio.program.group.mentor
    before = _shown(cast, year)["3.7"]
    assert before != NO_DATA and before.startswith("0 из ")
    TrainingRecord.objects.create(
        organization=cast.school,
        person=entry.person,
        kind="course",
        title="Наставничество",
        organiser="ЦНППМ",
        start_date=DAY - timedelta(days=40),
        end_date=DAY - timedelta(days=30),
        hours=36,
    )
    assert _shown(cast, year)["3.7"].startswith("1 из ")


def test_the_risk_rows_count_the_registers_entries_not_closed(cast, year):
    shown = _shown(cast, year)
    assert [shown[c] for c in ("8.1", "8.3", "8.5", "8.6")] == ["0", "0", "0", "0"]
    entry = risk_services.entry_create(
        organization=cast.school,
        year=year,
        kind="mentor_motivation",
        description="Наставники не ведут журнал.",
        measure="Беседа куратора с наставниками.",
        owner=cast.curator,
        due_on=DAY + timedelta(days=30),
        user=cast.curator,
        on=DAY,
    )
    assert _shown(cast, year)["8.3"] == "1"
    risk_services.entry_start(entry=entry, user=cast.curator)
    risk_services.entry_close(entry=entry, result="Журнал ведётся.", user=cast.curator, on=DAY)
    assert _shown(cast, year)["8.3"] == "0"


def test_the_partnership_row_counts_the_schools_agreements_in_force_in_the_year(cast, year):
    from apps.partners import services as partner_services

    assert _shown(cast, year)["4.5"] == "0"
    base = {
        "partner_name": "Сургутский государственный педагогический университет",
        "partner_kind": "university",
        "partner_inn": "",
        "subject": "Наставники из числа преподавателей университета.",
    }
    for number, signed, ends in (
        ("1", year.starts_on - timedelta(days=400), None),  # open-ended: in force
        ("2", year.starts_on - timedelta(days=400), year.starts_on + timedelta(days=30)),  # ends in the year
        ("3", year.starts_on - timedelta(days=400), year.starts_on - timedelta(days=1)),  # ended before it
    ):
        partner_services.agreement_create(
            user=cast.curator,
            organization=cast.school,
            data={**base, "number": number, "signed_on": signed, "ends_on": ends},
        )
    assert _shown(cast, year)["4.5"] == "2"
