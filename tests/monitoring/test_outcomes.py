"""Level 4 per mentee (issue 15): the pupils' results at the start and the end, the activity of the
mentee and the mentor's own results, the adaptation; who may enter what; the school's level 4 built
from the mentees' records with the school-wide entry as the labelled fallback; the municipality and
the region in the coordinators' overview; ``outcome_figures`` for the statistical form."""

import subprocess
from datetime import date

import pytest
from django.urls import reverse

from apps.accounts.models import Role
from apps.core.exceptions import DomainError
from apps.monitoring import documents, outcome_services, services
from apps.monitoring.models import (
    AdaptationAssessment,
    Indicator,
    ProfessionalActivity,
    PupilResults,
)
from apps.monitoring.selectors import level4
from apps.monitoring.selectors.outcomes import (
    OUTCOME_TITLES,
    outcome_figures,
    outcome_figures_by,
    outcome_overview,
)
from apps.organizations.models import Organization
from tests.factories import pairs as f
from tests.factories import programs as pf
from tests.factories.accounts import UserFactory
from tests.pdf_pages import flat_text

pytestmark = pytest.mark.django_db

DAY = date(2026, 11, 10)


def _pdf_text(data: bytes) -> str:
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True)
    return flat_text(result.stdout.decode())  # hyphenated words joined again


def results(trio, mentee_index=0, point="start", **overrides):
    data = {
        "program": trio.program,
        "mentee": trio.mentees[mentee_index].person,
        "point": point,
        "passed_share": 70,
        "quality_share": 40,
        "olympiad_participants": 2,
        "classes": "5 «А», математика",
        "source": "протоколы ВПР 2026",
        "user": None,
    }
    return outcome_services.pupil_results_record(**{**data, **overrides})


def other_pair(cast, year):
    """A second pair of the same school: another mentor (a user) with another mentee."""
    mentor_user = UserFactory(username="mentor2", roles=[(Role.MENTOR, cast.school)])
    mentee_user = UserFactory(username="mentee_b", roles=[(Role.MENTEE, cast.school)])
    mentor = f.mentor_entry(cast.school, year, user=mentor_user, last_name="Второва")
    mentee = f.mentee_entry(cast.school, year, user=mentee_user, last_name="Другая")
    group = pf.active_group(cast.school, year, mentor, [mentee], curator=cast.curator, director=cast.director)
    program = pf.approve(pf.draft_program(group, mentor_user), cast.curator)
    return program, mentor_user, mentee_user, mentee.person


# Services: the rules at the field --------------------------------------------------------------------


def test_results_at_the_same_point_replace_the_earlier_ones(trio):
    results(trio, passed_share=60)
    results(trio, passed_share="87,5")
    record = PupilResults.objects.get()
    assert float(record.passed_share) == 87.5


@pytest.mark.parametrize(
    "overrides,field",
    [
        ({"passed_share": 101}, "passed_share"),
        ({"quality_share": -1}, "quality_share"),
        ({"passed_share": "много"}, "passed_share"),
        ({"passed_share": None, "quality_share": None}, "passed_share"),
        ({"olympiad_participants": 5000}, "olympiad_participants"),
        ({"source": "  "}, "source"),
        ({"point": "month"}, "point"),
    ],
)
def test_bad_results_are_refused_at_the_field_and_nothing_is_saved(trio, overrides, field):
    with pytest.raises(DomainError) as error:
        results(trio, **overrides)
    assert error.value.field == field
    assert not PupilResults.objects.exists()


def test_results_of_a_teacher_outside_the_program_are_refused(cast, year, trio):
    _program, _mentor, _mentee, stranger = other_pair(cast, year)
    with pytest.raises(DomainError, match="не наставляемый этой программы"):
        results(trio, mentee=stranger)


