"""Rules of monitoring: versioned questionnaires, campaign scheduling, answering once and in time,
the four levels against hand-computed numbers, anonymity toward the mentor, risk flags, reminders
(notifications of the «survey due» kind)."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core import mail
from django.urls import reverse

from apps.banks.models import Area, MenteeEntry
from apps.core.exceptions import DomainError
from apps.monitoring import selectors, services
from apps.monitoring.models import (
    Answer,
    Assessment,
    Campaign,
    Indicator,
    ObservationCriterion,
    Question,
    QuestionnaireTemplate,
    Response,
    SurveyAssignment,
)
from apps.notifications import services as notification_services
from apps.notifications.models import Notification
from apps.programs import services as program_services
from apps.programs.models import Program
from tests.factories import monitoring as mf

pytestmark = pytest.mark.django_db

ON = date(2026, 10, 5)


def make_campaign(cast, trio, template=None, point="start", days=14, audience="mentee"):
    template = template or mf.small_template(cast.school, cast.curator)
    return services.campaign_create(
        organization=cast.school,
        user=cast.curator,
        template=template,
        title="Удовлетворённость",
        audience=audience,
        point=point,
        days_to_answer=days,
        programs=[trio.program],
    )


# Questionnaires -----------------------------------------------------------------------------------


def test_ready_questionnaires_are_installed_with_the_portal(db):
    codes = set(
        QuestionnaireTemplate.objects.filter(organization__isnull=True).values_list("code", flat=True)
    )
    assert {"mentee_satisfaction", "mentor_satisfaction", "potential_mentor", "program_final"} <= codes
    mentee = mf.builtin("mentee_satisfaction")
    topics = set(mentee.questions.exclude(topic="").values_list("topic", flat=True))
    assert topics == {"conditions", "organization", "awareness", "qualification", "readiness", "overall"}
    assert mentee.questions.filter(kind="text").count() == 3  # reasons for (dis)satisfaction, suggestions
    assert ObservationCriterion.objects.filter(organization__isnull=True).count() == 12


def test_ready_questionnaire_cannot_be_edited_only_copied(cast):
    with pytest.raises(DomainError):
        services.question_add(
            template=mf.builtin("mentee_satisfaction"), user=cast.curator, text="x", kind="text"
        )
    copy = services.questionnaire_copy(
        template=mf.builtin("mentee_satisfaction"), organization=cast.school, user=cast.curator
    )
    assert copy.questions.count() == mf.builtin("mentee_satisfaction").questions.count()
    assert copy.sections.count() == 6


def test_editing_an_answered_template_makes_a_new_version_and_answers_keep_theirs(cast, year, trio):
    template = mf.small_template(cast.school, cast.curator)
    campaign = make_campaign(cast, trio, template)
    mf.answer_all(campaign, trio.users[:1], [4], on=ON)
    edited = services.question_add(template=template, user=cast.curator, text="Новый вопрос", kind="scale10")
    template.refresh_from_db()
    assert edited.pk != template.pk and edited.family == template.family
    assert (edited.version, template.version) == (2, 1)
    assert not template.is_current and edited.is_current
    assert template.questions.count() == 3 and edited.questions.count() == 4
    response = Response.objects.get()
    assert response.template_id == template.pk
    assert {a.question.template_id for a in response.answers.all()} == {template.pk}


def test_unanswered_template_is_edited_in_place(cast):
    template = mf.small_template(cast.school, cast.curator)
    assert (
        services.question_add(template=template, user=cast.curator, text="Ещё", kind="text").pk == template.pk
    )


def test_choice_question_needs_two_distinct_options(cast):
    template = mf.small_template(cast.school, cast.curator)
    with pytest.raises(DomainError) as error:
        services.question_add(
            template=template, user=cast.curator, text="Выбор", kind="single", choices=["да"]
        )
    assert error.value.field == "choices"


# Campaigns ----------------------------------------------------------------------------------------


def test_survey_points_are_computed_from_the_program_dates(trio):
    program = trio.program  # 01.10.2026 – 31.05.2027, 242 days
    assert services.point_date(program, "start") == date(2026, 10, 1)
    assert services.point_date(program, "month") == date(2026, 11, 1)
    assert services.point_date(program, "middle") == date(2027, 1, 30)
    assert services.point_date(program, "end") == date(2027, 5, 31)


def test_month_point_keeps_the_last_day_of_a_shorter_month():
    program = SimpleNamespace(start=date(2027, 1, 31), end=date(2027, 6, 30))
    assert services.point_date(program, "month") == date(2027, 2, 28)


def test_campaign_gives_each_mentee_a_survey_due_after_the_point(cast, trio):
    campaign = make_campaign(cast, trio, point="middle", days=10)
    rows = list(SurveyAssignment.objects.filter(campaign=campaign))
    assert len(rows) == 3 and {r.role for r in rows} == {"mentee"}
    assert {(r.opens_on, r.due_on) for r in rows} == {(date(2027, 1, 30), date(2027, 2, 9))}
    both = make_campaign(cast, trio, audience="both")
    assert both.assignments.filter(role="mentor").count() == 1


def test_campaign_refuses_programs_of_another_organisation(cast, trio):
    with pytest.raises(DomainError):
        services.campaign_create(
            organization=cast.other_school,
            user=cast.other_curator,
            template=mf.builtin("mentee_satisfaction"),
            title="x",
            audience="mentee",
            point="start",
            days_to_answer=14,
            programs=[trio.program],
        )


def test_survey_cannot_be_answered_twice(cast, trio):
    campaign = make_campaign(cast, trio)
    mf.answer_all(campaign, trio.users[:1], [5], on=ON)
    with pytest.raises(DomainError, match="дважды"):
        mf.answer_all(campaign, trio.users[:1], [5], on=ON)
    assert Response.objects.count() == 1


def test_survey_cannot_be_answered_after_it_closes(cast, trio):
    campaign = make_campaign(cast, trio)
    with pytest.raises(DomainError, match="закрыто"):
        mf.answer_all(campaign, trio.users[:1], [5], on=date(2026, 10, 16))  # due 15.10
    services.campaign_close(campaign=campaign, user=cast.curator)
    with pytest.raises(DomainError, match="закрыто"):
        mf.answer_all(campaign, trio.users[:1], [5], on=ON)
    assert not Response.objects.exists()


def test_survey_is_not_open_before_its_point(cast, trio):
    campaign = make_campaign(cast, trio, point="end")
    with pytest.raises(DomainError, match="откроется"):
        mf.answer_all(campaign, trio.users[:1], [5], on=ON)


def test_scale_answer_out_of_range_is_refused_at_the_field(cast, trio):
    campaign = make_campaign(cast, trio)
    q = mf.questions(campaign.template)[0]
    a = SurveyAssignment.objects.get(campaign=campaign, person__user=trio.users[0])
    data = {f"q{x.pk}": "3" for x in mf.questions(campaign.template) if x.is_scale}
    data[f"q{q.pk}"] = "6"
    with pytest.raises(DomainError) as error:
        services.survey_submit(assignment=a, user=trio.users[0], data=data, on=ON)
    assert error.value.field == f"q{q.pk}"
    a.refresh_from_db()
    assert a.answered_at is None


def test_required_question_left_empty_is_refused(cast, trio):
    campaign = make_campaign(cast, trio)
    a = SurveyAssignment.objects.get(campaign=campaign, person__user=trio.users[0])
    with pytest.raises(DomainError, match="обязательный"):
        services.survey_submit(assignment=a, user=trio.users[0], data={}, on=ON)


def test_someone_else_cannot_answer_a_survey(cast, trio):
    campaign = make_campaign(cast, trio)
    a = SurveyAssignment.objects.get(campaign=campaign, person__user=trio.users[0])
    with pytest.raises(DomainError):
        services.survey_submit(assignment=a, user=trio.users[1], data={}, on=ON)


def test_response_keeps_no_link_to_the_person(cast, trio):
    field_names = {f.name for f in Response._meta.get_fields()}
    assert not {"person", "assignment", "user"} & field_names
    campaign = make_campaign(cast, trio)
    mf.answer_all(campaign, trio.users[:1], [4], on=ON)
    assert SurveyAssignment.objects.filter(answered_at__isnull=False).count() == 1


# Level 1 ------------------------------------------------------------------------------------------


def test_level1_average_distribution_and_topics_against_hand_computed_numbers(cast, trio):
    campaign = make_campaign(cast, trio)
    mf.answer_all(campaign, trio.users, [5, 4, 2], on=ON)
    data = selectors.level1(Program.objects.filter(pk=trio.program.pk))
    # Two scale questions each: (5+5+4+4+2+2)/6 = 3.67
    assert data["average"] == 3.67
    assert data["responses"] == 3
    assert data["distribution"] == [0, 2, 0, 2, 2]
    assert {t["average"] for t in data["by_topic"]} == {3.67}


def test_ten_point_scale_is_brought_to_five_points(cast, trio):
    t = services.questionnaire_create(
        organization=cast.school, user=cast.curator, title="10", audience="mentee"
    )
    t = services.question_add(template=t, user=cast.curator, text="Всё", kind="scale10", topic="overall")
    campaign = make_campaign(cast, trio, t)
    mf.answer_all(campaign, trio.users[:2], [10, 1], on=ON)
    assert sorted(Answer.objects.values_list("score5", flat=True)) == [1.0, 5.0]
    assert selectors.level1(Program.objects.all())["average"] == 3.0


def test_mentor_sees_no_aggregate_below_three_answers(cast, trio):
    campaign = make_campaign(cast, trio)
    mf.answer_all(campaign, trio.users[:2], [5, 1], on=ON)
    hidden = selectors.level1_for_mentor(trio.program)
    assert hidden["hidden"] and "average" not in hidden
    mf.answer_all(campaign, trio.users[2:], [3], on=ON)
    shown = selectors.level1_for_mentor(trio.program)
    assert not shown["hidden"] and shown["average"] == 3.0


# Level 2 ------------------------------------------------------------------------------------------


def test_level2_change_per_area_against_hand_computed_numbers(cast, trio):
    mentee = trio.mentees[0].person
    record = services.assessment_record
    record(
        program=trio.program,
        mentee=mentee,
        stage="start",
        rater="self",
        scores={Area.METHODICAL: 2, Area.ICT: 3},
        user=trio.users[0],
    )
    record(
        program=trio.program,
        mentee=mentee,
        stage="start",
        rater="mentor",
        scores={Area.METHODICAL: 2},
        user=cast.mentor,
    )
    record(
        program=trio.program,
        mentee=mentee,
        stage="end",
        rater="self",
        scores={Area.METHODICAL: 4, Area.ICT: 4},
        user=trio.users[0],
    )
    record(
        program=trio.program,
        mentee=mentee,
        stage="end",
        rater="mentor",
        scores={Area.METHODICAL: 5},
        user=cast.mentor,
    )
    # A test of 20 points: 10 at the start → 1 + 4·10/20 = 3; 20 at the end → 5.
    record(
        program=trio.program,
        mentee=mentee,
        stage="start",
        rater="test",
        scores={Area.ICT: 10},
        user=cast.curator,
        max_score=20,
    )
    record(
        program=trio.program,
        mentee=mentee,
        stage="end",
        rater="test",
        scores={Area.ICT: 20},
        user=cast.curator,
        max_score=20,
    )
    data = selectors.level2(Program.objects.filter(pk=trio.program.pk))
    by_area = {a["key"]: a for a in data["areas"]}
    assert (by_area[Area.METHODICAL]["start"], by_area[Area.METHODICAL]["end"]) == (2.0, 4.5)
    assert by_area[Area.METHODICAL]["change"] == 2.5
    assert (by_area[Area.ICT]["start"], by_area[Area.ICT]["end"], by_area[Area.ICT]["change"]) == (
        3.0,
        4.5,
        1.5,
    )
    assert data["average_change"] == 2.0


def test_level2_score_out_of_range_is_refused(cast, trio):
    with pytest.raises(DomainError) as error:
        services.assessment_record(
            program=trio.program,
            mentee=trio.mentees[0].person,
            stage="start",
            rater="self",
            scores={Area.ICT: 6},
            user=trio.users[0],
        )
    assert error.value.field == f"area_{Area.ICT}"
    assert not Assessment.objects.exists()


# Level 3 ------------------------------------------------------------------------------------------


def test_level3_change_per_criterion_against_hand_computed_numbers(cast, trio):
    criteria = services.criteria_for(cast.school)[:2]
    mentee = trio.mentees[0].person
    for stage, observer, role, scores in [
        ("start", cast.curator, "curator", (2, 3)),
        ("start", cast.director, "manager", (3, 3)),
        ("end", cast.curator, "curator", (4, 5)),
    ]:
        services.protocol_create(
            program=trio.program,
            mentee=mentee,
            stage=stage,
            observer=observer,
            observer_role=role,
            visited_on=date(2026, 10, 20),
            lesson="6 «А», математика, дроби",
            scores={criteria[0].pk: scores[0], criteria[1].pk: scores[1]},
        )
    data = selectors.level3(Program.objects.filter(pk=trio.program.pk))
    first, second = data["criteria"]
    assert (first["start"], first["end"], first["change"]) == (2.5, 4.0, 1.5)
    assert (second["start"], second["end"], second["change"]) == (3.0, 5.0, 2.0)
    assert data["protocols"] == {"total": 3, "start": 2, "end": 1}
    assert data["average_change"] == 1.75


def test_protocol_score_out_of_range_is_refused(cast, trio):
    c = services.criteria_for(cast.school)[0]
    with pytest.raises(DomainError):
        services.protocol_create(
            program=trio.program,
            mentee=trio.mentees[0].person,
            stage="start",
            observer=cast.curator,
            observer_role="curator",
            visited_on=date(2026, 10, 2),
            lesson="урок",
            scores={c.pk: 7},
        )


# Level 4 ------------------------------------------------------------------------------------------


def test_level4_retention_of_young_teachers_is_computed_from_staff(cast, year, trio):
    # Three young mentees of the year; one leaves during the year.
    left = trio.mentees[2].person
    left.left_on = date(2027, 3, 1)
    left.save(update_fields=["left_on"])
    data = selectors.level4(organization=cast.school, year=year)
    assert (data.young_total, data.young_retained, data.retention) == (3, 2, 66.7)


def test_level4_counts_teachers_planning_to_become_mentors_or_mentees(cast, year, trio):
    MenteeEntry.objects.filter(pk=trio.mentees[0].pk).update(source=MenteeEntry.Source.SELF)
    data = selectors.level4(organization=cast.school, year=year)
    assert (data.planning_mentees, data.planning_mentors) == (1, 0)


def test_indicator_needs_a_year_a_value_in_range_and_a_source(cast, year):
    kwargs = {"organization": cast.school, "kind": Indicator.EXAM_PASS, "user": cast.curator}
    with pytest.raises(DomainError) as error:
        services.indicator_set(year=None, value=50, source="протоколы", **kwargs)
    assert error.value.field == "year"
    with pytest.raises(DomainError) as error:
        services.indicator_set(year=year, value=120, source="протоколы", **kwargs)
    assert error.value.field == "value"
    with pytest.raises(DomainError) as error:
        services.indicator_set(year=year, value=90, source="  ", **kwargs)
    assert error.value.field == "source"
    item = services.indicator_set(year=year, value="92,5", source="протоколы ВПР", **kwargs)
    assert item.value == Decimal("92.5")
    assert selectors.level4(organization=cast.school, year=year).entered[
        Indicator.EXAM_PASS
    ].value == Decimal("92.5")


# Risks --------------------------------------------------------------------------------------------


def _risk(risks, kind):
    return next(r for r in risks if r.kind == kind)


def test_risk_flags(cast, year, trio):
    program = trio.program
    # Overload: three mentees at a limit of three is fine; at a limit of two it is overload.
    risks = selectors.risk_flags(organization=cast.school, year=year, on=date(2026, 11, 20))
    assert _risk(risks, "overload").items == []
    program.group.mentor.__class__.objects.filter(pk=program.group.mentor_id).update(max_mentees=2)
    # An event done with «выполнено» only (formalism) and one overdue.
    done = program_services.event_save(
        program=program,
        user=cast.curator,
        data={
            "title": "Посещение урока",
            "form": "lesson_visit",
            "start": date(2026, 10, 10),
            "responsible": "mentor",
        },
    )
    program_services.event_complete(event=done, user=cast.mentor, evidence="выполнено", on=date(2026, 10, 10))
    program_services.event_save(
        program=program,
        user=cast.curator,
        data={"title": "Семинар", "form": "seminar", "start": date(2026, 10, 12), "responsible": "mentor"},
    )
    # Low satisfaction: (2+2+1+1+3+3)/6 = 2.0 < 3.
    campaign = make_campaign(cast, trio)
    mf.answer_all(campaign, trio.users, [2, 1, 3], on=ON)
    risks = selectors.risk_flags(organization=cast.school, year=year, on=date(2026, 11, 20))
    assert len(_risk(risks, "overload").items) == 1
    assert "3 наставляемых при пределе 2" in _risk(risks, "overload").items[0]
    assert _risk(risks, "formalism").items == [f"{program.title}: 1"]
    assert _risk(risks, "overdue").items == [f"{program.title}: 1"]
    assert _risk(risks, "low_satisfaction").items == [f"{program.title}: 2.0 из 5"]
    # No activity logged since the start (01.10) for 50 days: stalled.
    assert len(_risk(risks, "stalled").items) == 1


def test_event_with_real_evidence_is_not_formalism(cast, year, trio):
    e = program_services.event_save(
        program=trio.program,
        user=cast.curator,
        data={
            "title": "Посещение урока",
            "form": "lesson_visit",
            "start": date(2026, 10, 10),
            "responsible": "mentor",
        },
    )
    program_services.event_complete(
        event=e,
        user=cast.mentor,
        on=date(2026, 10, 10),
        evidence="Конспект урока и анализ посещения в папке наставника",
    )
    risks = selectors.risk_flags(organization=cast.school, year=year, on=date(2026, 10, 11))
    assert _risk(risks, "formalism").items == []


# Reminders ----------------------------------------------------------------------------------------


def test_reminders_are_survey_due_notifications_once_per_deadline_in_russian(cast, trio):
    """No e-mail of monitoring's own: the reminder is a «survey due» notification (apps.notifications),
    for who has not answered, within 3 days of the deadline, once per deadline; the day is noted."""
    campaign = make_campaign(cast, trio)  # open 01.10–15.10.2026
    mf.answer_all(campaign, trio.users[:1], [5], on=ON)
    survey_due = Notification.objects.filter(kind=Notification.Kind.SURVEY_DUE)
    notification_services.collect(on=date(2026, 10, 11))
    assert not survey_due.exists()
    notification_services.collect(on=date(2026, 10, 12))
    assert set(survey_due.values_list("user_id", flat=True)) == {u.pk for u in trio.users[1:]}
    note = survey_due.get(user=trio.users[1])
    assert note.text == (
        f"Заполните анкету «Удовлетворённость» по программе «{trio.program.title}» до 15.10.2026. "
        "Ответы анонимны."
    )
    token = SurveyAssignment.objects.get(campaign=campaign, person__user=trio.users[1]).token
    assert note.url == reverse("monitoring:survey-fill", args=[token])
    reminded = dict(SurveyAssignment.objects.values_list("person__user_id", "reminded_on"))
    assert reminded == {trio.users[0].pk: None, **{u.pk: date(2026, 10, 12) for u in trio.users[1:]}}
    notification_services.collect(on=date(2026, 10, 13))
    notification_services.collect(on=date(2026, 10, 16))  # closed: the curator hears of it, not them
    assert survey_due.filter(user__in=trio.users).count() == 2
    assert set(SurveyAssignment.objects.values_list("reminded_on", flat=True)) == {None, date(2026, 10, 12)}
    assert mail.outbox == []  # collecting sends nothing; letters go by the user's channel (notifications)


def test_campaign_close_is_refused_twice(cast, trio):
    campaign = make_campaign(cast, trio)
    services.campaign_close(campaign=campaign, user=cast.curator)
    assert Campaign.objects.get().status == "closed"
    with pytest.raises(DomainError):
        services.campaign_close(campaign=campaign, user=cast.curator)


def test_question_kinds_have_their_scale():
    assert Question(kind="scale5").scale_max == 5 and Question(kind="scale10").scale_max == 10
    assert Question(kind="text").scale_max is None


# The staff survey (potential mentors) -------------------------------------------------------------


def test_potential_mentor_survey_goes_to_the_staff_and_counts_on_level4(cast, year, trio):
    template = mf.builtin("potential_mentor")
    plan = template.questions.get(topic="plan_mentor")
    campaign = services.campaign_create(
        organization=cast.school,
        user=cast.curator,
        template=template,
        title="Кто готов стать наставником",
        audience="staff",
        point="start",
        days_to_answer=30,
        programs=[],
    )
    rows = list(campaign.assignments.all())
    assert len(rows) == 4 and {r.program_id for r in rows} == {None}  # the mentor and three mentees
    assert {r.opens_on for r in rows} == {services.today()}
    for user, answer in zip(trio.users, ["да", "нет", "да"], strict=True):
        a = campaign.assignments.get(person__user=user)
        data = {}
        for q in template.questions.all():
            if q.pk == plan.pk:
                data[f"q{q.pk}"] = answer
            elif q.is_scale:
                data[f"q{q.pk}"] = "4"
            elif q.kind == "single":
                data[f"q{q.pk}"] = q.choices[0]
            elif q.kind == "multiple":
                data[f"q{q.pk}"] = [q.choices[0]]
        services.survey_submit(assignment=a, user=user, data=data)
    assert selectors.level4(organization=cast.school, year=year).planning_mentors_survey == 2
    # Not a satisfaction survey: level 1 is untouched.
    assert selectors.level1(Program.objects.all())["responses"] == 0


def test_plan_mentor_topic_needs_a_single_choice_with_yes(cast):
    template = mf.small_template(cast.school, cast.curator)
    with pytest.raises(DomainError) as error:
        services.question_add(
            template=template, user=cast.curator, text="Готовы?", kind="scale5", topic="plan_mentor"
        )
    assert error.value.field == "topic"
    services.question_add(
        template=template,
        user=cast.curator,
        text="Готовы?",
        kind="single",
        choices=["да", "нет"],
        topic="plan_mentor",
    )
