"""Addressed recommendations (seed 002 §VI): each rule fires at its threshold and not below it, the
curator's review (edit, dismiss, her own) and who may do it, the annual report's section."""

import subprocess
from datetime import date

import pytest
from django.urls import reverse

from apps.monitoring import advice, documents, services
from apps.monitoring.advice import LOW_GAIN, ProgramFacts, SchoolFacts
from apps.monitoring.models import Recommendation
from apps.monitoring.selectors import LOW_SATISFACTION
from tests.factories import monitoring as mf
from tests.pdf_pages import flat_text

pytestmark = pytest.mark.django_db

ON = date(2026, 10, 5)


def pdf_text(data: bytes) -> str:
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True)
    return flat_text(result.stdout.decode())


# The rules, one by one -----------------------------------------------------------------------------


def test_low_satisfaction_fires_below_the_threshold_only():
    below = advice.low_satisfaction(ProgramFacts(program=None, satisfaction=LOW_SATISFACTION - 0.1))
    assert (
        len(below) == 1 and "Провести встречу куратора с парой" in below[0][1] and "2,9 из 5" in below[0][1]
    )
    assert advice.low_satisfaction(ProgramFacts(program=None, satisfaction=LOW_SATISFACTION)) == []
    assert advice.low_satisfaction(ProgramFacts(program=None, satisfaction=None)) == []


def test_formal_events_fires_from_one_event_without_evidence():
    assert advice.formal_events(ProgramFacts(program=None, formal_events=0)) == []
    found = advice.formal_events(ProgramFacts(program=None, formal_events=2))
    assert "2 мероприятия без подтверждения" in found[0][1]


def test_stalled_fires_for_a_stalled_program_only():
    assert advice.stalled(ProgramFacts(program=None, stalled=False)) == []
    assert "нет записей 30 дней" in advice.stalled(ProgramFacts(program=None, stalled=True))[0][1]


def test_low_knowledge_gain_fires_per_area_below_the_threshold():
    facts = ProgramFacts(program=None, gains={"ict": LOW_GAIN - 0.1, "methodical": LOW_GAIN, "health": -1})
    found = advice.low_knowledge_gain(facts)
    assert [key for key, _ in found] == ["health", "ict"]
    assert "«ИКТ и цифровизация»" in found[1][1] and "+0,4 балла" in found[1][1]
    assert "−1,0" in found[0][1]


def test_school_rules():
    assert advice.no_satisfaction_survey(SchoolFacts(programs=2, responses=0))
    assert advice.no_satisfaction_survey(SchoolFacts(programs=2, responses=1)) == []
    assert advice.no_satisfaction_survey(SchoolFacts(programs=0, responses=0)) == []
    assert advice.overloaded_mentors(SchoolFacts(overloaded=0)) == []
    assert "— 2" in advice.overloaded_mentors(SchoolFacts(overloaded=2))[0][1]


# Proposals from the data, the curator's review ------------------------------------------------------


@pytest.fixture
def unhappy(cast, year, trio):
    """The trio's mentees answered 2, 2, 2; the ICT score of one mentee went 3 → 3."""
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
    mf.answer_all(campaign, trio.users, [2, 2, 2], on=ON)
    for stage in ("start", "end"):
        services.assessment_record(
            program=trio.program,
            mentee=trio.mentees[0].person,
            stage=stage,
            rater="mentor",
            scores={"ict": 3},
            user=cast.mentor,
        )
    return trio


def test_generation_proposes_from_the_data_once(cast, year, unhappy):
    made = services.recommendations_generate(organization=cast.school, year=year, user=cast.curator, on=ON)
    found = {(r.program_id, r.rule, r.key) for r in Recommendation.objects.filter(organization=cast.school)}
    assert (unhappy.program.pk, "low_satisfaction", "") in found
    assert (unhappy.program.pk, "low_knowledge_gain", "ict") in found
    assert (unhappy.program.pk, "formal_events", "") not in found  # no event marked done
    assert made == len(found)
    # Again: nothing new, nothing doubled.
    assert (
        services.recommendations_generate(organization=cast.school, year=year, user=cast.curator, on=ON) == 0
    )
    assert Recommendation.objects.filter(organization=cast.school).count() == made


def test_a_dismissed_or_edited_proposal_survives_a_new_generation(cast, year, unhappy):
    services.recommendations_generate(organization=cast.school, year=year, user=cast.curator, on=ON)
    low = Recommendation.objects.get(rule="low_satisfaction")
    gain = Recommendation.objects.get(rule="low_knowledge_gain")
    services.recommendation_dismiss(recommendation=low, user=cast.curator)
    services.recommendation_edit(recommendation=gain, text="Свой текст куратора.", user=cast.curator)
    services.recommendations_generate(organization=cast.school, year=year, user=cast.curator, on=ON)
    low.refresh_from_db()
    gain.refresh_from_db()
    assert low.dismissed and gain.text == "Свой текст куратора." and gain.edited


