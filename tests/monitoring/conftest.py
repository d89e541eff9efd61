from datetime import date

import pytest

from apps.monitoring import services
from apps.monitoring.models import Indicator
from tests.factories import monitoring as mf

ON = date(2026, 10, 5)


@pytest.fixture
def trio(cast, year):
    program, users, mentees = mf.trio(cast, year)
    return type("Trio", (), {"program": program, "users": users, "mentees": mentees})


def _assess(program, mentee, start, end, user, area="ict"):
    for stage, score in (("start", start), ("end", end)):
        services.assessment_record(
            program=program, mentee=mentee, stage=stage, rater="mentor", scores={area: score}, user=user
        )


@pytest.fixture
def known(cast, year, trio):
    """The trio's program (1 mentor, 3 young mentees) with: satisfaction answers 5, 4, 3; level 2 of two
    mentees (2→4 grew, 3→3 did not); one observed twice (2→5); three indicators entered."""
    campaign = services.campaign_create(
        organization=cast.school,
        user=cast.curator,
        template=mf.small_template(cast.school, cast.curator),
        title="Удовлетворённость",
        audience="mentee",
        point="start",
        days_to_answer=30,
        programs=[trio.program],
    )
    mf.answer_all(campaign, trio.users, [5, 4, 3], on=ON)
    first, second = trio.mentees[0].person, trio.mentees[1].person
    _assess(trio.program, first, 2, 4, cast.mentor)
    _assess(trio.program, second, 3, 3, cast.mentor)
    criterion = services.criteria_for(cast.school)[0]
    for stage, score in (("start", 2), ("end", 5)):
        services.protocol_create(
            program=trio.program,
            mentee=first,
            stage=stage,
            observer=cast.curator,
            observer_role="curator",
            visited_on=date(2026, 10, 20),
            lesson="5 «А», математика",
            scores={criterion.pk: score},
        )
    for kind, value in (
        (Indicator.EXAM_PASS, 87),
        (Indicator.JOINT_PROJECTS, 2),
        (Indicator.INNOVATION, 1),
        (Indicator.OLYMPIAD, 7),
    ):
        services.indicator_set(
            organization=cast.school, year=year, kind=kind, value=value, source="справка", user=cast.curator
        )
    return trio
