"""The annual analytical report (PDF text, .xlsx cells), the statistical form, empty data, any subset,
and the time budget for an organisation with 100 programs."""

import dataclasses
import io
import subprocess
from datetime import date

import pytest
from django.db.models import Count
from django.urls import reverse
from openpyxl import load_workbook

from apps.monitoring import documents, services
from apps.monitoring.models import Indicator
from apps.organizations.models import AcademicYear
from tests.factories import monitoring as mf
from tests.pdf_pages import flat_text

pytestmark = pytest.mark.django_db

ON = date(2026, 10, 5)


def pdf_text(data: bytes) -> str:
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True)
    return flat_text(result.stdout.decode())  # hyphenated words joined again


def cells(data: bytes, sheet: str) -> list[tuple]:
    wb = load_workbook(io.BytesIO(data))
    return [tuple(row) for row in wb[sheet].iter_rows(values_only=True)]


@pytest.fixture
def filled(cast, year, trio):
    """A campaign with three answers, pre/post assessment, two protocols, two indicators."""
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
    mentee = trio.mentees[0].person
    for stage, score in (("start", 2), ("end", 4)):
        services.assessment_record(
            program=trio.program,
            mentee=mentee,
            stage=stage,
            rater="mentor",
            scores={"ict": score},
            user=cast.mentor,
        )
    criterion = services.criteria_for(cast.school)[0]
    for stage, score in (("start", 2), ("end", 5)):
        services.protocol_create(
            program=trio.program,
            mentee=mentee,
            stage=stage,
            observer=cast.curator,
            observer_role="curator",
            visited_on=date(2026, 10, 20),
            lesson="5 «А», математика",
            scores={criterion.pk: score},
        )
    services.indicator_set(
        organization=cast.school,
        year=year,
        kind=Indicator.EXAM_PASS,
        value=87,
        source="протоколы ВПР",
        user=cast.curator,
    )
    services.indicator_set(
        organization=cast.school,
        year=year,
        kind=Indicator.COMPLAINTS,
        value=2,
        source="журнал обращений",
        user=cast.curator,
    )
    return trio


def test_annual_report_pdf_reads_as_a_curator_would_submit_it(cast, year, filled):
    text = pdf_text(documents.annual_report_pdf(organization=cast.school, year=year))
    for expected in [
        "Аналитический отчёт",
        "за 2026/2027 учебный год",
        "1. Введение",
        "Этап 1. Мониторинг процесса",
        "Этап 2. Влияние программ",
        "Уровень 1. Реакция",
        "Средняя удовлетворённость наставляемых — 4,00 балла из 5 по 3 анкетам",
        "Уровень 2. Обучение",
        "Уровень 3. Поведение",
        "Уровень 4. Результаты",
        "протоколы ВПР",
        "Риски",
        "Выводы",
        "Предложения",
        "Удовлетворённость наставляемых участием в программах высокая",
    ]:
        assert expected in text, expected


def test_annual_report_xlsx_cells(cast, year, filled):
    data = documents.annual_report_xlsx(organization=cast.school, year=year)
    summary = {r[0]: r[1] for r in cells(data, "Итоги")[1:]}
    assert summary["Наставляемых"] == 3
    assert summary["Удовлетворённость наставляемых (1–5)"] == 4
    assert summary["Изменение знаний (уровень 2), баллов"] == 2
    assert summary["Изменение поведения (уровень 3), баллов"] == 3
    level4 = {r[0]: r[1] for r in cells(data, "Уровень 4")[1:]}
    assert level4[Indicator.EXAM_PASS.label] == "87"


def test_statistical_form_counts_participants_by_category_form_and_type(cast, year, filled):
    rows = cells(documents.statistical_form_xlsx(organization=cast.school, year=year), "Статистическая форма")
    values = {r[1]: r[4] for r in rows if r[0]}
    assert values["Персонализированные программы наставничества"] == 1
    assert values["Наставники"] == 1
    assert values["Наставляемые"] == 3
    assert values["в том числе: Молодой специалист, впервые пришедший в профессию"] == 3
    form = next(
        v for k, v in values.items() if k.endswith("пары (группы) в форме «педагог – группа педагогов»")
    )
    assert form == 1