def test_activity_date_outside_the_program_year_or_in_the_future_is_refused(trio):
    kwargs = {
        "program": trio.program,
        "person": trio.mentees[0].person,
        "whose": "mentee",
        "kind": "contest",
        "level": "municipal",
        "title": "Педагогический дебют",
        "user": None,
    }
    for day in (date(2026, 8, 31), date(2099, 1, 1)):
        with pytest.raises(DomainError) as error:
            outcome_services.activity_record(happened_on=day, **kwargs)
        assert error.value.field == "happened_on"
    with pytest.raises(DomainError) as error:
        outcome_services.activity_record(happened_on=DAY, **{**kwargs, "title": ""})
    assert error.value.field == "title"
    assert not ProfessionalActivity.objects.exists()


def test_the_mentors_result_must_be_of_the_programs_mentor(cast, trio):
    with pytest.raises(DomainError):
        outcome_services.activity_record(
            program=trio.program,
            person=trio.mentees[0].person,
            whose="mentor",
            kind="category",
            level="regional",
            title="Высшая категория",
            happened_on=DAY,
            user=cast.curator,
        )


def test_a_mentee_writes_only_her_own_activity(cast, trio):
    with pytest.raises(DomainError, match="только свою"):
        outcome_services.activity_record(
            program=trio.program,
            person=trio.mentees[1].person,
            whose="mentee",
            kind="publication",
            level="school",
            title="Статья",
            happened_on=DAY,
            user=cast.mentee,
            as_mentee=True,
        )


@pytest.mark.parametrize("level", [0, 6, "3"])
def test_adaptation_level_outside_the_scale_is_refused(cast, trio, level):
    with pytest.raises(DomainError) as error:
        outcome_services.adaptation_record(
            program=trio.program,
            mentee=trio.mentees[0].person,
            point="start",
            rater="mentor",
            level=level,
            assessed_on=DAY,
            user=cast.mentor,
        )
    assert error.value.field == "level"


# Figures ---------------------------------------------------------------------------------------------


def test_school_figures_pair_each_mentees_start_and_end(cast, year, trio):
    results(trio, 0, "start", passed_share=60, quality_share=30, olympiad_participants=1)
    results(trio, 0, "end", passed_share=80, quality_share=45, olympiad_participants=4)
    results(trio, 1, "start", passed_share=90, quality_share=50, olympiad_participants=0)  # no end yet
    o = outcome_figures([cast.school], year)
    assert o["results_mentees"] == 2 and o["results_mentees_both"] == 1
    assert o["passed_share_start"] == 75.0 and o["passed_share_end"] == 80.0
    assert o["passed_share_change"] == 20.0  # only the mentee with both points
    assert o["quality_progress"] == 15.0
    assert (o["olympiad_start"], o["olympiad_end"]) == (1, 4)
    assert set(o) == set(OUTCOME_TITLES)


def test_adaptation_pace_is_the_change_per_month_and_adapted_from_four(cast, year, trio):
    for point, level, day in (("start", 2, date(2026, 9, 10)), ("end", 4, date(2026, 11, 10))):
        outcome_services.adaptation_record(
            program=trio.program,
            mentee=trio.mentees[0].person,
            point=point,
            rater="mentor",
            level=level,
            assessed_on=day,
            user=cast.mentor,
        )
    outcome_services.adaptation_record(
        program=trio.program,
        mentee=trio.mentees[1].person,
        point="start",
        rater="psychologist",
        level=3,
        assessed_on=date(2026, 9, 10),
        user=cast.psychologist,
    )
    o = outcome_figures([cast.school], year)
    assert o["adaptation_assessed"] == 2
    assert o["adaptation_change"] == 2.0
    assert o["adaptation_pace"] == pytest.approx(2 / (61 / 30.44), abs=0.01)
    assert (o["adapted"], o["adapted_share"]) == (1, 50.0)


def test_activity_counts_mentees_and_mentors_and_the_high_levels(cast, year, trio):
    for person, whose, level in (
        (trio.mentees[0].person, "mentee", "regional"),
        (trio.mentees[0].person, "mentee", "school"),
        (trio.program.group.mentor.person, "mentor", "federal"),
    ):
        outcome_services.activity_record(
            program=trio.program,
            person=person,
            whose=whose,
            kind="contest",
            level=level,
            title="Конкурс",
            happened_on=DAY,
            user=cast.curator,
        )
    o = outcome_figures([cast.school], year)
    assert (o["mentee_activities"], o["mentee_activities_high"], o["mentees_active"]) == (2, 1, 1)
    assert o["mentees_total"] == 3 and o["mentees_active_share"] == pytest.approx(33.3)
    assert (o["mentor_results"], o["mentor_results_high"], o["mentors_with_results"]) == (1, 1, 1)


