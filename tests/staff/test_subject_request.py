"""The answer to a subject's request (152-ФЗ art. 14): everything the portal holds about a person,
as a ZIP with the cover letter (PDF) and the data (.xlsx); who may download it; the journal entry;
a bounded number of queries."""

import io
import subprocess
import zipfile
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.audit.models import AccessEvent
from apps.core.xlsx import read_xlsx_rows
from apps.notifications.models import MessengerLink, Notification
from apps.programs import services as program_services
from apps.programs.models import ActivityKind
from apps.staff.documents import LETTER_NAME, WORKBOOK_NAME
from apps.staff.subject_data import subject_data
from tests.factories import orders as of
from tests.trust.world import build_objects

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(cast, year):
    """The cast's mentor as a registry person with a pair, an approved program, a draft order naming
    them, a survey, a log entry and a notification."""
    built = build_objects(
        cast.school,
        year,
        mentor_user=cast.mentor,
        mentee_user=cast.mentee,
        curator=cast.curator,
        director=cast.director,
    )
    program_services.activity_log(
        program=built.program,
        user=cast.mentor,
        date=timezone.localdate(),
        minutes=45,
        format="in_person",
        kind=ActivityKind.values[0],
        notes="Разбор технологической карты урока",
    )
    Notification.objects.create(
        user=cast.mentor, kind="order_signature", text="Проверка уведомления", key="k1"
    )
    return built


def _download(client, person):
    response = client.get(reverse("staff:person-data-export", args=[person.pk]))
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/zip"
    assert response["Cache-Control"] == "no-store"
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def _sheet(archive, title) -> list[tuple]:
    return read_xlsx_rows(archive.read(WORKBOOK_NAME), sheet=title)


def _text(rows) -> str:
    return " ".join(str(v) for row in rows for v in row if v is not None)


def test_curator_gets_the_letter_and_every_kind_of_data(client_for, objects):
    person = objects.person
    archive = _download(client_for("curator"), person)
    assert sorted(archive.namelist()) == sorted([LETTER_NAME, WORKBOOK_NAME])

    card = {row[0]: row[1] for row in _sheet(archive, "Карточка")[1:]}
    assert card["Фамилия"] == person.last_name
    assert _sheet(archive, "Согласия на обработку ПДн")[1][0].date() == person.consents.first().signed_on
    assert "Наставникова" in _text(_sheet(archive, "Пары и группы"))
    assert "Молодой" in _text(_sheet(archive, "Пары и группы"))  # the mentor's own mentee
    assert objects.order.title in _text(_sheet(archive, "Приказы"))
    assert objects.program.title in _text(_sheet(archive, "Программы"))
    assert "Разбор технологической карты урока" in _text(_sheet(archive, "Журнал работы"))
    assert "Проверка уведомления" in _text(_sheet(archive, "Уведомления"))
    assert len(_sheet(archive, "Банк наставников")) == 2
    history = _sheet(archive, "История изменений")
    assert len(history) > 1 and history[0] == ("Когда", "Что", "Событие", "Операция")


def test_the_letter_answers_the_request_with_the_items_of_article_14(client_for, objects, tmp_path):
    archive = _download(client_for("curator"), objects.person)
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(archive.read(LETTER_NAME))
    text = " ".join(
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split()
    )
    assert "Сведения о персональных данных субъекта" in text
    assert "статьёй 14" in text
    assert "Трансграничная передача" in text
    assert "«Пары и группы»" in text and "«Журнал доступа»" in text


def _letter_text(client, person, tmp_path) -> str:
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(_download(client, person).read(LETTER_NAME))
    return " ".join(
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split()
    )


def test_the_letter_names_the_labour_basis_and_the_transfer_abroad_only_with_telegram(
    client_for, objects, cast, tmp_path
):
    text = _letter_text(client_for("curator"), objects.person, tmp_path)
    assert "Табельный номер и сведения о доплате за наставничество оператор как работодатель" in text
    assert "персональных данных не осуществляется;" in text
    MessengerLink.objects.create(user=cast.mentor, messenger="vk", chat_id="501")
    assert "Telegram" not in _letter_text(client_for("curator"), objects.person, tmp_path)
    MessengerLink.objects.create(user=cast.mentor, messenger="telegram", chat_id="777")
    text = _letter_text(client_for("curator"), objects.person, tmp_path)
    assert "мессенджер Telegram, серверы которого находятся за пределами Российской Федерации" in text


