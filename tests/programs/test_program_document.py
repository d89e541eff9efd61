"""The printed program as seed 004 lays it out (issue 13): the approval blocks of the title page, the
seed's order of sections, responsible people by name, the model program's dates from its own term,
Приложение 1 from the evaluation plan; and one edition (редакция) per editing session."""

import subprocess
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.core.exceptions import DomainError
from apps.core.russian import initials_name_in
from apps.programs import demo, samples, services
from apps.programs.dates import fit_to_term
from apps.programs.documents import program_context, program_pdf
from apps.programs.models import Program
from tests.factories import pairs as f
from tests.factories import programs as pf

pytestmark = pytest.mark.django_db


def pdf_pages(data: bytes, tmp_path, *, layout: bool = False) -> list[str]:
    path = tmp_path / "program.pdf"
    path.write_bytes(data)
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    text = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return text.split("\f")


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def model_program(cast, bank, year):
    """The model program of the bank (seed 004) given to a pair of 2026/27, approved with the protocol."""
    school = cast.school
    school.director_name, school.curator_name = "Кузнецова Наталья Викторовна", "Черных Ирина Олеговна"
    school.save(update_fields=["director_name", "curator_name"])
    mentee2 = f.mentee_entry(school, year, last_name="Ёлкин", first_name="Пётр", patronymic="Фомич", sex="m")
    group = pf.active_group(
        school, year, bank.mentor, [bank.mentee, mentee2], curator=cast.curator, director=cast.director
    )
    program = services.program_create(
        group=group,
        user=cast.curator,
        title="Программа «Педагог — группа педагогов»",
        start=date(2026, 10, 1),
        end=date(2027, 6, 30),
        template=demo._bank_entry(school, cast.curator),
    )
    services.program_submit(program=program, user=cast.curator)
    program = Program.objects.get(pk=program.pk)
    for person in [bank.mentor.person, bank.mentee.person]:
        services.program_agree(program=program, user=person.user)
    services.program_record_paper_agreement(program=program, person=mentee2.person, user=cast.curator)
    protocol_day = timezone.localdate() - timedelta(days=3)
    services.program_approve(
        program=program, user=cast.curator, council_protocol_number="3", council_protocol_date=protocol_day
    )
    program = Program.objects.select_related("organization", "group").get(pk=program.pk)
    program.protocol_day = protocol_day
    return program


def test_title_page_has_the_council_and_the_director_blocks_side_by_side(model_program, tmp_path):
    title = pdf_pages(program_pdf(model_program), tmp_path, layout=True)[0]
    lines = [line for line in title.splitlines() if line.strip()]
    heads = next(line for line in lines if "РАССМОТРЕНО" in line)
    assert "УТВЕРЖДАЮ" in heads and heads.index("РАССМОТРЕНО") < heads.index("УТВЕРЖДАЮ")
    text = flat(title)
    assert "на педагогическом совете" in text
    assert "протокол № 3" in text and f"от {model_program.protocol_day:%d.%m.%Y}" in text
    assert "_____________ Н. В. Кузнецова" in text
    assert f"{timezone.localtime(model_program.approved_at):%d.%m.%Y}" in text


def test_title_nests_quotes_the_russian_way(model_program, tmp_path):
    title = flat(pdf_pages(program_pdf(model_program), tmp_path)[0])
    assert "«Программа „Педагог — группа педагогов“»" in title


def test_sections_are_printed_in_the_order_of_seed_004(model_program, tmp_path):
    text = flat("".join(pdf_pages(program_pdf(model_program), tmp_path)[1:]))
    order = [
        "Общие положения",
        "Описание проблемы (актуальность)",
        "Цель и задачи наставничества",
        "Реализация персонализированной программы наставничества",
        "Оцениваемые результаты",
        "Режим работы:",
        "Область применения в рамках образовательной программы",
        "Содержание деятельности",
        "Ожидаемые результаты для всех участников программы",
        "Формы и методы работы",
        "Необходимые ресурсы",
        "Условия для внедрения практики",
        "Уникальность практики",
        "Принципы наставничества",
        "Виды наставничества",
        "План устранения профессиональных дефицитов",
        "План работы над повышением системы профессиональных компетенций",
        "План развития модели",
        "Дорожная карта реализации программы",
        "Оценка эффективности программы",
        "Подписи",
        "Приложение 1",
    ]
    positions = [text.find(heading) for heading in order]
    assert -1 not in positions, [h for h, p in zip(order, positions, strict=True) if p == -1]
    assert positions == sorted(positions)


