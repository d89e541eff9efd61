"""The council's pages: the curator and the council members keep the minutes through the forms, crafted
POSTs with another school's ids change nothing, the minutes PDF reads like a Russian protocol, and the
council member's dashboard lists the open questions."""

import subprocess
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.accounts import inbox
from apps.council import services
from apps.council.documents import present_line
from apps.council.models import AgendaItem, Meeting
from tests.factories import pairs as f
from tests.factories import programs as pf

from .conftest import hold_with_one_question

pytestmark = pytest.mark.django_db


def _pdf_text(content: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=content, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().split())


def test_the_curator_plans_a_meeting_and_keeps_its_minutes_through_the_pages(client_for, cast, council):
    client = client_for("curator")
    today = timezone.localdate()
    response = client.post(
        reverse("council:meeting-create"),
        {
            "date": today.isoformat(),
            "place": "каб. 214",
            "chair": council.chair.pk,
            "secretary": council.secretary.pk,
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "council:meeting-detail", args=[meeting.pk]
    )
    client.post(
        reverse("council:attendance-edit", args=[meeting.pk]),
        {"members": [m.pk for m in council.members], "invited": "Соловьёва Елена Петровна — куратор"},
    )
    assert meeting.attendees.count() == 4
    client.post(
        reverse("council:item-create", args=[meeting.pk]),
        {"kind": "other", "question": "О плане работы совета", "speaker": council.chair.pk},
    )
    item = AgendaItem.objects.get()
    response = client.post(
        reverse("council:decision-edit", args=[meeting.pk, item.pk]),
        {"text": "Утвердить план.", "votes_for": 3, "votes_against": 0, "votes_abstained": 0},
    )
    assert response.status_code == 302
    client.post(reverse("council:meeting-hold", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert (meeting.status, meeting.number) == (Meeting.Status.HELD, 1)
    page = client.get(reverse("council:meeting-detail", args=[meeting.pk])).content.decode()
    assert "Протокол № 1" in page and "Утвердить план." in page and "решение принято" in page


def test_too_many_votes_come_back_at_the_form_with_a_russian_message(client_for, cast, council, meeting):
    services.attendance_set(meeting=meeting, members=council.members[:2], user=cast.curator)
    item = services.item_add(meeting=meeting, kind="other", question="О плане", user=cast.curator)
    response = client_for("council").post(
        reverse("council:decision-edit", args=[meeting.pk, item.pk]),
        {"text": "Утвердить.", "votes_for": 3, "votes_against": 0, "votes_abstained": 0},
    )
    assert response.status_code == 200
    assert "Голосов больше, чем присутствующих членов совета (2)" in response.content.decode()
    assert not hasattr(AgendaItem.objects.get(pk=item.pk), "decision")


def test_crafted_posts_with_another_schools_ids_change_nothing(client_for, cast, council, meeting, year):
    other_group = pf.active_group(
        cast.other_school,
        year,
        f.mentor_entry(cast.other_school, year),
        [f.mentee_entry(cast.other_school, year)],
        curator=cast.other_curator,
        director=cast.other_director,
    )
    client = client_for("curator")
    response = client.post(
        reverse("council:item-create", args=[meeting.pk]),
        {"kind": "conflict", "question": "О конфликте", "group": other_group.pk},
    )
    assert response.status_code == 200 and not AgendaItem.objects.exists()
    response = client.post(
        reverse("council:attendance-edit", args=[meeting.pk]),
        {"members": [cast.other_curator.pk, cast.curator.pk]},
    )
    assert response.status_code == 200 and not meeting.attendees.exists()
    response = client.post(
        reverse("council:meeting-edit", args=[meeting.pk]), {"date": "2026-12-01", "chair": cast.curator.pk}
    )
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert meeting.chair == council.chair


def test_the_other_schools_curator_does_not_reach_the_meeting_nor_its_questions(
    client_for, cast, council, meeting
):
    item = services.item_add(meeting=meeting, kind="other", question="О плане", user=cast.curator)
    client = client_for("other_curator")
    assert client.post(reverse("council:item-delete", args=[meeting.pk, item.pk])).status_code == 404
    assert client.get(reverse("council:meeting-detail", args=[meeting.pk])).status_code == 404
    assert AgendaItem.objects.filter(pk=item.pk).exists()


def test_a_question_of_another_meeting_is_not_found_under_this_one(client_for, cast, council, meeting):
    other = services.meeting_create(organization=cast.school, date=timezone.localdate(), user=cast.curator)
    item = services.item_add(meeting=other, kind="other", question="Чужой вопрос", user=cast.curator)
    response = client_for("curator").post(reverse("council:item-delete", args=[meeting.pk, item.pk]))
    assert response.status_code == 404 and AgendaItem.objects.filter(pk=item.pk).exists()


def test_mentors_and_mentees_do_not_see_the_council_not_even_their_own_conflict(
    client_for, cast, council, meeting, group
):
    services.item_add(
        meeting=meeting, kind="conflict", question="О конфликте в паре", group=group, user=cast.curator
    )
    for role in ("mentor", "mentee"):
        assert client_for(role).get(reverse("council:meeting-detail", args=[meeting.pk])).status_code == 403
        assert client_for(role).get(reverse("council:meeting-list")).status_code == 403


# The minutes --------------------------------------------------------------------------------------------


def test_the_minutes_read_like_a_russian_protocol(client_for, cast, council, meeting, bank):
    services.attendance_set(
        meeting=meeting,
        members=council.members,
        invited=[("Соловьёва Елена Петровна", "заместитель директора")],
        user=cast.curator,
    )
    item = services.item_add(
        meeting=meeting,
        kind="nomination",
        question="О выдвижении наставника на поощрение",
        person=bank.mentor.person,
        nomination="грамота за наставничество",
        speaker=council.chair,
        user=cast.curator,
    )
    services.decision_record(
        item=item,
        heard="о результатах работы наставника",
        discussion="Лебедев И. Н. поддержал выдвижение.",
        text="Ходатайствовать о награждении Морозовой Т. С. грамотой.",
        votes_for=2,
        votes_abstained=1,
        user=cast.curator,
    )
    services.meeting_hold(meeting=meeting, user=cast.curator)
    response = client_for("director").get(reverse("council:minutes-pdf", args=[meeting.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    date_words = f"{meeting.date.day} декабря 2026 г." if meeting.date.month == 12 else ""
    for expected in (
        "ПРОТОКОЛ заседания совета наставников",
        "№ 1",
        "Председатель — Григорьева М. А.",
        "Секретарь — Лебедев И. Н.",
        "ПРИСУТСТВОВАЛИ: Присутствовали 3 человека из 3 членов совета:",
        "Григорьева Марина Александровна;",
        "ПРИГЛАШЁННЫЕ: Соловьёва Елена Петровна — заместитель директора.",
        "ПОВЕСТКА ДНЯ: 1. О выдвижении наставника на поощрение (грамота за наставничество). "
        "Докладчик: Григорьева М. А.",
        # The speaker heard in the accusative.
        "1. СЛУШАЛИ: Григорьеву М. А. — о результатах работы наставника",
        "ВЫСТУПИЛИ: Лебедев И. Н. поддержал выдвижение.",
        "РЕШИЛИ: Ходатайствовать о награждении Морозовой Т. С. грамотой.",
        "Голосовали: за — 2, против — 0, воздержались — 1. Решение принято.",
    ):
        assert expected in text, expected
    signatures = text.rsplit("Решение принято.", 1)[1]
    for expected in ("Председатель", "М. А. Григорьева", "Секретарь", "И. Н. Лебедев"):
        assert expected in signatures, expected
    assert date_words in text


@pytest.mark.parametrize(
    ("present", "members", "line"),
    [
        (1, 1, "Присутствовал 1 человек из 1 члена совета"),
        (3, 7, "Присутствовали 3 человека из 7 членов совета"),
        (5, 5, "Присутствовали 5 человек из 5 членов совета"),
        (21, 25, "Присутствовал 21 человек из 25 членов совета"),
    ],
)
def test_the_count_of_those_present_agrees_with_the_number(present, members, line):
    assert present_line(present, members) == line


def test_the_minutes_of_an_open_meeting_are_not_printed(client_for, cast, council, meeting):
    assert client_for("curator").get(reverse("council:minutes-pdf", args=[meeting.pk])).status_code == 403


# The council member's dashboard ----------------------------------------------------------------------


def _groups(user, organization):
    return {
        g.key: g
        for g in inbox.collect(user=user, organization=organization, roles=user.roles_in(organization))
    }


def test_the_council_member_sees_the_open_questions_of_coming_meetings(
    cast, council, meeting, group, program_on_approval
):
    services.item_add(meeting=meeting, kind="other", question="О плане работы", user=cast.curator)
    services.item_add(
        meeting=meeting, kind="conflict", question="О конфликте в паре", group=group, user=cast.curator
    )
    groups = _groups(cast.council, cast.school)
    assert [i.label for i in groups["council.open_items"].items] == ["О плане работы"]
    assert [i.label for i in groups["council.conflicts"].items] == ["О конфликте в паре"]
    assert [i.label for i in groups["council.programs_awaiting"].items] == [program_on_approval.title]
    # Put on the agenda, the program leaves «не внесены в повестку» and becomes an open question.
    services.item_add(
        meeting=meeting,
        kind="program",
        question="Об утверждении программы",
        program=program_on_approval,
        user=cast.curator,
    )
    groups = _groups(cast.council, cast.school)
    assert "council.programs_awaiting" not in groups
    assert groups["council.open_items"].count == 2


def test_decided_questions_and_closed_minutes_leave_the_dashboard(cast, council, meeting, group):
    hold_with_one_question(meeting, council, cast.curator)
    assert "council.open_items" not in _groups(cast.council, cast.school)


def test_the_council_groups_are_the_council_members_only(cast, council, meeting, group):
    services.item_add(
        meeting=meeting, kind="conflict", question="О конфликте в паре", group=group, user=cast.curator
    )
    for user in (cast.curator, cast.director, cast.mentor, cast.mentee):
        assert not {k for k in _groups(user, cast.school) if k.startswith("council.")}, user.username
    assert not _groups(cast.council, cast.other_school).get("council.conflicts")


def test_a_meeting_of_next_week_appears_in_the_list_and_a_held_one_with_its_protocol(
    client_for, cast, council, meeting
):
    hold_with_one_question(meeting, council, cast.curator)
    services.meeting_create(
        organization=cast.school, date=timezone.localdate() + timedelta(days=7), user=cast.curator
    )
    page = client_for("director").get(reverse("council:meeting-list")).content.decode()
    assert "Предстоящие заседания" in page and "В повестке 0 вопросов" in page
    assert reverse("council:minutes-pdf", args=[meeting.pk]) in page
    assert "Запланировать заседание" not in page  # the director reads
