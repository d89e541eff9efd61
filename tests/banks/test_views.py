"""Bank pages: who may open what across organisations (200/403/404), forms, filters, query budgets."""

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse

from apps.banks.models import Area, Level, MenteeEntry, MentorEntry
from apps.staff.models import Subject
from tests.factories.banks import StaffPersonFactory, mentee, mentor
from tests.factories.organizations import AcademicYearFactory
from tests.locking import opened_token

pytestmark = pytest.mark.django_db

READERS = ["director", "curator", "council", "psychologist"]


def marked(organization, last_name: str):
    """A registry person whose surname is a marker: no random name contains it or is contained in it."""
    return StaffPersonFactory(organization=organization, last_name=last_name)


@pytest.fixture
def entries(cast, year):
    """One entry in each bank of the school, and one of the other school."""
    return {
        "mentee": mentee(
            cast.school,
            year,
            person=marked(cast.school, "Своешкольная"),
            request="Хочу научиться строить урок по ФГОС",
        ),
        "mentor": mentor(cast.school, year, status="candidate"),
        "other_mentee": mentee(cast.other_school, year, person=marked(cast.other_school, "Чужешкольная")),
    }


# --- lists -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("director", 200),
        ("curator", 200),
        ("council", 200),
        ("psychologist", 200),
        ("mentor", 403),
        ("mentee", 403),
        ("two_roles", 403),
        ("other_teacher", 403),
        ("municipal", 403),
        ("regional", 403),
        ("admin", 403),
        ("nobody", 403),
    ],
)
@pytest.mark.parametrize("url_name", ["banks:mentee-list", "banks:mentor-list"])
def test_bank_list_access(client_for, entries, name, status, url_name):
    assert client_for(name).get(reverse(url_name)).status_code == status


def test_anonymous_is_sent_to_sign_in(client_for, entries):
    response = client_for(None).get(reverse("banks:mentee-list"))
    assert response.status_code == 302 and "/login" in response.url


def test_other_schools_curator_sees_only_their_own_bank(client_for, entries):
    body = client_for("other_curator").get(reverse("banks:mentee-list")).content.decode()
    assert entries["other_mentee"].person.last_name in body
    assert entries["mentee"].person.last_name not in body


def test_list_shows_the_current_year_by_default_and_another_on_request(client_for, cast, year, entries):
    last_year = AcademicYearFactory(start_year=2025, is_current=False)
    old = mentee(cast.school, last_year, person=marked(cast.school, "Прошлогодняя"))
    client = client_for("curator")
    body = client.get(reverse("banks:mentee-list")).content.decode()
    assert entries["mentee"].person.last_name in body and old.person.last_name not in body
    body = client.get(reverse("banks:mentee-list"), {"year": 2025}).content.decode()
    assert old.person.last_name in body and entries["mentee"].person.last_name not in body
    assert client.get(reverse("banks:mentee-list"), {"year": 1999}).status_code == 404


def test_mentor_load_is_shown_as_n_of_max(client_for, cast, year):
    mentor(cast.school, year, director=cast.director, max_mentees=3)
    body = client_for("director").get(reverse("banks:mentor-list")).content.decode()
    assert "0 из 3" in body


def test_buttons_follow_the_rules(client_for, entries):
    curator = client_for("curator").get(reverse("banks:mentee-list")).content.decode()
    assert reverse("banks:mentee-create") in curator and reverse("banks:carry-over") in curator
    council = client_for("council").get(reverse("banks:mentee-list")).content.decode()
    assert reverse("banks:mentee-create") not in council and reverse("banks:carry-over") not in council
    assert "export=xlsx" not in council


# --- detail --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("director", 200),
        ("curator", 200),
        ("council", 200),
        ("psychologist", 200),
        ("mentor", 403),
        ("mentee", 403),
        ("other_curator", 404),
        ("other_director", 404),
        ("other_teacher", 404),
        ("far_curator", 404),
        ("municipal", 404),
        ("regional", 404),
        ("nobody", 404),
    ],
)
@pytest.mark.parametrize("bank", ["mentee", "mentor"])
def test_entry_detail_access(client_for, entries, name, status, bank):
    url = reverse(f"banks:{bank}-detail", args=[entries[bank].pk])
    assert client_for(name).get(url).status_code == status


