"""Monitoring test data reached through the services: a group of three mentees with a program,
campaigns and answers."""

from datetime import date

from apps.accounts.models import Role
from apps.monitoring import services
from apps.monitoring.models import Question, QuestionnaireTemplate
from tests.factories import pairs as f
from tests.factories import programs as pf
from tests.factories.accounts import UserFactory


def builtin(code: str) -> QuestionnaireTemplate:
    return QuestionnaireTemplate.objects.get(code=code, organization__isnull=True)


def small_template(organization, user, *, title="Короткая анкета") -> QuestionnaireTemplate:
    """Two scale questions (conditions, qualification) and one free-text question."""
    t = services.questionnaire_create(organization=organization, user=user, title=title, audience="mentee")
    t = services.question_add(
        template=t, user=user, text="Сроки и условия", kind="scale5", topic="conditions"
    )
    t = services.question_add(
        template=t, user=user, text="Квалификация наставника", kind="scale5", topic="qualification"
    )
    t = services.question_add(template=t, user=user, text="Предложения", kind="text", required=False)
    return t


def questions(template) -> list[Question]:
    return list(template.questions.order_by("position", "pk"))


def trio(cast, year, *, max_mentees=3, start=date(2026, 10, 1), end=date(2027, 5, 31)):
    """cast.mentor with a group of three mentees (cast.mentee and two more users), approved program."""
    school = cast.school
    mentor = f.mentor_entry(
        school,
        year,
        user=cast.mentor,
        last_name="Морозова",
        first_name="Татьяна",
        patronymic="Сергеевна",
        sex="f",
        max_mentees=max_mentees,
        pedagogical_experience_years=20,
        total_experience_years=25,
    )
    users = [cast.mentee] + [
        # Marker surnames: a test can look for them on a page without a random name matching by chance.
        UserFactory(username=f"mentee{i}", last_name=f"Опрошенный{i}", roles=[(Role.MENTEE, school)])
        for i in (2, 3)
    ]
    mentees = [
        f.mentee_entry(
            school,
            year,
            user=u,
            last_name=f"Наставляемый{i}",
            pedagogical_experience_years=1,
            total_experience_years=1,
            email=f"m{i}@school.example.ru",
        )
        for i, u in enumerate(users)
    ]
    group = pf.active_group(
        school,
        year,
        mentor,
        mentees,
        curator=cast.curator,
        director=cast.director,
        planned_start=start,
        planned_end=end,
    )
    program = pf.approve(pf.draft_program(group, cast.mentor, start=start, end=end), cast.curator)
    return program, users, mentees


def answer_all(campaign, users, values, *, on):
    """Each user answers every scale question of the campaign with their value; text «ok»."""
    from apps.monitoring.models import SurveyAssignment

    for user, value in zip(users, values, strict=False):
        a = SurveyAssignment.objects.get(campaign=campaign, person__user=user)
        data = {}
        for q in campaign.template.questions.all():
            if q.is_scale:
                data[f"q{q.pk}"] = str(value)
            elif q.kind == "text":
                data[f"q{q.pk}"] = f"Предложение от {user.username}"
            elif q.kind == "single":
                data[f"q{q.pk}"] = q.choices[0]
            elif q.kind == "multiple":
                data[f"q{q.pk}"] = [q.choices[0]]
        services.survey_submit(assignment=a, user=user, data=data, on=on)
