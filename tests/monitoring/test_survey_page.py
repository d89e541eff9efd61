"""The survey page (issue 14): one screen per section, scales as large buttons, the Russian message at
the refused question and the refused section opened first; nothing saved from a refused post."""

import re

import pytest
from django.urls import reverse

from apps.monitoring import services
from apps.monitoring.forms import QUESTIONS_PER_STEP, SurveyForm, survey_steps
from apps.monitoring.models import QuestionnaireTemplate, Response, SurveyAssignment
from apps.monitoring.selectors import template_content
from tests.factories import monitoring as mf

pytestmark = pytest.mark.django_db


def _campaign(cast, trio, template):
    return services.campaign_create(
        organization=cast.school,
        user=cast.curator,
        template=template,
        title="Удовлетворённость (старт)",
        audience="mentee",
        point="start",
        days_to_answer=90,
        programs=[trio.program],
    )


@pytest.fixture
def ready(cast, trio):
    """A campaign of the ready level 1 questionnaire of the mentee (six sections)."""
    template = QuestionnaireTemplate.objects.get(organization=None, code="mentee_satisfaction")
    campaign = _campaign(cast, trio, template)
    assignment = SurveyAssignment.objects.get(campaign=campaign, person__user=cast.mentee)
    return type(
        "Ready",
        (),
        {
            "template": template,
            "campaign": campaign,
            "assignment": assignment,
            "url": reverse("monitoring:survey-fill", args=[assignment.token]),
        },
    )


def _full_answers(template) -> dict:
    data = {}
    for q in mf.questions(template):
        if q.is_scale:
            data[f"q{q.pk}"] = str(q.scale_max)
        elif q.kind == "multiple":
            data[f"q{q.pk}"] = [q.choices[0]]
        elif q.kind == "single":
            data[f"q{q.pk}"] = q.choices[0]
        else:
            data[f"q{q.pk}"] = "Полезные разборы уроков."
    return data


def _start_step(html: str) -> int:
    return int(re.search(r'data-start-step="(\d+)"', html).group(1))


def test_the_ready_survey_has_one_screen_per_section(client_for, ready):
    html = client_for("mentee").get(ready.url).content.decode()
    assert len(re.findall(r"data-survey-step[ >]", html)) == ready.template.sections.count() == 6
    assert _start_step(html) == 0
    assert "js/survey.js" in html
    # Without JavaScript the steps are one page: «Назад», «Далее» and the progress line stay hidden.
    assert re.search(r"<button[^>]*data-survey-back hidden", html)
    assert re.search(r"<button[^>]*data-survey-next hidden", html)
    assert re.search(r"<div[^>]*data-survey-progress hidden", html)
    assert re.search(r'<button[^>]*type="submit" data-survey-submit>', html)


def test_a_scale_is_a_fieldset_of_large_buttons_with_its_ends_explained(client_for, ready):
    html = client_for("mentee").get(ready.url).content.decode()
    first = mf.questions(ready.template)[0]
    fieldset = re.search(rf'<fieldset[^>]*aria-describedby="id_q{first.pk}-ends id_q{first.pk}-error"', html)
    assert fieldset, "a scale question is a fieldset described by the meaning of its ends"
    assert f'<legend class="fs-6 fw-semibold mb-2">{first.text}' in html
    for point in range(1, 6):
        assert re.search(rf'<input type="radio" name="q{first.pk}" value="{point}" class="btn-check"', html)
        assert (
            f'<label class="btn btn-outline-primary scale-btn" for="id_q{first.pk}_{point - 1}">{point}</label>'
            in html
        )
    assert "<span>1 — совсем нет</span> <span>5 — полностью</span>" in html
    assert "<span>10 — полностью</span>" in html  # the overall satisfaction on 1–10
    assert "(необязательно)" in html  # the optional questions say so


def test_a_missing_required_answer_is_refused_at_the_field_and_its_section_opens_first(client_for, ready):
    questions = mf.questions(ready.template)
    data = _full_answers(ready.template)
    # The first question of the fourth section («Квалификация наставника») left out.
    sections = list(ready.template.sections.order_by("position"))
    missing = next(q for q in questions if q.section_id == sections[3].pk)
    del data[f"q{missing.pk}"]
    page = client_for("mentee").post(ready.url, data)
    assert page.status_code == 200
    html = page.content.decode()
    assert _start_step(html) == 3
    assert "Ответьте на вопросы, отмеченные красным." in html
    assert re.search(
        rf'id="id_q{missing.pk}-error" data-question-error>Выберите оценку от 1 до 5\.</div>', html
    )
    # The given answers come back checked, the refused section is marked.
    other = questions[0]
    assert re.search(
        rf'name="q{other.pk}" value="5" class="btn-check" autocomplete="off" id="id_q{other.pk}_4" required checked',
        html,
    )
    assert html.count("data-has-error") == 1
    assert not Response.objects.exists()
    ready.assignment.refresh_from_db()
    assert ready.assignment.answered_at is None


def test_the_complete_survey_is_saved(client_for, ready):
    response = client_for("mentee").post(ready.url, _full_answers(ready.template))
    assert response.status_code == 302
    assert Response.objects.count() == 1


def test_each_kind_of_question_has_its_own_russian_message(cast, trio, client_for):
    template = services.questionnaire_create(
        organization=cast.school, user=cast.curator, title="Все виды", audience="mentee"
    )
    kinds = [
        ("scale10", [], "Выберите оценку от 1 до 10."),
        ("single", ["да", "нет"], "Выберите один из вариантов."),
        ("multiple", ["семинары", "открытые уроки"], "Отметьте хотя бы один вариант."),
        ("text", [], "Напишите ответ."),
    ]
    for kind, choices, _ in kinds:
        template = services.question_add(
            template=template, user=cast.curator, text=f"Вопрос {kind}", kind=kind, choices=choices
        )
    campaign = _campaign(cast, trio, template)
    assignment = SurveyAssignment.objects.get(campaign=campaign, person__user=cast.mentee)
    url = reverse("monitoring:survey-fill", args=[assignment.token])
    html = client_for("mentee").post(url, {}).content.decode()
    for _, _, message in kinds:
        assert message in html
    assert not Response.objects.exists()


def test_questions_without_a_section_are_cut_into_screens(cast):
    template = services.questionnaire_create(
        organization=cast.school, user=cast.curator, title="Без разделов", audience="mentee"
    )
    for i in range(QUESTIONS_PER_STEP + 2):
        template = services.question_add(
            template=template, user=cast.curator, text=f"Вопрос {i}", kind="scale5"
        )
    template = services.section_add(template=template, user=cast.curator, title="Пустой раздел")
    form = SurveyForm(questions=list(template.questions.all()))
    steps = survey_steps(form, template_content(template))
    assert [len(step["fields"]) for step in steps] == [QUESTIONS_PER_STEP, 2]  # the empty section is left out
    assert all(step["title"] == "" and not step["has_error"] for step in steps)


def test_the_paper_entry_of_the_curator_stays_on_one_page(client_for, cast, ready):
    url = reverse("monitoring:survey-paper", args=[ready.campaign.pk, ready.assignment.pk])
    html = client_for("curator").get(url).content.decode()
    assert "data-survey-step" in html and "data-survey-steps" not in html