def test_reports_generate_on_empty_data(cast, year):
    empty_year = AcademicYear.objects.create(start_year=2020)
    for y in (year, empty_year):
        text = pdf_text(documents.annual_report_pdf(organization=cast.school, year=y))
        assert "Анкетирование удовлетворённости не проводилось" in text
        documents.annual_report_xlsx(organization=cast.school, year=y)
        documents.statistical_form_xlsx(organization=cast.school, year=y)


def test_report_for_a_subset_of_programs_names_them(cast, year, filled):
    text = pdf_text(
        documents.annual_report_pdf(organization=cast.school, year=year, program_ids=[filled.program.pk])
    )
    assert "по программам: Программа молодого учителя" in text


def test_report_downloads_for_curator_and_director_only(client_for, cast, year, filled):
    for who in ("curator", "director"):
        client = client_for(who)
        xlsx = client.get(reverse("monitoring:annual-report", args=["xlsx"]), {"year": year.pk})
        assert xlsx.status_code == 200 and xlsx.content.startswith(b"PK")
        form = client.get(reverse("monitoring:statistical-form"), {"year": year.pk})
        assert form.status_code == 200
    assert client_for("mentor").get(reverse("monitoring:statistical-form")).status_code == 403
    assert client_for("other_curator").get(reverse("monitoring:statistical-form")).status_code == 200
    rows = cells(
        client_for("other_curator").get(reverse("monitoring:statistical-form")).content,
        "Статистическая форма",
    )
    assert {r[1]: r[4] for r in rows if r[0]}["Наставляемые"] == 0  # its own organisation only


def test_annual_report_of_100_programs_reads_a_fixed_number_of_queries(
    cast, year, filled, django_assert_max_num_queries
):
    from apps.programs.models import Program

    source = filled.program
    group = source.group
    # 99 more programs (made in bulk: the report is measured, not the factories).
    from tests.factories import pairs as f

    mentor = f.mentor_entry(cast.school, year, max_mentees=10)
    programs = []
    for i in range(99):
        g = group.__class__.objects.create(
            organization=cast.school,
            year=year,
            mentor=mentor,
            form=group.form,
            types=group.types,
            direction=group.direction,
            planned_start=group.planned_start,
            planned_end=group.planned_end,
            status="active",
        )
        programs.append(
            Program(
                organization=cast.school,
                group=g,
                title=f"Программа № {i + 2}",
                start=source.start,
                end=source.end,
                status=Program.Status.APPROVED,
            )
        )
    Program.objects.bulk_create(programs)
    assert Program.objects.filter(organization=cast.school).count() == 100
    # Addressed recommendations for every program: two queries (them, then the pairs' members), any number.
    for program in Program.objects.filter(organization=cast.school):
        services.recommendation_add(
            organization=cast.school, year=year, program=program, text="Посетить урок.", user=cast.curator
        )
    # Its time budget is measured by `make bench` («annual report»), not here: a shared machine.
    # Six for the programs and their levels, two for «Обучение наставников» (the mentors, their trainings),
    # two for the addressed recommendations (them, then the pairs' members).
    with django_assert_max_num_queries(10):
        data = documents.annual_report_pdf(organization=cast.school, year=year)
    assert data.startswith(b"%PDF")


def _plain(value):
    """Figures as comparable data: dataclasses as dicts, model instances as (model, pk)."""
    if dataclasses.is_dataclass(value):
        return _plain(dataclasses.asdict(value))
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k != "programs_qs"}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "_meta"):
        return (value._meta.label, value.pk)
    return value