def test_roadmap_rows_name_the_responsible_people(model_program, cast, tmp_path):
    labels = {e.title: label for e, _, label in program_context(model_program)["roadmap"]}
    # seed roadmap: the mentor's, the curator's and the (whole group's) mentees' events
    assert labels["Совместная разработка технологической карты урока"] == "Т. С. Морозова"
    assert labels["Семинар «Выявление профессиональных дефицитов педагогов»"] == "И. О. Черных"
    assert labels["Открытый урок наставляемого"] == "А. Д. Васильев, П. Ф. Ёлкин"
    roadmap = flat("".join(pdf_pages(program_pdf(model_program), tmp_path)))
    roadmap = roadmap[
        roadmap.index("Дорожная карта реализации программы") : roadmap.index("Оценка эффективности программы")
    ]
    assert "Т. С. Морозова" in roadmap and "И. О. Черных" in roadmap and "П. Ф. Ёлкин" in roadmap


def test_a_psychologist_is_named_and_the_role_word_is_left_only_for_nobody(model_program, cast):
    data = {
        "title": "Тренинг эмоциональной саморегуляции",
        "form": "training",
        "start": date(2026, 11, 12),
        "end": None,
        "responsible": "psychologist",
        "responsible_person": None,
        "responsible_other": "",
        "product": "",
        "expected_result": "",
    }
    # An approved program's roadmap stays editable (it is not the text).
    services.event_save(program=model_program, user=cast.curator, data=data)
    labels = {e.title: label for e, _, label in program_context(model_program)["roadmap"]}
    named = labels["Тренинг эмоциональной саморегуляции"]
    assert named == initials_name_in(cast.psychologist) and named != "педагог-психолог"
    cast.psychologist.memberships.update(is_active=False)
    labels = {e.title: label for e, _, label in program_context(model_program)["roadmap"]}
    assert labels["Тренинг эмоциональной саморегуляции"] == "педагог-психолог"


def test_the_model_program_of_2026_27_keeps_no_year_of_the_seed(model_program, tmp_path):
    assert any("2022" in row["deadline"] for row in samples.DEFICIT_PLAN)  # the seed's own years
    text = "".join(pdf_pages(program_pdf(model_program), tmp_path))
    assert "2022" not in text and "2023" not in text
    deadlines = [i.deadline for i in model_program.deficit_items.all()]
    assert deadlines[0] == "01.10.2026 – 30.06.2027"
    forms = model_program.model_items.all()[0].forms
    assert forms == "Анкетирование педагога, индивидуальные беседы (октябрь 2026, ноябрь 2026)"


def test_annex_1_is_the_evaluation_plan_by_kirkpatrick_levels(model_program, tmp_path):
    pages = pdf_pages(program_pdf(model_program), tmp_path)
    annex_pages = [n for n, page in enumerate(pages) if "Приложение 1" in page and "Уровень оценки" in page]
    assert annex_pages, "Приложение 1 is printed"
    first = annex_pages[0]
    assert "Подписи" not in pages[first], "the annex starts on a page of its own"
    annex = flat("".join(pages[first:]))
    for word in ("Реакция", "Обучение", "Поведение", "Результаты", "Анкетирование", "Тестирование"):
        assert word in annex
    for day in ("01.10.2026", "14.10.2026", "17.06.2027", "30.06.2027", "31.08.2027"):
        assert day in annex
    assert "Морозова" in annex and "Черных" in annex and "Кузнецова" in annex
    # the cells exactly: timing from the program's own term, the evaluators by name
    levels = program_context(model_program)["levels"]
    assert [level.number for level in levels] == [1, 2, 3, 4]
    assert (
        " ".join(levels[1].timing.split())
        == "входное: 01.10.2026 – 14.10.2026; итоговое: 17.06.2027 – 30.06.2027"
    )
    assert " ".join(levels[1].evaluators.split()) == "наставник Т. С. Морозова, куратор И. О. Черных"
    assert " ".join(levels[3].evaluators.split()) == "директор Н. В. Кузнецова, куратор И. О. Черных"
    assert levels[3].timing == "до 31.08.2027"


def test_fit_to_term_moves_school_years_and_months_to_the_program():
    start, end = date(2027, 1, 11), date(2027, 10, 31)
    assert fit_to_term("2022-2023", start, end) == "11.01.2027 – 31.10.2027"
    assert fit_to_term("в 2022/2023 учебном году", start, end) == "в 11.01.2027 – 31.10.2027"
    assert fit_to_term("Беседы (сентябрь), (Октябрь)", start, end) == "Беседы (январь 2027), (Февраль 2027)"
    assert fit_to_term("2019-2024; май 2027", start, end) == "2019-2024; май 2027"