def test_the_person_themself_downloads_their_data(client_for, objects):
    archive = _download(client_for("mentor"), objects.person)
    assert WORKBOOK_NAME in archive.namelist()


def test_a_mentee_sees_the_mentor_but_not_the_other_mentees_of_the_group(client_for, objects):
    mentee_person = objects.mentee_entry.person
    archive = _download(client_for("mentee"), mentee_person)
    rows = _sheet(archive, "Пары и группы")
    assert rows[1][1] == "наставляемый"
    assert "Наставникова" in rows[1][5]
    assert rows[1][6] in (None, "")
    # The survey the mentee was asked to fill; the answers themselves are anonymous by design.
    assert "Удовлетворённость" in _text(_sheet(archive, "Анкетирование"))


@pytest.mark.parametrize(
    "who,status",
    [
        ("director", 200),
        ("curator", 200),
        ("mentor", 200),  # the person themself
        ("mentee", 403),  # someone else's data, in the same school
        ("council", 403),
        ("psychologist", 403),
        ("two_roles", 403),
        ("admin", 403),  # the portal administrator reads no personal data of schools
        ("other_curator", 404),
        ("other_director", 404),
        ("far_curator", 404),
        ("municipal", 404),
        ("nobody", 404),
        (None, 302),
    ],
)
def test_who_may_download_a_persons_data(client_for, objects, who, status):
    response = client_for(who).get(reverse("staff:person-data-export", args=[objects.person.pk]))
    assert response.status_code == status


def test_the_export_is_recorded_in_the_access_journal(client_for, objects, cast):
    _download(client_for("curator"), objects.person)
    event = AccessEvent.objects.get(url_name="staff:person-data-export")
    assert event.user == cast.curator
    assert event.action == AccessEvent.Action.EXPORT
    assert (event.object_type, event.object_id) == ("staff.person", str(objects.person.pk))
    assert event.organization_id == cast.school.pk


def test_a_refused_download_is_not_recorded(client_for, objects):
    client_for("mentee").get(reverse("staff:person-data-export", args=[objects.person.pk]))
    assert not AccessEvent.objects.filter(url_name="staff:person-data-export").exists()


def test_gathering_takes_the_same_number_of_queries_whatever_the_number_of_rows(objects, cast, year):
    person = objects.person
    with CaptureQueriesContext(connection) as few:
        before = subject_data(person=person)
    for i in range(5):
        of.make_draft(cast.school, cast.curator, participants=[(person, "наставник")])
        Notification.objects.create(user=cast.mentor, kind="order_signature", text=f"№ {i}", key=f"more{i}")
        program_services.activity_log(
            program=objects.program,
            user=cast.mentor,
            date=timezone.localdate() - timedelta(days=i),
            minutes=30,
            format="online",
            kind=ActivityKind.values[0],
        )
    with CaptureQueriesContext(connection) as many:
        data = subject_data(person=person)
    assert len(data.section("Приказы").rows) == len(before.section("Приказы").rows) + 5
    assert len(data.section("Журнал работы").rows) == len(before.section("Журнал работы").rows) + 5
    assert len(many) == len(few)
    # About one query a section whatever the number of rows (each app adds its own sections), and a few
    # for the person, her accounts and the access journal.
    assert len(many) <= len(data.sections) + 8


def test_a_person_with_nothing_but_a_card_gets_empty_sheets(client_for, cast):
    from tests.factories import pairs as f

    person = f.person(cast.school, last_name="Пустова", birth_date=date(1990, 1, 1))
    archive = _download(client_for("curator"), person)
    assert len(_sheet(archive, "Приказы")) == 1  # the header only


def test_the_profile_and_my_consent_page_lead_to_the_download(client_for, objects):
    client = client_for("mentor")
    assert reverse("staff:my-consent") in client.get(reverse("accounts:profile")).content.decode()
    page = client.get(reverse("staff:my-consent")).content.decode()
    assert reverse("staff:person-data-export", args=[objects.person.pk]) in page


def test_the_card_offers_the_download_only_to_those_who_may(client_for, objects):
    url = reverse("staff:person-data-export", args=[objects.person.pk])
    card = reverse("staff:person-detail", args=[objects.person.pk])
    assert url in client_for("curator").get(card).content.decode()
    assert url not in client_for("council").get(card).content.decode()