def test_involved_share_counts_the_registry_teachers_in_the_years_pairs(cast, year, trio):
    f.person(cast.school, last_name="Неучаствующий")
    f.person(cast.school, last_name="Уволенный", left_on=date(2026, 6, 30))  # left before the year
    o = outcome_figures([cast.school], year)
    assert o["involved"] == 4  # the mentor and three mentees
    assert o["teachers"] == 5
    assert o["involved_share"] == 80.0


def test_other_schools_figures_stay_apart(cast, year, trio):
    results(trio)
    assert outcome_figures([cast.other_school], year)["results_mentees"] == 0
    by_org = outcome_figures_by(Organization.objects.all(), year, "organization")
    assert by_org[cast.school.pk]["results_mentees"] == 1
    assert cast.other_school.pk not in by_org or by_org[cast.other_school.pk]["results_mentees"] == 0


def test_municipality_and_region_each_in_one_round_trip(cast, year, trio, django_assert_num_queries):
    results(trio)
    with django_assert_num_queries(1):
        by_municipality = outcome_figures_by(Organization.objects.all(), year, "municipality")
    assert by_municipality[cast.school.municipality_id]["results_mentees"] == 1
    with django_assert_num_queries(1):
        by_region = outcome_figures_by(Organization.objects.all(), year, "region")
    assert by_region[cast.school.municipality.region_id]["results_mentees"] == 1


def test_coordinator_overview_names_territories_not_people(cast, year, trio):
    results(trio)
    overview = outcome_overview(user=cast.municipal, year=year)
    assert [name for name, _ in overview["municipalities"]] == [cast.school.municipality.name]
    assert overview["regions"] == []  # her municipality is not the region
    regional = outcome_overview(user=cast.regional, year=year)
    assert regional["regions"][0][1]["results_mentees"] == 1


# The school's level 4: per-mentee aggregate, else the school-wide entry, labelled ------------------


def test_school_entry_is_the_labelled_fallback_until_mentees_have_results(cast, year, trio):
    services.indicator_set(
        organization=cast.school,
        year=year,
        kind=Indicator.EXAM_PASS,
        value=87,
        source="протоколы ВПР",
        user=cast.curator,
    )
    rows = {
        label: (value, source) for label, value, source in level4(organization=cast.school, year=year).rows()
    }
    assert rows[Indicator.EXAM_PASS.label] == ("87", "введено куратором для школы в целом: протоколы ВПР")
    results(trio, 0, "start", passed_share=60)
    results(trio, 0, "end", passed_share="80,5")
    rows = {
        label: (value, source) for label, value, source in level4(organization=cast.school, year=year).rows()
    }
    value, source = rows[Indicator.EXAM_PASS.label]
    assert value == "80,5 (в начале программы 60)"
    assert source.startswith("вычислено порталом по результатам обучающихся")
    # Complaints stay the school's entry: no mentee has them.
    assert rows[Indicator.COMPLAINTS.label] == ("не внесено", "—")


def test_annual_report_level4_section_shows_the_mentees_results(cast, year, trio):
    results(trio, 0, "start", passed_share=60, quality_share=30)
    results(trio, 0, "end", passed_share=80, quality_share=45)
    text = " ".join(_pdf_text(documents.annual_report_pdf(organization=cast.school, year=year)).split())
    assert "Обучающиеся наставляемых (наставляемых с записями — 1)" in text
    assert "Вовлечены в формы наставничества 4 из 4 педагогов реестра" in text
    assert "активность проявили 0 из 3 наставляемых" in text


# Pages and permissions ---------------------------------------------------------------------------------