# Approval with the protocol ------------------------------------------------------------------------


def _on_approval(program, cast):
    program = services.program_submit(program=program, user=cast.curator)
    for person in [program.group.mentor.person, *[m.mentee_person for m in program.group.members.all()]]:
        services.program_agree(program=program, user=person.user)
    return Program.objects.get(pk=program.pk)


def test_a_protocol_number_without_its_date_is_refused_at_the_field(program, cast):
    program = _on_approval(program, cast)
    with pytest.raises(DomainError) as error:
        services.program_approve(program=program, user=cast.curator, council_protocol_number="5")
    assert error.value.field == "council_protocol_date"
    with pytest.raises(DomainError) as error:
        services.program_approve(
            program=program,
            user=cast.curator,
            council_protocol_number="5",
            council_protocol_date=timezone.localdate() + timedelta(days=1),
        )
    assert error.value.field == "council_protocol_date"
    assert Program.objects.get(pk=program.pk).status == Program.Status.ON_APPROVAL


def test_curator_approves_with_the_protocol_from_the_program_page(client_for, program, cast):
    program = _on_approval(program, cast)
    page = client_for("curator").get(reverse("programs:program-detail", args=[program.pk])).content.decode()
    assert 'name="council_protocol_number"' in page and 'name="council_protocol_date"' in page
    day = timezone.localdate() - timedelta(days=1)
    response = client_for("curator").post(
        reverse("programs:program-approve", args=[program.pk]),
        {"council_protocol_number": "7", "council_protocol_date": day.isoformat()},
    )
    assert response.status_code == 302
    program.refresh_from_db()
    assert (program.status, program.council_protocol_number, program.council_protocol_date) == (
        Program.Status.APPROVED,
        "7",
        day,
    )


# One edition per editing session ---------------------------------------------------------------------


ROW = {
    "direction": "Изучение методической литературы",
    "deadline": "Ежемесячно",
    "events": "Каталог",
    "goal": "",
}


def test_ten_plan_rows_in_one_session_make_one_edition(program, cast):
    before = Program.objects.get(pk=program.pk).revision
    for n in range(10):
        services.plan_item_save(
            program=program, user=cast.mentor, plan="deficit", data={**ROW, "events": f"{n}"}
        )
    program = Program.objects.get(pk=program.pk)
    assert program.deficit_items.count() == 10
    assert program.revision == before


def test_an_edit_after_an_agreement_opens_a_new_edition_and_the_agreement_stays_with_the_old(program, cast):
    program = Program.objects.get(pk=program.pk)
    first = program.revision
    services.program_agree(program=program, user=cast.mentor)
    assert program.group.mentor.person not in services.missing_agreements(program)
    services.plan_item_save(program=program, user=cast.mentee, plan="deficit", data=ROW)
    program = Program.objects.get(pk=program.pk)
    assert program.revision == first + 1
    assert program.group.mentor.person in services.missing_agreements(program)
    # the rest of this session folds into the new edition
    services.plan_item_save(program=program, user=cast.mentee, plan="deficit", data=ROW)
    program = Program.objects.get(pk=program.pk)
    program = services.program_update(
        program=program, user=cast.mentee, data={"goal": "Новая цель"}, version=program.version
    )
    assert Program.objects.get(pk=program.pk).revision == first + 1


def test_the_program_page_shows_the_edition_not_the_lock_counter(client_for, program, cast):
    for _ in range(3):
        services.plan_item_save(program=program, user=cast.mentor, plan="deficit", data=ROW)
    program = Program.objects.get(pk=program.pk)
    assert program.version > program.revision
    page = client_for("mentor").get(reverse("programs:program-detail", args=[program.pk])).content.decode()
    assert f"Согласование (редакция {program.revision})" in page


def test_the_end_order_names_the_program_with_nested_quotes(approved, cast):
    Program.objects.filter(pk=approved.pk).update(title="Программа «Старт»")
    approved.refresh_from_db()
    ending = services.program_end_request(
        program=approved, user=cast.curator, reason="plan_done", survey_asked=True
    )
    first = ending.order.items.order_by("position").first().text
    assert first.startswith(
        "Завершить реализацию персонализированной программы наставничества «Программа „Старт“» ("
    )


def test_versions_page_writes_the_term_in_dd_mm_yyyy(client_for, approved):
    page = (
        client_for("curator").get(reverse("programs:program-versions", args=[approved.pk])).content.decode()
    )
    term = f"{approved.start:%d.%m.%Y} – {approved.end:%d.%m.%Y}"
    assert f'<td class="small d-none d-md-table-cell">{term}</td>' in page