def test_a_teacher_sees_their_own_entry_but_not_a_colleagues(client_for, cast, year, entries, card_of):
    own = mentee(cast.school, year, person=card_of("mentee"))
    client = client_for("mentee")
    assert client.get(reverse("banks:mentee-detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("banks:mentee-detail", args=[entries["mentee"].pk])).status_code == 403
    assert client.get(reverse("banks:mentee-edit", args=[own.pk])).status_code == 403


def test_entry_detail_shows_difficulties_and_history(client_for, entries):
    body = (
        client_for("council")
        .get(reverse("banks:mentee-detail", args=[entries["mentee"].pk]))
        .content.decode()
    )
    assert "Методическая (содержание, методы, технологии)" in body
    assert "ожидает наставника" in body
    assert "Изменить" not in body


# --- create and edit -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "status"),
    [("curator", 200), ("director", 403), ("council", 403), ("psychologist", 403), ("mentor", 403)],
)
@pytest.mark.parametrize("url_name", ["banks:mentee-create", "banks:mentor-create"])
def test_create_page_access(client_for, cast, year, name, status, url_name):
    assert client_for(name).get(reverse(url_name)).status_code == status


@pytest.mark.parametrize(
    ("name", "status"),
    [("curator", 200), ("director", 403), ("council", 403), ("other_curator", 404), ("far_curator", 404)],
)
@pytest.mark.parametrize("bank", ["mentee", "mentor"])
def test_edit_page_access(client_for, entries, name, status, bank):
    url = reverse(f"banks:{bank}-edit", args=[entries[bank].pk])
    assert client_for(name).get(url).status_code == status


def _mentee_form(person, **overrides):
    data = {
        "person": person.pk,
        "category": MenteeEntry.Category.NON_PEDAGOGICAL,
        "request": "Освоить методику преподавания",
        "source": MenteeEntry.Source.ATTESTATION,
        "level_methodical": "3",
        "comment_methodical": "планирование урока",
        "level_normative": "1",
    }
    data.update(overrides)
    return data


def test_curator_adds_a_mentee_with_difficulties_in_one_form(client_for, cast, year):
    person = StaffPersonFactory(organization=cast.school)
    response = client_for("curator").post(reverse("banks:mentee-create"), _mentee_form(person))
    entry = MenteeEntry.objects.get(person=person)
    assert response.status_code == 302 and response.url == reverse("banks:mentee-detail", args=[entry.pk])
    assert entry.status == MenteeEntry.Status.WAITING and entry.created_by == cast.curator
    assert dict(entry.difficulties.values_list("area", "level")) == {"methodical": 3, "normative": 1}


def test_save_and_add_another_opens_the_empty_form_of_the_same_year_again(client_for, cast, year):
    """«Сохранить и внести ещё» (issue 14): the entry is saved and the next person is entered at once."""
    first, second = (StaffPersonFactory(organization=cast.school) for _ in range(2))
    client = client_for("curator")
    form_page = client.get(reverse("banks:mentee-create")).content.decode()
    assert "Сохранить и внести ещё" in form_page
    response = client.post(reverse("banks:mentee-create"), _mentee_form(first, then="another"))
    assert response.status_code == 302
    assert response.url == f"{reverse('banks:mentee-create')}?year={year.start_year}"
    assert MenteeEntry.objects.filter(person=first).exists()
    page = client.get(response.url).content.decode()
    assert "внесена в банк наставляемых" in page or "внесён в банк наставляемых" in page
    response = client.post(response.url, _mentee_form(second))
    entry = MenteeEntry.objects.get(person=second)
    assert response.url == reverse("banks:mentee-detail", args=[entry.pk])


def test_save_and_add_another_saves_nothing_when_the_form_is_wrong(client_for, cast, year):
    person = StaffPersonFactory(organization=cast.school)
    data = _mentee_form(person, then="another", level_methodical="")
    response = client_for("curator").post(reverse("banks:mentee-create"), data)
    assert response.status_code == 200
    assert "Укажите уровень или очистите комментарий" in response.content.decode()
    assert not MenteeEntry.objects.exists()


def test_the_edit_form_has_no_add_another_button(client_for, entries):
    page = client_for("curator").get(reverse("banks:mentor-edit", args=[entries["mentor"].pk]))
    assert "Сохранить и внести ещё" not in page.content.decode()


def test_person_without_consent_is_not_offered_and_is_refused(client_for, cast, year):
    person = StaffPersonFactory(organization=cast.school, consent=False, last_name="Безсогласиева")
    client = client_for("curator")
    assert "Безсогласиева" not in client.get(reverse("banks:mentee-create")).content.decode()
    response = client.post(reverse("banks:mentee-create"), _mentee_form(person))
    assert response.status_code == 200
    assert "Выберите корректный вариант" in response.content.decode()
    assert not MenteeEntry.objects.exists()


def test_person_of_another_school_cannot_be_posted_into_this_bank(client_for, cast, year):
    foreign = StaffPersonFactory(organization=cast.other_school)
    response = client_for("curator").post(reverse("banks:mentee-create"), _mentee_form(foreign))
    assert response.status_code == 200 and not MenteeEntry.objects.exists()


def test_curator_edits_a_mentor_and_a_bad_max_is_refused_at_the_field(client_for, cast, year, entries):
    entry = entries["mentor"]
    url = reverse("banks:mentor-edit", args=[entry.pk])
    client = client_for("curator")
    data = {
        "lock_token": opened_token(client, url),
        "max_mentees": "0",
        "mentoring_experience": "",
        "confirmed_results": "Победитель конкурса «Учитель года — 2024»",
        "motivation": "",
        "consent_signed_on": "2026-09-15",
        "level_subject": "3",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Не меньше одного наставляемого" in response.content.decode()
    data["max_mentees"] = "4"
    assert client.post(url, data).status_code == 302
    entry.refresh_from_db()
    assert entry.max_mentees == 4 and entry.consent_signed_on == date(2026, 9, 15)
    assert list(entry.strengths.values_list("area", flat=True)) == ["subject"]


def test_consent_scan_of_a_wrong_type_is_refused(client_for, entries):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("banks:mentor-edit", args=[entries["mentor"].pk])
    data = {
        "max_mentees": "2",
        "consent_document": SimpleUploadedFile("согласие.exe", b"MZ\x90\x00", content_type="application/pdf"),
    }
    response = client_for("curator").post(url, data)
    assert response.status_code == 200
    assert "не принят: загрузите PDF, JPEG или PNG" in response.content.decode()
    fake = SimpleUploadedFile("согласие.pdf", b"not a pdf at all", content_type="application/pdf")
    response = client_for("curator").post(url, {"max_mentees": "2", "consent_document": fake})
    assert "не является файлом PDF" in response.content.decode()


# --- approve, reject, release ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "status"), [("director", 302), ("curator", 403), ("council", 403), ("other_director", 404)]
)
def test_approve_access(client_for, entries, name, status):
    url = reverse("banks:mentor-approve", args=[entries["mentor"].pk])
    assert client_for(name).post(url).status_code == status


def test_director_approves_a_candidate_from_the_detail_page(client_for, cast, entries):
    entry = entries["mentor"]
    client = client_for("director")
    assert (
        "Утвердить наставником"
        in client.get(reverse("banks:mentor-detail", args=[entry.pk])).content.decode()
    )
    assert client.get(reverse("banks:mentor-approve", args=[entry.pk])).status_code == 405
    client.post(reverse("banks:mentor-approve", args=[entry.pk]))
    entry.refresh_from_db()
    assert entry.status == MentorEntry.Status.APPROVED and entry.approved_by == cast.director


def test_director_sees_why_a_candidate_without_consent_cannot_be_approved(client_for, cast, year):
    entry = mentor(cast.school, year, status="candidate", consent_signed_on=None)
    body = client_for("director").get(reverse("banks:mentor-detail", args=[entry.pk])).content.decode()
    assert "Утвердить нельзя" in body and "Утвердить наставником" not in body
    response = client_for("director").post(reverse("banks:mentor-approve", args=[entry.pk]), follow=True)
    assert "дату письменного согласия" in response.content.decode()
    entry.refresh_from_db()
    assert entry.status == MentorEntry.Status.CANDIDATE


def test_release_has_a_confirmation_page_and_a_post(client_for, cast, year):
    entry = mentor(cast.school, year, status="approved", director=cast.director)
    url = reverse("banks:mentor-release", args=[entry.pk])
    client = client_for("curator")
    assert client.get(url).status_code == 200
    response = client.post(url, {"released_on": "2099-01-01", "comment": ""})
    assert "не может быть в будущем" in response.content.decode()
    client.post(url, {"released_on": "2026-10-01", "comment": "Заявление о сложении обязанностей"})
    entry.refresh_from_db()
    assert entry.status == MentorEntry.Status.RELEASED and entry.released_on == date(2026, 10, 1)
    assert client_for("curator").get(url).status_code == 403


@pytest.mark.parametrize(("name", "status"), [("council", 403), ("mentor", 403), ("other_curator", 404)])
def test_release_access(client_for, cast, year, name, status):
    entry = mentor(cast.school, year, status="approved", director=cast.director)
    assert client_for(name).get(reverse("banks:mentor-release", args=[entry.pk])).status_code == status


@pytest.mark.parametrize(("name", "status"), [("council", 403), ("director", 403), ("other_curator", 404)])
def test_only_the_curator_reviews_mentee_requests(client_for, cast, year, name, status):
    entry = mentee(cast.school, year, status="candidate")
    url = reverse("banks:mentee-accept", args=[entry.pk])
    assert client_for(name).post(url, {"comment": ""}).status_code == status
    entry.refresh_from_db()
    assert entry.status == MenteeEntry.Status.CANDIDATE


# --- filters -------------------------------------------------------------------------------


def _names(response) -> str:
    return response.content.decode()


def test_mentee_filters(client_for, cast, year):
    math = Subject.objects.get_or_create(name="Математика")[0]
    young = mentee(
        cast.school,
        year,
        person=StaffPersonFactory(organization=cast.school, last_name="Ёжикова"),
        category=MenteeEntry.Category.YOUNG,
        difficulties=[(Area.ICT, Level.HIGH)],
    )
    young.person.subjects.add(math)
    staff = mentee(
        cast.school,
        year,
        person=StaffPersonFactory(organization=cast.school, last_name="Семёнова"),
        category=MenteeEntry.Category.NEW_STAFF,
        difficulties=[(Area.ICT, Level.LOW), (Area.HEALTH, Level.MEDIUM)],
        source=MenteeEntry.Source.ATTESTATION,
        needs_rediagnosis=True,
    )
    candidate = mentee(
        cast.school,
        year,
        person=StaffPersonFactory(organization=cast.school, last_name="Кандидатова"),
        status="candidate",
        difficulties=[(Area.NORMATIVE, Level.MEDIUM)],
    )
    client = client_for("curator")
    url = reverse("banks:mentee-list")

    def shown(**params):
        body = _names(client.get(url, params))
        return {e.person.last_name for e in (young, staff, candidate) if e.person.last_name in body}

    assert shown(category="young") == {"Ёжикова", "Кандидатова"}
    assert shown(status="candidate") == {"Кандидатова"}
    assert shown(area="ict") == {"Ёжикова", "Семёнова"}
    assert shown(area="ict", level=3) == {"Ёжикова"}
    assert shown(level=2) == {"Ёжикова", "Семёнова", "Кандидатова"}
    assert shown(subject=math.pk) == {"Ёжикова"}
    assert shown(source="attestation") == {"Семёнова"}
    assert shown(needs_rediagnosis="true") == {"Семёнова"}
    assert shown(needs_rediagnosis="false") == {"Ёжикова", "Кандидатова"}
    assert shown(q="ежикова") == {"Ёжикова"}
    assert shown(q="СЕМЕНОВА") == {"Семёнова"}
    assert shown(status="nonsense") == {"Ёжикова", "Семёнова", "Кандидатова"}


def test_mentor_filters(client_for, cast, year):
    free = mentor(
        cast.school,
        year,
        person=StaffPersonFactory(organization=cast.school, last_name="Свободина"),
        director=cast.director,
        strengths=[(Area.SUBJECT, Level.HIGH)],
    )
    candidate = mentor(
        cast.school,
        year,
        person=StaffPersonFactory(organization=cast.school, last_name="Кандидатова"),
        status="candidate",
        strengths=[(Area.UPBRINGING, Level.MEDIUM)],
    )
    client = client_for("director")
    url = reverse("banks:mentor-list")

    def shown(**params):
        body = _names(client.get(url, params))
        return {e.person.last_name for e in (free, candidate) if e.person.last_name in body}

    assert shown(status="candidate") == {"Кандидатова"}
    assert shown(area="subject") == {"Свободина"}
    assert shown(area="upbringing", level=3) == set()
    assert shown(has_room="true") == {"Свободина"}
    assert shown(has_room="false") == {"Кандидатова"}
    assert shown(q="свобод") == {"Свободина"}


def test_subject_choices_are_those_of_this_schools_staff(client_for, cast, year):
    ours = Subject.objects.get_or_create(name="Химия")[0]
    theirs = Subject.objects.get_or_create(name="Астрономия")[0]
    StaffPersonFactory(organization=cast.school).subjects.add(ours)
    StaffPersonFactory(organization=cast.other_school).subjects.add(theirs)
    body = client_for("curator").get(reverse("banks:mentee-list")).content.decode()
    assert "Химия" in body and "Астрономия" not in body


# --- query budgets ---------------------------------------------------------------------------


def _fill(cast, year, n):
    subject = Subject.objects.get_or_create(name="Русский язык")[0]
    for _ in range(n):
        m = mentee(cast.school, year)
        m.person.subjects.add(subject)
        mentor(cast.school, year, director=cast.director)


@pytest.mark.parametrize("rows", [2, 30])
@pytest.mark.parametrize("url_name", ["banks:mentee-list", "banks:mentor-list"])
def test_bank_lists_answer_in_a_constant_number_of_queries(
    client_for, cast, year, django_assert_max_num_queries, rows, url_name
):
    _fill(cast, year, rows)
    client = client_for("curator")
    with django_assert_max_num_queries(14):
        response = client.get(reverse(url_name), {"area": "methodical", "q": ""})
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [2, 20])
def test_carry_over_page_answers_in_a_constant_number_of_queries(
    client_for, cast, year, django_assert_max_num_queries, rows
):
    _fill(cast, year, rows)
    client = client_for("curator")
    with django_assert_max_num_queries(13):
        assert client.get(reverse("banks:carry-over")).status_code == 200