def test_mentor_enters_pupils_results_on_the_program_card(client_for, trio):
    client = client_for("mentor")
    response = client.post(
        reverse("monitoring:pupil-results", args=[trio.program.pk]),
        {
            "mentee": trio.mentees[0].person.pk,
            "point": "start",
            "passed_share": "75",
            "quality_share": "40,5",
            "olympiad_participants": "3",
            "source": "протоколы ВПР 2026",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("monitoring:program-card", args=[trio.program.pk])).content.decode()
    assert "Уровень 4: результаты по наставляемым" in page and "40,5" in page


def test_results_form_without_any_share_says_so_at_the_field(client_for, trio):
    response = client_for("curator").post(
        reverse("monitoring:pupil-results", args=[trio.program.pk]),
        {"mentee": trio.mentees[0].person.pk, "point": "start", "source": "протоколы"},
    )
    assert response.status_code == 200
    assert "Укажите долю успешно прошедших" in response.content.decode()
    assert not PupilResults.objects.exists()


@pytest.mark.parametrize(
    "who,status",
    [
        ("curator", 200),
        ("mentor", 200),
        ("mentee", 403),
        ("director", 403),
        ("psychologist", 403),
        ("other_curator", 404),
        ("other_teacher", 404),
        ("municipal", 403),
        ("nobody", 404),
    ],
)
def test_who_may_open_the_pupils_results_page(client_for, trio, who, status):
    assert (
        client_for(who).get(reverse("monitoring:pupil-results", args=[trio.program.pk])).status_code == status
    )


def test_a_mentee_cannot_post_her_pupils_results(client_for, trio):
    response = client_for("mentee").post(
        reverse("monitoring:pupil-results", args=[trio.program.pk]),
        {"mentee": trio.mentees[0].person.pk, "point": "start", "passed_share": "99", "source": "я"},
    )
    assert response.status_code == 403
    assert not PupilResults.objects.exists()


def test_a_mentor_of_another_pair_cannot_enter_results_or_activity(client, cast, year, trio):
    _program, other_mentor, _mentee_user, _person = other_pair(cast, year)
    client.force_login(other_mentor)
    data = {
        "mentee": trio.mentees[0].person.pk,
        "point": "start",
        "passed_share": "99",
        "source": "протоколы",
    }
    assert client.post(reverse("monitoring:pupil-results", args=[trio.program.pk]), data).status_code == 403
    assert client.get(reverse("monitoring:activity", args=[trio.program.pk])).status_code == 403
    assert client.get(reverse("monitoring:adaptation", args=[trio.program.pk])).status_code == 403
    assert not PupilResults.objects.exists()


def test_other_schools_curator_gets_nothing_by_crafted_post(client_for, trio):
    client = client_for("other_curator")
    data = {
        "mentee": trio.mentees[0].person.pk,
        "point": "start",
        "passed_share": "99",
        "source": "протоколы",
    }
    for name in ("monitoring:pupil-results", "monitoring:activity", "monitoring:adaptation"):
        assert client.post(reverse(name, args=[trio.program.pk]), data).status_code == 404
    assert not PupilResults.objects.exists()


def test_mentor_cannot_post_results_for_a_mentee_of_another_program(client, cast, year, client_for, trio):
    _program, _other_mentor, _mentee_user, stranger = other_pair(cast, year)
    response = client_for("mentor").post(
        reverse("monitoring:pupil-results", args=[trio.program.pk]),
        {"mentee": stranger.pk, "point": "start", "passed_share": "50", "source": "протоколы"},
    )
    assert response.status_code == 200  # not a choice of this program
    assert not PupilResults.objects.exists()


def test_mentee_records_her_own_activity_and_sees_only_hers(client_for, cast, trio):
    outcome_services.activity_record(
        program=trio.program,
        person=trio.mentees[1].person,
        whose="mentee",
        kind="publication",
        level="school",
        title="Статья коллеги",
        happened_on=DAY,
        user=cast.curator,
    )
    client = client_for("mentee")
    url = reverse("monitoring:activity", args=[trio.program.pk])
    page = client.get(url).content.decode()
    assert "Статья коллеги" not in page and "(наставник)" not in page
    own = {
        "person": f"mentee:{trio.mentees[0].person.pk}",
        "kind": "open_lesson",
        "level": "school",
        "title": "Открытый урок",
        "happened_on": DAY.isoformat(),
    }
    assert client.post(url, own).status_code == 302
    crafted = {**own, "person": f"mentee:{trio.mentees[1].person.pk}", "title": "Чужая запись"}
    assert client.post(url, crafted).status_code == 200
    mentor = {**own, "person": f"mentor:{trio.program.group.mentor.person_id}", "title": "За наставника"}
    assert client.post(url, mentor).status_code == 200
    assert list(
        ProfessionalActivity.objects.filter(entered_by=cast.mentee).values_list("title", flat=True)
    ) == ["Открытый урок"]


def test_mentor_records_her_own_result(client_for, cast, trio):
    response = client_for("mentor").post(
        reverse("monitoring:activity", args=[trio.program.pk]),
        {
            "person": f"mentor:{trio.program.group.mentor.person_id}",
            "kind": "category",
            "level": "regional",
            "title": "Высшая квалификационная категория",
            "happened_on": DAY.isoformat(),
        },
    )
    assert response.status_code == 302
    assert ProfessionalActivity.objects.get().whose == ProfessionalActivity.Whose.MENTOR


def test_psychologist_assesses_adaptation_as_the_psychologist_only(client_for, trio):
    client = client_for("psychologist")
    url = reverse("monitoring:adaptation", args=[trio.program.pk])
    data = {
        "mentee": trio.mentees[0].person.pk,
        "point": "middle",
        "level": "3",
        "assessed_on": DAY.isoformat(),
    }
    assert client.post(url, {**data, "rater": "curator"}).status_code == 200
    assert client.post(url, {**data, "rater": "psychologist"}).status_code == 302
    assert AdaptationAssessment.objects.get().rater == "psychologist"


@pytest.mark.parametrize(
    "who,status",
    [("curator", 200), ("mentor", 200), ("psychologist", 200), ("mentee", 403), ("council", 403)],
)
def test_who_may_assess_adaptation(client_for, trio, who, status):
    assert client_for(who).get(reverse("monitoring:adaptation", args=[trio.program.pk])).status_code == status


def test_program_page_links_the_mentee_to_her_activity(client_for, trio):
    page = (
        client_for("mentee").get(reverse("programs:program-detail", args=[trio.program.pk])).content.decode()
    )
    assert reverse("monitoring:activity", args=[trio.program.pk]) in page


def test_overview_shows_the_municipality_and_region_rows(client_for, year, trio):
    results(trio)
    page = client_for("regional").get(reverse("monitoring:overview"), {"year": year.pk}).content.decode()
    assert "Уровень 4 по муниципалитетам и региону" in page and "(регион)" in page
    page = client_for("municipal").get(reverse("monitoring:overview"), {"year": year.pk}).content.decode()
    assert "Уровень 4 по муниципалитету" in page and "(регион)" not in page


def test_dashboard_shows_the_shares_of_the_registry(client_for, year, trio):
    page = client_for("curator").get(reverse("monitoring:dashboard"), {"year": year.pk}).content.decode()
    assert "Доля педагогов, вовлечённых в формы наставничества, %" in page


def test_erasure_destroys_the_persons_level4_records(cast, trio):
    from apps.monitoring import erasure

    person = trio.mentees[0].person
    results(trio)
    outcome_services.adaptation_record(
        program=trio.program,
        mentee=person,
        point="start",
        rater="mentor",
        level=2,
        assessed_on=DAY,
        user=None,
    )
    outcome_services.activity_record(
        program=trio.program,
        person=person,
        whose="mentee",
        kind="publication",
        level="school",
        title="Статья",
        happened_on=DAY,
        user=None,
    )
    results(trio, 1)  # another mentee's record stays
    done = erasure.erase(person=person, user=cast.curator)
    assert ("результаты обучающихся наставляемого", 1) in done.destroyed
    assert not PupilResults.objects.filter(mentee=person).exists()
    assert not ProfessionalActivity.objects.filter(person=person).exists()
    assert not AdaptationAssessment.objects.filter(mentee=person).exists()
    assert PupilResults.objects.count() == 1