def test_the_summary_in_one_round_trip_equals_the_figures_read_one_by_one(cast, year, filled):
    """The dashboard reads every figure in one batched query; the same selectors run one query each
    give the very same numbers, types and order."""
    from apps.monitoring import selectors
    from apps.programs.models import ActivityKind, ActivityLog, EventForm, Responsible, RoadmapEvent

    ActivityLog.objects.create(
        program=filled.program, date=date(2026, 10, 1), minutes=90, kind=ActivityKind.values[0]
    )
    # One event closed formally (done, "да", no file): the formalism risk has an item.
    RoadmapEvent.objects.create(
        program=filled.program,
        title="Консультация",
        form=EventForm.CONSULTATION,
        start=date(2026, 10, 1),
        responsible=Responsible.MENTOR,
        status=RoadmapEvent.Status.DONE,
        evidence="да",
    )
    programs = selectors.report_programs(organization=cast.school, year=year)
    one_by_one = {
        "organization": cast.school,
        "year": year,
        "level1": selectors.level1(programs),
        "level1_mentors": selectors.level1(programs, role="mentor"),
        "level2": selectors.level2(programs),
        "level3": selectors.level3(programs),
        "level4": selectors.level4(organization=cast.school, year=year),
        "progress": selectors.progress(programs),
        "participants": selectors.participants(programs),
        "risks": selectors.risk_flags(organization=cast.school, year=year, programs=programs),
        "responses_total": 3,
        "trend": selectors.trends(organization=cast.school),
        "months": selectors.hours_by_month(programs),
    }
    together = selectors.organization_summary(organization=cast.school, year=year, charts=True)
    assert repr(_plain(together)) == repr(_plain(one_by_one))
    assert (
        together["level2"]["areas"]
        and together["level3"]["criteria"]
        and together["months"] == [("10.2026", 1.5)]
    )
    assert [r.items for r in together["risks"] if r.kind == "formalism"] == [[f"{filled.program.title}: 1"]]
    assert together["level1"]["responses"] == 3 and together["trend"]["exam_pass"] == [87.0]


def test_the_dashboard_runs_a_few_queries(client_for, filled, django_assert_max_num_queries):
    client = client_for("curator")
    client.get(reverse("monitoring:dashboard"))
    with django_assert_max_num_queries(11):
        assert client.get(reverse("monitoring:dashboard")).status_code == 200


def test_the_dashboard_shows_the_year_asked_for_else_the_current_one(client_for, cast, year, filled):
    client = client_for("curator")
    later = AcademicYear.objects.create(start_year=year.start_year + 1)  # not the current one
    assert year.is_current
    assert client.get(reverse("monitoring:dashboard")).context["year"] == year
    response = client.get(reverse("monitoring:dashboard"), {"year": later.pk})
    assert response.context["year"] == later
    assert response.context["level1"]["responses"] == 0  # the answers are of the current year
    assert client.get(reverse("monitoring:dashboard"), {"year": 999999}).status_code == 404


def test_figures_over_no_programs_are_zeros_not_an_error(cast, year):
    """An organisation without programs (and a filter that selects none): every figure is 0 or empty,
    read one by one or in the batched query, as ``aggregate()`` would give."""
    from apps.monitoring import selectors
    from apps.programs.models import Program

    for programs in (
        selectors.report_programs(organization=cast.far_school, year=year),
        Program.objects.none(),
    ):
        assert selectors.level1(programs)["responses"] == 0
        assert selectors.level1(programs)["distribution"] == [0, 0, 0, 0, 0]
        selectors.level2(programs), selectors.level3(programs), selectors.progress(programs)
        assert selectors.hours_by_month(programs) == []
    summary = selectors.organization_summary(organization=cast.far_school, year=year, charts=True)
    assert summary["level1"]["responses"] == 0 and summary["level1"]["average"] is None
    assert summary["responses_total"] == 0
    # A subset that selects no program compiles to no SQL at all (EmptyResultSet) in the batched query.
    from apps.monitoring.selectors.batch import _fetch_together, _one

    subset = _fetch_together({"agg": _one(Program.objects.filter(pk__in=[]), n=Count("pk"))})
    assert subset == {"agg": [{"n": 0}]}