@pytest.mark.parametrize("rows", [1, 10])
def test_entry_detail_answers_in_a_constant_number_of_queries(
    client_for, cast, year, django_assert_max_num_queries, rows
):
    entry = mentor(
        cast.school, year, director=cast.director, strengths=[(a, Level.HIGH) for a in Area][:rows]
    )
    client = client_for("director")
    # 12 + the access journal's INSERT (apps.audit) + the mentor's awards (territory) + the distance
    # pairs in other organisations (issue 9 §3) + the change history (its events, their authors)
    with django_assert_max_num_queries(15 + 1 + 2):
        assert client.get(reverse("banks:mentor-detail", args=[entry.pk])).status_code == 200


# --- carry-over page -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "status"),
    [("curator", 200), ("director", 403), ("council", 403), ("mentor", 403), ("municipal", 403)],
)
def test_carry_over_page_access(client_for, entries, name, status):
    assert client_for(name).get(reverse("banks:carry-over")).status_code == status


def test_curator_carries_the_banks_over_creating_the_next_year(client_for, cast, year):
    from apps.organizations.models import AcademicYear

    keep = mentee(cast.school, year)
    finished = mentee(cast.school, year, status="finished")
    approved = mentor(cast.school, year, director=cast.director)
    client = client_for("curator")
    body = client.get(reverse("banks:carry-over")).content.decode()
    assert "2027/2028" in body and keep.person.full_name in body
    data = {
        f"mentee_{keep.pk}": "rediagnose",
        f"mentee_{finished.pk}": "leave",
        f"mentor_{approved.pk}": "keep",
    }
    response = client.post(reverse("banks:carry-over"), data)
    assert response.status_code == 302
    next_year = AcademicYear.objects.get(start_year=2027)
    assert not next_year.is_current
    new = MenteeEntry.objects.get(year=next_year)
    assert new.person == keep.person and new.needs_rediagnosis
    assert MentorEntry.objects.filter(year=next_year, person=approved.person).exists()
    body = client.get(reverse("banks:carry-over")).content.decode()
    assert keep.person.sex == "f" and "уже перенесена" in body and "(а)" not in body
    response = client.post(reverse("banks:carry-over"), {f"mentee_{finished.pk}": "leave"})
    assert MenteeEntry.objects.filter(year=next_year).count() == 1