def test_a_manual_recommendation_for_another_schools_program_is_refused(cast, year, trio):
    from apps.core.exceptions import DomainError

    with pytest.raises(DomainError):
        services.recommendation_add(
            organization=cast.other_school,
            year=year,
            program=trio.program,
            text="Текст",
            user=cast.other_curator,
        )
    with pytest.raises(DomainError):
        services.recommendation_add(organization=cast.school, year=year, text="   ", user=cast.curator)
    assert not Recommendation.objects.exists()


def test_the_annual_report_prints_the_school_and_each_pair_with_declined_names(cast, year, unhappy):
    services.recommendations_generate(organization=cast.school, year=year, user=cast.curator, on=ON)
    services.recommendation_add(
        organization=cast.school, year=year, text="Провести конференцию.", user=cast.curator
    )
    hidden = services.recommendation_add(
        organization=cast.school,
        year=year,
        program=unhappy.program,
        text="Отклонённая мысль.",
        user=cast.curator,
    )
    services.recommendation_dismiss(recommendation=hidden, user=cast.curator)
    text = pdf_text(documents.annual_report_pdf(organization=cast.school, year=year))
    assert "9. Адресные рекомендации" in text
    assert "Образовательной организации" in text and "Провести конференцию." in text
    assert "Группа наставника Морозовой Татьяны Сергеевны (3 наставляемых): программа" in text
    assert "Провести встречу куратора с парой (группой)" in text
    assert "Отклонённая мысль." not in text


def test_the_annual_report_says_when_there_are_none(cast, year, trio):
    text = pdf_text(documents.annual_report_pdf(organization=cast.school, year=year))
    assert "Адресные рекомендации по итогам мониторинга не сформированы." in text


def test_the_report_xlsx_has_the_recommendations_sheet(cast, year, trio):
    import io

    from openpyxl import load_workbook

    services.recommendation_add(
        organization=cast.school, year=year, program=trio.program, text="Посетить урок.", user=cast.curator
    )
    wb = load_workbook(io.BytesIO(documents.annual_report_xlsx(organization=cast.school, year=year)))
    rows = list(wb["Адресные рекомендации"].iter_rows(values_only=True))
    assert (
        rows[1][0].startswith("Группа наставника Морозовой Татьяны Сергеевны")
        and rows[1][1] == "Посетить урок."
    )


# The page and its forms ----------------------------------------------------------------------------


def test_the_curator_adds_edits_and_dismisses(client_for, cast, year, trio):
    client = client_for("curator")
    url = reverse("monitoring:recommendations") + f"?year={year.pk}"
    response = client.post(url, {"program": trio.program.pk, "text": "Посетить урок наставляемого."})
    assert response.status_code == 302
    item = Recommendation.objects.get()
    assert item.source == "manual" and item.author == cast.curator and item.program == trio.program
    client.post(reverse("monitoring:recommendation-edit", args=[item.pk]), {"text": "Посетить два урока."})
    client.post(reverse("monitoring:recommendation-dismiss", args=[item.pk]))
    item.refresh_from_db()
    assert item.text == "Посетить два урока." and item.dismissed
    page = client.get(url).content.decode()
    assert "Посетить два урока." in page and "Вернуть" in page


def test_a_crafted_program_of_another_school_is_refused_at_the_field(client_for, cast, year, trio):
    url = reverse("monitoring:recommendations") + f"?year={year.pk}"
    response = client_for("other_curator").post(url, {"program": trio.program.pk, "text": "Чужая пара."})
    assert response.status_code == 200 and response.context["form"].errors["program"]
    assert not Recommendation.objects.exists()


def test_outsiders_cannot_touch_a_recommendation(client_for, cast, year, trio):
    item = services.recommendation_add(organization=cast.school, year=year, text="Текст.", user=cast.curator)
    edit = reverse("monitoring:recommendation-edit", args=[item.pk])
    dismiss = reverse("monitoring:recommendation-dismiss", args=[item.pk])
    assert client_for("other_curator").post(edit, {"text": "Взлом."}).status_code == 404
    assert client_for("director").post(dismiss).status_code == 403
    assert client_for("mentor").post(edit, {"text": "Взлом."}).status_code == 403
    assert (
        client_for("director").post(reverse("monitoring:recommendations"), {"text": "Своё."}).status_code
        == 403
    )
    assert client_for("director").get(reverse("monitoring:recommendations")).status_code == 200
    assert client_for("mentee").get(reverse("monitoring:recommendations")).status_code == 403
    item.refresh_from_db()
    assert item.text == "Текст." and not item.dismissed


def test_the_demo_has_recommendations_and_a_consolidated_form_of_two_schools():
    from django.core.management import call_command

    from apps.monitoring import statform
    from apps.organizations.models import AcademicYear, Organization

    call_command("seed_demo")
    sources = set(Recommendation.objects.values_list("source", flat=True))
    assert sources == {"rule", "manual"}
    year = AcademicYear.objects.current()
    school = Organization.objects.get(short_name="МБОУ СОШ № 7")
    schools = list(Organization.objects.filter(municipality=school.municipality))
    olympiad = next(item for item in statform.form(schools, year) if item["row"].code == "6.5")
    assert len(olympiad["values"]) >= 2  # two schools entered their olympiad participants
