"""The seed-004 program entered in full, its PDF (text, speed) and the query budgets of the pages."""

import subprocess
from datetime import date, timedelta

import pytest
from django.urls import reverse

from apps.programs import samples, services
from apps.programs.documents import program_pdf
from apps.programs.models import ActivityLog, Competence, RoadmapEvent
from tests.factories import pairs as f
from tests.factories import programs as pf

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed004(cast, bank, year):
    """«Педагог — группа педагогов»: the mentor with two mentees, every section of seed 004."""
    mentee2 = f.mentee_entry(
        cast.school, year, last_name="Черных", first_name="Ольга", patronymic="Ивановна", sex="f"
    )
    group = pf.active_group(
        cast.school, year, bank.mentor, [bank.mentee, mentee2], curator=cast.curator, director=cast.director
    )
    program = services.program_create(
        group=group,
        user=cast.mentor,
        title="Педагог — группа педагогов",
        start=date(2026, 10, 1),
        end=date(2027, 9, 30),
    )
    data = {**samples.SECTIONS, "mode": samples.MODE, "mentoring_types": samples.TYPES}
    program = services.program_update(program=program, user=cast.mentor, data=data, version=program.version)
    for plan, rows in (
        ("deficit", samples.DEFICIT_PLAN),
        ("competence", samples.COMPETENCE_PLAN),
        ("model", samples.MODEL_PLAN),
    ):
        for row in rows:
            services.plan_item_save(program=program, user=cast.mentee, plan=plan, data=row)
    program.refresh_from_db()
    return program


def test_seed_004_program_fits_in_full(seed004):
    for name, text in samples.SECTIONS.items():
        assert getattr(seed004, name) == text
    assert seed004.get_mode_display().startswith("смешанно")
    assert "реверсивное" in seed004.get_mentoring_types_display()
    assert [i.direction for i in seed004.deficit_items.all()] == [
        r["direction"] for r in samples.DEFICIT_PLAN
    ]
    assert [i.competence for i in seed004.competence_items.all()] == [c.value for c in Competence]
    assert seed004.model_items.count() == 5


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "program.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_program_pdf_reads_like_the_signed_paper(seed004, cast, tmp_path):
    services.event_save(
        program=seed004,
        user=cast.mentor,
        data={
            "title": "Открытый урок наставляемого",
            "form": "open_lesson",
            "start": date(2027, 3, 10),
            "end": None,
            "responsible": "mentee",
            "responsible_person": None,
            "responsible_other": "",
            "product": "open_lesson",
            "expected_result": "Самоанализ урока",
        },
    )
    # Its time budget (1 s) is measured by `make bench` («program PDF»), not here: a shared machine.
    text = " ".join(pdf_text(program_pdf(seed004), tmp_path).split())
    assert "УТВЕРЖДАЮ" in text and "ПЕРСОНАЛИЗИРОВАННАЯ ПРОГРАММА НАСТАВНИЧЕСТВА" in text
    assert cast.school.short_name in text and "2026" in text
    assert "Описание проблемы (актуальность)" in text and "Принципы наставничества" in text
    assert "План устранения профессиональных дефицитов" in text and "Изучение методической литературы" in text
    assert "Акмеологическая" in text and "План развития модели" in text
    assert "Дорожная карта" in text and "Открытый урок наставляемого" in text
    assert "Морозова Татьяна Сергеевна" in text and "Черных Ольга Ивановна" in text


def test_program_pdf_view(client_for, seed004):
    response = client_for("director").get(reverse("programs:program-pdf", args=[seed004.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert (
        client_for("other_curator").get(reverse("programs:program-pdf", args=[seed004.pk])).status_code == 404
    )


def fill(program, user, events: int, logs: int):
    RoadmapEvent.objects.bulk_create(
        RoadmapEvent(
            program=program,
            title=f"Мероприятие {n}",
            form="consultation",
            start=program.start + timedelta(days=n % 200),
            responsible="mentee" if n % 2 else "mentor",
            status="done" if n % 3 == 0 else "planned",
            evidence="Конспект" if n % 3 == 0 else "",
        )
        for n in range(events)
    )
    member = program.group.members.first()
    entries = ActivityLog.objects.bulk_create(
        ActivityLog(
            program=program,
            date=program.start + timedelta(days=n % 50),
            minutes=45,
            kind="meeting",
            created_by=user,
        )
        for n in range(logs)
    )
    ActivityLog.participants.through.objects.bulk_create(
        ActivityLog.participants.through(activitylog_id=e.pk, groupmember_id=member.pk) for e in entries
    )


@pytest.mark.parametrize("size", [(5, 10), (200, 500)])
def test_program_page_and_calendar_in_constant_queries(
    client_for, approved, cast, size, django_assert_max_num_queries
):
    fill(approved, cast.mentor, *size)
    # A proposed change with a consent: the changes block and its «who has not agreed» are shown.
    change = services.change_propose(
        program=approved, user=cast.mentor, reason="Нужно больше времени", new_end=date(2027, 8, 31)
    )
    services.change_consent(change=change, user=cast.mentee)
    # The program page: at most 15 queries for its mentor and its curator (who also sees the history),
    # whatever the number of events, log entries and files (issue #8).
    for who in ("curator", "mentor"):
        client = client_for(who)
        client.get(reverse("programs:program-detail", args=[approved.pk]))  # warm the session
        with django_assert_max_num_queries(15):
            response = client.get(reverse("programs:program-detail", args=[approved.pk]))
            assert response.status_code == 200
    assert "Изменения и продление" in response.content.decode()
    with django_assert_max_num_queries(20):
        response = client.get(reverse("programs:program-calendar", args=[approved.pk]) + "?month=2026-11")
        assert response.status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(reverse("programs:event-list", args=[approved.pk])).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(reverse("programs:activity-list", args=[approved.pk])).status_code == 200


@pytest.mark.parametrize("count", [1, 6])
def test_program_list_in_constant_queries(client_for, cast, bank, year, count, django_assert_max_num_queries):
    for n in range(count):
        mentee = f.mentee_entry(
            cast.school, year, last_name=f"Иванов{n}", first_name="Иван", patronymic="Иванович"
        )
        group = pf.active_group(
            cast.school,
            year,
            bank.mentor if n < 1 else f.mentor_entry(cast.school, year),
            [mentee],
            curator=cast.curator,
            director=cast.director,
        )
        pf.draft_program(group, cast.curator)
    client = client_for("curator")
    client.get(reverse("programs:program-list"))
    with django_assert_max_num_queries(20):
        response = client.get(reverse("programs:program-list"))
    assert response.content.decode().count("Программа молодого учителя") == count


def test_program_page_query_count_does_not_grow_with_rows(client_for, approved, cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("mentor")
    pages = [
        reverse("programs:program-detail", args=[approved.pk]),
        reverse("programs:program-calendar", args=[approved.pk]) + "?month=2026-10",
    ]
    fill(approved, cast.mentor, 5, 10)
    client.get(pages[0])
    small = []
    for page in pages:
        with CaptureQueriesContext(connection) as ctx:
            client.get(page)
        small.append(len(ctx))
    fill(approved, cast.mentor, 195, 490)
    large = []
    for page in pages:
        with CaptureQueriesContext(connection) as ctx:
            client.get(page)
        large.append(len(ctx))
    assert small == large, (small, large)
