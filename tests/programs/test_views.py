"""Program pages: who may see and do what (allowed, 403, 404), confidentiality, files, conflicts."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.programs import services
from apps.programs.models import EventForm, Program, ProgramComment, Responsible

pytestmark = pytest.mark.django_db

SEES = ["curator", "director", "council", "mentor", "mentee"]
# The portal administrator reads no personal data of a school (README «Security and data protection»);
# coordinators see aggregates only (issue 9): a program names its people and holds their text.
FORBIDDEN = ["psychologist", "two_roles", "admin"]
COORDINATORS = ["municipal", "regional"]
OUTSIDE = ["other_curator", "other_director", "other_teacher", "far_curator", "far_municipal", "nobody"]


def url(name, *args):
    return reverse(f"programs:{name}", args=args)


def add_event(program, user, **overrides):
    data = {
        "title": "Посещение урока наставника",
        "form": EventForm.LESSON_VISIT,
        "start": date(2026, 10, 15),
        "end": None,
        "responsible": Responsible.MENTEE,
        "responsible_person": None,
        "responsible_other": "",
        "product": "",
        "expected_result": "Самоанализ урока",
    }
    data.update(overrides)
    return services.event_save(program=program, user=user, data=data)


@pytest.mark.parametrize("who", SEES)
def test_program_page_is_visible_to_staff_and_participants(client_for, program, who):
    assert client_for(who).get(url("program-detail", program.pk)).status_code == 200


@pytest.mark.parametrize("who", FORBIDDEN)
def test_program_page_is_forbidden_inside_the_school_without_a_role_for_it(client_for, program, who):
    assert client_for(who).get(url("program-detail", program.pk)).status_code == 403


@pytest.mark.parametrize("who", COORDINATORS)
@pytest.mark.parametrize("name", ["program-detail", "program-pdf", "activity-list", "event-list"])
def test_coordinator_in_scope_is_refused_a_program_and_its_pdf(client_for, program, who, name):
    # The program's school is in the coordinator's territory (in scope, so 403 and not 404), but the
    # pages name the mentor and the mentees: coordinators see aggregates only (issue 9).
    response = client_for(who).get(url(name, program.pk))
    assert response.status_code == 403
    assert program.title not in response.content.decode()


@pytest.mark.parametrize("who", OUTSIDE)
def test_program_of_another_organisation_does_not_exist(client_for, program, who):
    assert client_for(who).get(url("program-detail", program.pk)).status_code == 404


def test_anonymous_is_sent_to_sign_in(client_for, program):
    response = client_for(None).get(url("program-detail", program.pk))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize(
    "who,status", [("mentor", 200), ("mentee", 200), ("curator", 200), ("director", 403), ("council", 403)]
)
def test_only_participants_and_curator_edit_a_draft(client_for, program, who, status):
    assert client_for(who).get(url("program-edit", program.pk)).status_code == status


@pytest.mark.parametrize(
    "who,status", [("mentor", 200), ("curator", 200), ("mentee", 403), ("director", 403)]
)
def test_mentor_and_curator_plan_the_roadmap(client_for, program, who, status):
    assert client_for(who).get(url("event-add", program.pk)).status_code == status


def test_finished_program_is_read_only(client_for, approved, cast):
    from apps.programs.models import EndReason
    from tests.factories.programs import sign

    ending = services.program_end_request(
        program=approved, user=cast.curator, reason=EndReason.PLAN_DONE, survey_asked=True
    )
    sign(ending.order, cast.director)
    for who in ("mentor", "curator"):
        client = client_for(who)
        assert client.get(url("event-add", approved.pk)).status_code == 403
        assert client.get(url("activity-add", approved.pk)).status_code == 403
        assert client.get(url("program-edit", approved.pk)).status_code == 403
    page = client_for("curator").get(url("program-detail", approved.pk)).content.decode()
    assert "В банк программ" in page and "Быстрая запись" not in page


def test_conflicting_save_shows_both_versions_and_keeps_the_first(client_for, program):
    form = {
        "version": program.version,
        "title": program.title,
        "mode": program.mode,
        "goal": "Цель наставника",
        "tasks": program.tasks,
    }
    assert client_for("mentor").post(url("program-edit", program.pk), form).status_code == 302
    response = client_for("mentee").post(url("program-edit", program.pk), {**form, "goal": "Моя цель"})
    page = response.content.decode()
    assert response.status_code == 409
    assert "Конфликт правок" in page and "Цель наставника" in page and "Моя цель" in page
    program.refresh_from_db()
    assert program.goal == "Цель наставника"


def test_mentor_logs_activity_with_defaults_from_the_dashboard(client_for, approved):
    client = client_for("mentor")
    dashboard = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Быстрая запись в журнал" in dashboard and 'value="45"' in dashboard
    response = client.post(
        url("activity-add", approved.pk),
        {
            "date": "2026-11-20",
            "minutes": "45",
            "kind": "meeting",
            "format": "in_person",
            "next": "dashboard",
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("accounts:dashboard")
    assert approved.activities.get().minutes == 45


def test_log_form_on_program_page_preselects_last_kind(client_for, approved, cast):
    services.activity_log(
        program=approved,
        user=cast.mentor,
        date=date(2026, 11, 2),
        minutes=30,
        format="online",
        kind="lesson_visit",
    )
    page = client_for("mentor").get(url("program-detail", approved.pk)).content.decode()
    assert '<option value="lesson_visit" selected>' in page


def test_mentee_marks_own_task_done_with_evidence_and_reflection(client_for, approved, cast):
    task = add_event(approved, cast.mentor)
    mentor_task = add_event(approved, cast.mentor, responsible=Responsible.MENTOR)
    client = client_for("mentee")
    assert client.get(url("event-done", approved.pk, mentor_task.pk)).status_code == 403
    response = client.post(
        url("event-done", approved.pk, task.pk),
        {
            "evidence": "Самоанализ урока написан",
            "reflection": "Понял, как ставить цель урока",
            "files": SimpleUploadedFile("самоанализ.pdf", b"%PDF-1.4 x"),
        },
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == "done" and task.files.count() == 1


def test_reflections_and_private_comments_are_hidden_from_director_and_council(client_for, approved, cast):
    task = add_event(approved, cast.mentor)
    services.event_complete(event=task, user=cast.mentee, evidence="Готово", reflection="ЛИЧНАЯ-РЕФЛЕКСИЯ")
    services.comment_add(program=approved, user=cast.mentee, text="ЛИЧНЫЙ-КОММЕНТАРИЙ", private=True)
    services.comment_add(program=approved, user=cast.council, text="Общий комментарий совета")
    for who in ("mentee", "mentor", "curator"):
        page = client_for(who).get(url("program-detail", approved.pk)).content.decode()
        assert "ЛИЧНАЯ-РЕФЛЕКСИЯ" in page and "ЛИЧНЫЙ-КОММЕНТАРИЙ" in page, who
    for who in ("director", "council"):
        page = client_for(who).get(url("program-detail", approved.pk)).content.decode()
        assert "ЛИЧНАЯ-РЕФЛЕКСИЯ" not in page and "ЛИЧНЫЙ-КОММЕНТАРИЙ" not in page, who
        assert "Общий комментарий совета" in page and "мероприятий выполнено" in page
        events = client_for(who).get(url("event-list", approved.pk)).content.decode()
        assert "ЛИЧНАЯ-РЕФЛЕКСИЯ" not in events


def test_council_member_may_comment_but_director_may_not(client_for, approved):
    assert client_for("council").post(url("comment-add", approved.pk), {"text": "Хорошо"}).status_code == 302
    assert client_for("director").post(url("comment-add", approved.pk), {"text": "Хорошо"}).status_code == 403
    assert ProgramComment.objects.get().kind == ProgramComment.Kind.PUBLIC


def test_council_cannot_post_a_private_comment(client_for, approved):
    client_for("council").post(url("comment-add", approved.pk), {"text": "Секрет", "private": "on"})
    assert ProgramComment.objects.get().kind == ProgramComment.Kind.PUBLIC


def test_evidence_file_is_served_only_to_those_who_see_the_program(client_for, approved, cast):
    task = add_event(approved, cast.mentor)
    services.event_complete(
        event=task, user=cast.mentee, evidence="x", files=[SimpleUploadedFile("карта.pdf", b"%PDF-1.4 data")]
    )
    file_id = task.files.get().pk
    response = client_for("mentee").get(url("file-download", file_id))
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 data"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client_for("other_curator").get(url("file-download", file_id)).status_code == 404
    assert client_for("psychologist").get(url("file-download", file_id)).status_code == 404
    assert client_for("municipal").get(url("file-download", file_id)).status_code == 404  # aggregates only
    assert client_for(None).get(url("file-download", file_id)).status_code == 302


def test_evidence_whose_file_is_gone_is_a_404_not_a_500(client_for, approved, cast):
    task = add_event(approved, cast.mentor)
    services.event_complete(
        event=task, user=cast.mentee, evidence="x", files=[SimpleUploadedFile("карта.pdf", b"%PDF-1.4 data")]
    )
    evidence = task.files.get()
    evidence.file.storage.delete(evidence.file.name)
    assert client_for("mentee").get(url("file-download", evidence.pk)).status_code == 404


def test_bad_upload_is_a_field_error_not_a_500(client_for, approved, cast):
    task = add_event(approved, cast.mentor)
    response = client_for("mentor").post(
        url("event-done", approved.pk, task.pk),
        {"evidence": "x", "files": SimpleUploadedFile("virus.pdf", b"MZ\x90 exe")},
    )
    assert response.status_code == 200 and "не является файлом PDF" in response.content.decode()


def test_event_outside_dates_is_a_field_error(client_for, program):
    response = client_for("mentor").post(
        url("event-add", program.pk),
        {"title": "Семинар", "form": "seminar", "start": "2027-07-01", "responsible": "mentor"},
    )
    assert response.status_code == 200 and "в сроки программы" in response.content.decode()


def test_two_month_program_is_refused_in_the_form(client_for, group):
    response = client_for("curator").post(
        url("program-create", group.pk), {"title": "Программа", "start": "2026-10-01", "end": "2026-11-30"}
    )
    assert response.status_code == 200 and "не менее 3 месяцев" in response.content.decode()
    assert not Program.objects.exists()


@pytest.mark.parametrize(
    "who,status", [("curator", 200), ("mentor", 200), ("director", 403), ("mentee", 403)]
)
def test_who_may_start_a_program(client_for, group, who, status):
    assert client_for(who).get(url("program-create", group.pk)).status_code == status


def test_program_create_of_other_school_group_is_404(client_for, group):
    assert client_for("other_curator").get(url("program-create", group.pk)).status_code == 404


def test_list_scoped_and_participants_see_their_own(client_for, program):
    assert program.title in client_for("curator").get(url("program-list")).content.decode()
    assert program.title in client_for("mentee").get(url("program-list")).content.decode()
    assert program.title not in client_for("other_curator").get(url("program-list")).content.decode()
    assert client_for("psychologist").get(url("program-list")).status_code == 403


def test_versions_page_lists_versions(client_for, approved):
    page = client_for("director").get(url("program-versions", approved.pk)).content.decode()
    assert "Программа утверждена куратором" in page


def test_plan_row_is_added_inline_with_htmx(client_for, program):
    response = client_for("mentee").post(
        url("plan-add", program.pk, "deficit"),
        {"direction": "Изучение методической литературы", "deadline": "Ежемесячно", "events": "Каталог идей"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and "Изучение методической литературы" in response.content.decode()
    assert program.deficit_items.count() == 1


def test_calendar_shows_month_grid_with_events(client_for, approved, cast):
    add_event(approved, cast.mentor, title="Открытый урок по истории", start=date(2026, 11, 12))
    page = client_for("mentee").get(url("program-calendar", approved.pk) + "?month=2026-11").content.decode()
    assert "Ноябрь 2026" in page and "Открытый урок по истории" in page and "?month=2026-12" in page
    assert client_for("mentee").get(url("program-calendar", approved.pk) + "?month=xx").status_code == 200


def test_ics_feed_by_secret_token(client, approved, cast):
    add_event(
        approved,
        cast.mentor,
        title="Семинар «Современный урок»; анализ, обсуждение",
        start=date(2026, 11, 12),
    )
    token = services.calendar_token_for(cast.mentee)
    response = client.get(url("ics-feed", token.token))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    unfolded = body.replace("\r\n ", "")
    assert "SUMMARY:Семинар «Современный урок»\\; анализ\\, обсуждение" in unfolded
    assert "DTSTART;VALUE=DATE:20261112" in unfolded and "DTEND;VALUE=DATE:20261113" in unfolded
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    assert client.get(url("ics-feed", "wrong-token")).status_code == 404
    other = services.calendar_token_for(cast.director)
    assert "Семинар" not in client.get(url("ics-feed", other.token)).content.decode()


def test_roadmap_xlsx_reads_back(client_for, approved, cast):
    import io

    from openpyxl import load_workbook

    add_event(approved, cast.mentor, title='=HYPERLINK("x")')
    response = client_for("director").get(url("roadmap-xlsx", approved.pk))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][1] == "Мероприятие" and rows[1][1].startswith("'=")
    assert rows[1][2] == "посещение урока"


def test_list_filter_finds_stalled_programs(client_for, approved, cast):
    page = client_for("curator").get(url("program-list") + "?stalled=true").content.decode()
    assert approved.title in page  # started 01.10.2026 and no log entries: more than 30 days ago
    services.activity_log(
        program=approved, user=cast.mentor, date=date.today(), minutes=45, format="in_person", kind="meeting"
    )
    page = client_for("curator").get(url("program-list") + "?stalled=true").content.decode()
    assert approved.title not in page
    assert (
        approved.title in client_for("curator").get(url("program-list") + "?status=approved").content.decode()
    )
    assert (
        approved.title
        not in client_for("curator").get(url("program-list") + "?status=draft").content.decode()
    )


@pytest.fixture
def published(approved, cast):
    from apps.programs.models import EndReason
    from tests.factories.programs import sign

    ending = services.program_end_request(
        program=approved, user=cast.curator, reason=EndReason.PLAN_DONE, survey_asked=True
    )
    sign(ending.order, cast.director)
    approved.refresh_from_db()
    return approved


def test_curator_publishes_finished_program_to_the_bank(client_for, published):
    assert client_for("mentor").get(url("program-publish", published.pk)).status_code == 403
    response = client_for("curator").post(
        url("program-publish", published.pk), {"title": "Образец", "visibility": "region"}
    )
    assert response.status_code == 302
    template = published.templates.get()
    assert template.visibility == "region"
    assert client_for("council").get(url("bank-detail", template.pk)).status_code == 200
    assert client_for("mentee").get(url("bank-list")).status_code == 403
    assert client_for("other_curator").get(url("bank-detail", template.pk)).status_code == 404


@pytest.mark.parametrize("who,status", [("curator", 200), ("mentor", 403), ("director", 403)])
def test_only_curator_opens_the_end_checklist(client_for, approved, who, status):
    assert client_for(who).get(url("program-end", approved.pk)).status_code == status


def test_end_form_produces_a_draft_order(client_for, approved):
    response = client_for("curator").post(
        url("program-end", approved.pk),
        {"reason": "participant", "explanation": "Переезд наставляемого", "survey_asked": "on"},
    )
    assert response.status_code == 302 and "/orders/" in response["Location"]


def test_change_needs_every_participant_in_the_portal(client_for, approved):
    response = client_for("mentor").post(
        url("change-propose", approved.pk), {"new_end": "2027-08-31", "reason": "Продление"}
    )
    assert response.status_code == 302
    change = approved.changes.get()
    assert client_for("director").post(url("change-consent", approved.pk, change.pk)).status_code == 403
    client_for("mentee").post(url("change-consent", approved.pk, change.pk))
    change.refresh_from_db()
    assert change.order is not None and change.order.kind == "program_change"


def test_log_entry_for_chosen_members_of_a_group(client_for, cast, bank, year):
    from tests.factories import pairs as f
    from tests.factories import programs as pf

    mentee2 = f.mentee_entry(cast.school, year, last_name="Черных", first_name="Ольга", patronymic="Ивановна")
    group = pf.active_group(
        cast.school, year, bank.mentor, [bank.mentee, mentee2], curator=cast.curator, director=cast.director
    )
    program = pf.draft_program(group, cast.mentor)
    second = group.members.get(mentee=mentee2)
    response = client_for("mentor").post(
        url("activity-add", program.pk),
        {
            "date": "2026-11-20",
            "minutes": "30",
            "kind": "consultation",
            "format": "online",
            "members": [second.pk],
        },
    )
    assert response.status_code == 302
    assert list(program.activities.get().participants.all()) == [second]


def test_untouched_plan_text_in_the_change_form_is_not_a_change(client_for, approved, cast):
    services_row = {
        "direction": "Изучение\nлитературы",
        "deadline": "Ежемесячно",
        "events": "Каталог",
        "goal": "",
    }
    approved.deficit_items.create(position=0, **services_row)
    client = client_for("mentor")
    page = client.get(url("change-propose", approved.pk)).content.decode()
    assert "Изучение литературы | Ежемесячно | Каталог |" in page
    response = client.post(
        url("change-propose", approved.pk),
        {
            "new_end": "2027-06-30",
            "reason": "Продление",
            "deficit_plan": "Изучение литературы | Ежемесячно | Каталог | ",
        },
    )
    assert response.status_code == 302
    assert approved.changes.get().plans == {}
    bad = client.post(
        url("change-propose", approved.pk), {"reason": "x", "competence_plan": "Нет такой | a | b | c"}
    )
    assert "неизвестная компетенция" in bad.content.decode()


def test_director_dashboard_shows_program_aggregates(client_for, approved):
    page = client_for("director").get(reverse("accounts:dashboard")).content.decode()
    assert "Программы наставничества: 1" in page and "действуют 1" in page