def test_bad_carry_over_choice_is_refused_at_the_row(client_for, cast, year):
    entry = mentee(cast.school, year)
    response = client_for("curator").post(reverse("banks:carry-over"), {f"mentee_{entry.pk}": "destroy"})
    assert response.status_code == 200
    assert "Выберите корректный вариант" in response.content.decode()


# --- export ------------------------------------------------------------------------------------


@pytest.mark.parametrize("bank", ["mentee", "mentor"])
def test_export_returns_the_filtered_bank_as_xlsx(client_for, cast, year, bank):
    pytest.importorskip("apps.banks.exports")
    openpyxl = pytest.importorskip("openpyxl")
    kept_person, other_person = marked(cast.school, "Оставленная"), marked(cast.school, "Отсеянная")
    kept = (
        mentee(cast.school, year, person=kept_person)
        if bank == "mentee"
        else mentor(cast.school, year, person=kept_person, director=cast.director)
    )
    other = (
        mentee(cast.school, year, person=other_person, status="candidate")
        if bank == "mentee"
        else mentor(cast.school, year, person=other_person, status="candidate")
    )
    status = "waiting" if bank == "mentee" else "approved"
    response = client_for("curator").get(reverse(f"banks:{bank}-list"), {"export": "xlsx", "status": status})
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(
        BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    text = " ".join(str(c) for row in workbook.active.iter_rows(values_only=True) for c in row if c)
    assert kept.person.last_name in text and other.person.last_name not in text


@pytest.mark.parametrize(("name", "status"), [("council", 403), ("psychologist", 403), ("mentor", 403)])
def test_export_is_for_the_curator_and_director_only(client_for, entries, name, status):
    response = client_for(name).get(reverse("banks:mentee-list"), {"export": "xlsx"})
    assert response.status_code == status


# --- the scan of a mentor's consent ----------------------------------------------------------------


@pytest.fixture
def consent_scan(entries):
    from django.core.files.base import ContentFile

    entry = entries["mentor"]
    entry.consent_document.save("согласие.pdf", ContentFile(b"%PDF-1.7\nscan"))
    return entry


@pytest.mark.parametrize(
    ("name", "status"),
    [("curator", 200), ("director", 403), ("council", 403), ("other_curator", 404), ("municipal", 404)],
)
def test_the_consent_scan_is_served_through_the_portal_to_those_who_may_change_the_entry(
    client_for, consent_scan, name, status
):
    response = client_for(name).get(reverse("banks:mentor-consent-document", args=[consent_scan.pk]))
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == b"%PDF-1.7\nscan"
        assert response["Content-Type"] == "application/pdf"
        assert response["Cache-Control"] == "private, no-store"


def test_the_card_links_the_scan_to_the_portal_never_into_the_storage(client_for, consent_scan):
    consent_scan.consent_signed_on = date(2026, 9, 1)
    consent_scan.save(update_fields=["consent_signed_on"])
    link = reverse("banks:mentor-consent-document", args=[consent_scan.pk])
    for url_name in ("banks:mentor-detail", "banks:mentor-edit"):
        page = client_for("curator").get(reverse(url_name, args=[consent_scan.pk])).content.decode()
        assert f'href="{link}"' in page and consent_scan.consent_document.url not in page, url_name


def test_without_a_scan_or_its_file_the_answer_is_404(client_for, entries, consent_scan):
    url = reverse("banks:mentor-consent-document", args=[entries["mentor"].pk])
    consent_scan.consent_document.storage.delete(consent_scan.consent_document.name)
    assert client_for("curator").get(url).status_code == 404
    consent_scan.consent_document = ""
    consent_scan.save(update_fields=["consent_document"])
    assert client_for("curator").get(url).status_code == 404
