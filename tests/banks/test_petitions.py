"""Applications (заявления) into the banks: filed by the teacher or entered by the curator from paper,
printed for signature, decided once by the curator, and named as the basis of the pairs order."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from apps.banks import petitions, services
from apps.banks.documents import petition_pdf
from apps.banks.models import Area, MenteeEntry, MentorEntry, Petition
from apps.core.exceptions import DomainError
from apps.orders.documents import render_order_pdf
from apps.pairs import services as pair_services
from apps.staff.models import Position
from tests.factories import banks as bf
from tests.factories import pairs as pf
from tests.factories.banks import StaffPersonFactory
from tests.pdf_pages import flat_text, page_text, pdf_pages

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _mentee_post(**overrides):
    data = {
        "kind": "mentee",
        "text": "Трудно удерживать дисциплину на уроках в 7 «Б» и готовить родительские собрания.",
        "areas": ["psychological", "methodical"],
        "category": "young",
        "mentoring_form": "teacher_teacher",
        "max_mentees": "",
    }
    data.update(overrides)
    return data


def _mentor_post(**overrides):
    data = {
        "kind": "mentor",
        "text": "Восемнадцать лет преподаю математику, высшая категория; готова сопровождать молодых коллег.",
        "areas": ["methodical", "ict"],
        "category": "",
        "mentoring_form": "",
        "max_mentees": "2",
    }
    data.update(overrides)
    return data


def _file(person, user, **overrides):
    values = {
        "user": user,
        "person": person,
        "year": overrides.pop("year"),
        "kind": Petition.Kind.MENTEE,
        "text": "Нужна помощь в подготовке к урокам.",
        "areas": [Area.METHODICAL],
        "category": MenteeEntry.Category.YOUNG,
    }
    values.update(overrides)
    return petitions.petition_file(**values)


# --- filing ------------------------------------------------------------------------------------


def test_teacher_files_own_application_from_the_account(client_for, cast, card_of, year):
    card = card_of("mentee")
    client = client_for("mentee")
    assert client.get(reverse("banks:petition-new")).status_code == 200

    response = client.post(reverse("banks:petition-new"), _mentee_post())

    petition = Petition.objects.get(person=card)
    assert response.status_code == 302 and response.url == reverse(
        "banks:petition-detail", args=[petition.pk]
    )
    assert petition.channel == Petition.Channel.ACCOUNT
    assert petition.status == Petition.Status.SUBMITTED
    assert petition.filed_on == timezone.localdate()
    assert petition.year == year and petition.organization == cast.school
    assert petition.areas == ["psychological", "methodical"]
    assert petition.filed_by == cast.mentee
    assert "ждёт решения" in client.get(reverse("banks:my-petitions")).content.decode()


def test_crafted_post_cannot_file_for_someone_else(client_for, cast, card_of, year):
    card_of("mentee")
    other = StaffPersonFactory(organization=cast.school, last_name="Чужая")
    response = client_for("mentee").post(
        reverse("banks:petition-new"), {**_mentee_post(), "person": other.pk}
    )
    assert not Petition.objects.filter(person=other).exists()
    assert response.status_code == 302  # the field is ignored: the application is the teacher's own
    with pytest.raises(DomainError, match="подаёт сам педагог"):
        _file(other, cast.mentee, year=year)


def test_curator_of_another_school_cannot_enter_a_paper_application(cast, year):
    person = StaffPersonFactory(organization=cast.school)
    with pytest.raises(DomainError, match="вносит куратор его организации"):
        _file(person, cast.other_curator, year=year, filed_on=date(2026, 9, 1))
    assert not Petition.objects.exists()


def test_crafted_paper_post_with_a_foreign_person_is_refused_at_the_field(client_for, cast, year):
    foreign = StaffPersonFactory(organization=cast.other_school)
    data = {**_mentee_post(), "person": foreign.pk, "filed_on": "2026-09-01"}
    response = client_for("curator").post(reverse("banks:petition-paper"), data)
    assert response.status_code == 200
    assert not Petition.objects.exists()


def test_curator_enters_a_paper_application_with_its_scan(client_for, cast, year):
    person = StaffPersonFactory(organization=cast.school, last_name="Бумажная")
    data = {
        **_mentor_post(),
        "person": person.pk,
        "filed_on": "2026-09-03",
        "scan": SimpleUploadedFile("заявление.png", PNG, content_type="image/png"),
    }
    response = client_for("curator").post(reverse("banks:petition-paper"), data)

    petition = Petition.objects.get(person=person)
    assert response.status_code == 302
    assert petition.channel == Petition.Channel.PAPER
    assert petition.filed_on == date(2026, 9, 3)
    assert petition.filed_by == cast.curator
    assert petition.scan.name.endswith(".png")
    scan = client_for("curator").get(reverse("banks:petition-scan", args=[petition.pk]))
    assert scan.status_code == 200 and scan["Content-Type"] == "image/png"


def test_paper_application_needs_its_date_and_no_future_one(cast, year):
    person = StaffPersonFactory(organization=cast.school)
    with pytest.raises(DomainError, match="Укажите дату"):
        _file(person, cast.curator, year=year)
    with pytest.raises(DomainError, match="в будущем"):
        _file(person, cast.curator, year=year, filed_on=timezone.localdate() + timedelta(days=1))


def test_a_scan_that_is_not_a_scan_is_refused(cast, year):
    person = StaffPersonFactory(organization=cast.school)
    fake = SimpleUploadedFile("скан.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(DomainError) as error:
        _file(person, cast.curator, year=year, filed_on=date(2026, 9, 1), scan=fake)
    assert error.value.field == "scan"
    assert not Petition.objects.exists()


def test_empty_text_no_areas_and_no_category_are_refused(cast, card_of, year):
    card = card_of("mentee")
    with pytest.raises(DomainError, match="текст заявления"):
        _file(card, cast.mentee, year=year, text="   ")
    with pytest.raises(DomainError, match="хотя бы одно направление"):
        _file(card, cast.mentee, year=year, areas=[])
    with pytest.raises(DomainError, match="категорию"):
        _file(card, cast.mentee, year=year, category="")
    with pytest.raises(DomainError, match="от 1 до 10"):
        _file(card, cast.mentee, year=year, kind=Petition.Kind.MENTOR, max_mentees=11)


def test_without_a_consent_no_application(cast, year):
    person = StaffPersonFactory(organization=cast.school, consent=False)
    with pytest.raises(DomainError, match="согласи"):
        _file(person, cast.curator, year=year, filed_on=date(2026, 9, 1))


def test_one_open_application_of_a_kind_per_person_and_year(cast, card_of, year):
    card = card_of("mentee")
    _file(card, cast.mentee, year=year)
    with pytest.raises(DomainError, match="уже подано"):
        _file(card, cast.mentee, year=year)
    # Another kind is another application.
    _file(card, cast.mentee, year=year, kind=Petition.Kind.MENTOR, max_mentees=1, category="")
    # The database holds the rule under a race too.
    first = Petition.objects.get(person=card, kind=Petition.Kind.MENTEE)
    with pytest.raises(IntegrityError), transaction.atomic():
        Petition.objects.create(
            kind=first.kind,
            organization=first.organization,
            year=year,
            person=card,
            text="ещё",
            filed_on=first.filed_on,
            channel=first.channel,
        )


def test_after_a_decline_a_new_application_may_be_filed(cast, card_of, year):
    card = card_of("mentee")
    petition = _file(card, cast.mentee, year=year)
    petitions.petition_decline(petition=petition, user=cast.curator, reason="Сначала пройдите диагностику")
    assert _file(card, cast.mentee, year=year).status == Petition.Status.SUBMITTED


def test_closed_bank_entry_of_the_year_refuses_a_new_application(cast, year):
    entry = bf.mentee(cast.school, year, status="left")
    with pytest.raises(DomainError, match="уже закрыта"):
        _file(entry.person, cast.curator, year=year, filed_on=date(2026, 9, 1))


# --- the decision ------------------------------------------------------------------------------


def test_accepting_a_mentee_application_creates_the_entry_once(cast, card_of, year):
    card = card_of("mentee")
    petition = _file(card, cast.mentee, year=year, areas=[Area.ICT, Area.METHODICAL])

    petition = petitions.petition_accept(petition=petition, user=cast.curator)

    entry = MenteeEntry.objects.get(person=card, year=year)
    assert petition.status == Petition.Status.ACCEPTED and petition.mentee_entry == entry
    assert entry.status == MenteeEntry.Status.WAITING
    assert entry.request == petition.text
    assert set(entry.difficulties.values_list("area", flat=True)) == {Area.ICT, Area.METHODICAL}
    assert petition.decided_by == cast.curator and petition.decided_at is not None
    with pytest.raises(DomainError, match="уже рассмотрено"):
        petitions.petition_accept(petition=petition, user=cast.curator)
    assert MenteeEntry.objects.filter(person=card).count() == 1


def test_accepting_links_the_teachers_questionnaire_and_accepts_it(cast, card_of, year):
    card = card_of("mentee")
    questionnaire = services.mentee_questionnaire_submit(
        person=card,
        year=year,
        user=cast.mentee,
        category="young",
        request="Анкета",
        difficulties=[services.AreaMark(Area.ICT, 2)],
    )
    petition = petitions.petition_accept(petition=_file(card, cast.mentee, year=year), user=cast.curator)
    questionnaire.refresh_from_db()
    assert petition.mentee_entry == questionnaire
    assert questionnaire.status == MenteeEntry.Status.WAITING
    assert MenteeEntry.objects.filter(person=card).count() == 1


def test_accepting_a_mentor_application_makes_a_candidate_for_the_director(cast, card_of, year):
    card = card_of("mentor")
    petition = _file(
        card,
        cast.mentor,
        year=year,
        kind=Petition.Kind.MENTOR,
        category="",
        max_mentees=3,
        areas=[Area.SUBJECT],
    )
    petition = petitions.petition_accept(petition=petition, user=cast.curator)
    entry = petition.mentor_entry
    assert entry.status == MentorEntry.Status.CANDIDATE  # the director still approves, with the consent
    assert entry.max_mentees == 3 and entry.motivation == petition.text
    assert list(entry.strengths.values_list("area", flat=True)) == [Area.SUBJECT]


def test_an_existing_mentor_entry_is_linked_not_duplicated(cast, year):
    entry = pf.mentor_entry(cast.school, year)
    petition = _file(
        entry.person,
        cast.curator,
        year=year,
        kind=Petition.Kind.MENTOR,
        category="",
        max_mentees=2,
        filed_on=date(2026, 9, 1),
    )
    assert petitions.petition_accept(petition=petition, user=cast.curator).mentor_entry == entry
    assert MentorEntry.objects.filter(person=entry.person).count() == 1


def test_only_the_curator_of_the_school_decides(cast, card_of, year):
    petition = _file(card_of("mentee"), cast.mentee, year=year)
    for user in (cast.director, cast.mentee, cast.other_curator, cast.council):
        with pytest.raises(DomainError, match="куратор организации"):
            petitions.petition_accept(petition=petition, user=user)
        with pytest.raises(DomainError, match="куратор организации"):
            petitions.petition_decline(petition=petition, user=user, reason="нет")
    petition.refresh_from_db()
    assert petition.status == Petition.Status.SUBMITTED


def test_decline_needs_a_reason_and_is_final(client_for, cast, card_of, year):
    petition = _file(card_of("mentee"), cast.mentee, year=year)
    with pytest.raises(DomainError, match="Укажите причину"):
        petitions.petition_decline(petition=petition, user=cast.curator, reason="  ")
    client = client_for("curator")
    client.post(reverse("banks:petition-decline", args=[petition.pk]), {"comment": ""})
    petition.refresh_from_db()
    assert petition.status == Petition.Status.SUBMITTED

    client.post(
        reverse("banks:petition-decline", args=[petition.pk]), {"comment": "Нет вакантных наставников"}
    )
    petition.refresh_from_db()
    assert petition.status == Petition.Status.DECLINED
    assert petition.decline_reason == "Нет вакантных наставников"
    assert not MenteeEntry.objects.exists()
    # Decided: the buttons are gone, and a replayed POST is refused.
    assert client.post(reverse("banks:petition-accept", args=[petition.pk])).status_code == 403
    with pytest.raises(IntegrityError), transaction.atomic():
        Petition.objects.filter(pk=petition.pk).update(decline_reason="")


def test_accept_view_is_the_curators_and_refuses_other_schools(client_for, cast, card_of, year):
    petition = _file(card_of("mentee"), cast.mentee, year=year)
    url = reverse("banks:petition-accept", args=[petition.pk])
    assert client_for("mentee").post(url).status_code == 403
    assert client_for("director").post(url).status_code == 403
    assert client_for("other_curator").post(url).status_code == 404
    assert client_for("curator").post(url).status_code == 302
    petition.refresh_from_db()
    assert petition.status == Petition.Status.ACCEPTED


def test_pages_and_pdf_are_hidden_from_other_teachers_and_schools(client_for, cast, card_of, year):
    petition = _file(card_of("mentee"), cast.mentee, year=year)
    for view in ("banks:petition-detail", "banks:petition-pdf"):
        url = reverse(view, args=[petition.pk])
        assert client_for("mentee").get(url).status_code == 200
        assert client_for("curator").get(url).status_code == 200
        assert client_for("mentor").get(url).status_code == 403
        assert client_for("other_curator").get(url).status_code == 404
        assert client_for(None).get(url).status_code == 302


def test_curator_list_filters_and_shows_the_waiting_first(
    client_for, cast, card_of, year, django_assert_max_num_queries
):
    waiting = _file(card_of("mentee"), cast.mentee, year=year)
    decided = _file(
        StaffPersonFactory(organization=cast.school), cast.curator, year=year, filed_on=date(2026, 9, 1)
    )
    petitions.petition_decline(petition=decided, user=cast.curator, reason="Дубликат")
    _file(
        StaffPersonFactory(organization=cast.other_school, last_name="Чужакова"),
        cast.other_curator,
        year=year,
        filed_on=date(2026, 9, 1),
    )
    client = client_for("curator")
    with django_assert_max_num_queries(20):
        body = client.get(reverse("banks:petition-list")).content.decode()
    assert body.index(waiting.person.full_name) < body.index(decided.person.full_name)
    assert "Чужакова" not in body
    filtered = client.get(reverse("banks:petition-list") + "?status=declined").content.decode()
    assert decided.person.full_name in filtered and waiting.person.full_name not in filtered
    assert client_for("mentor").get(reverse("banks:petition-list")).status_code == 403


def test_dashboard_inbox_shows_the_waiting_applications_to_the_curator(client_for, cast, card_of, year):
    petition = _file(card_of("mentee"), cast.mentee, year=year)
    body = client_for("curator").get(reverse("accounts:dashboard")).content.decode()
    assert "Заявления о наставнике" in body
    assert reverse("banks:petition-detail", args=[petition.pk]) in body


# --- the document ------------------------------------------------------------------------------


def _pdf_text(petition) -> str:
    return flat_text(" ".join(page_text(page) for page in pdf_pages(petition_pdf(petition))))


def test_mentee_application_pdf_is_addressed_in_the_right_cases(cast, year):
    cast.school.director_name = "Кузнецова Наталья Викторовна"
    cast.school.director_position = "Директор"
    cast.school.save()
    position, _ = Position.objects.get_or_create(name="Учитель")
    person = StaffPersonFactory(
        organization=cast.school,
        last_name="Иванова",
        first_name="Анна",
        patronymic="Петровна",
        position=position,
    )
    petition = _file(person, cast.curator, year=year, filed_on=date(2026, 9, 1))
    text = _pdf_text(petition)
    assert "Директору" in text
    assert "Кузнецовой Н. В." in text
    assert "от учителя Ивановой Анны Петровны" in text
    assert "ЗАЯВЛЕНИЕ" in text
    assert f"Прошу закрепить за мной наставника на {year.label} учебный год" in text
    assert "1 сентября 2026 г." in text
    assert "А. П. Иванова" in text


def test_mentor_application_pdf_agrees_with_the_teacher(cast, year):
    person = StaffPersonFactory(
        organization=cast.school, last_name="Петров", first_name="Олег", patronymic="Ильич", sex="m"
    )
    petition = _file(
        person,
        cast.curator,
        year=year,
        kind=Petition.Kind.MENTOR,
        category="",
        max_mentees=1,
        filed_on=date(2026, 9, 2),
    )
    text = _pdf_text(petition)
    assert "от Петрова Олега Ильича" in text
    assert "Прошу включить меня в базу наставников" in text
    assert "Готов сопровождать одновременно до 1 наставляемого" in text


# --- the order that follows --------------------------------------------------------------------


def test_the_pairs_order_names_the_application_as_its_basis(cast, year):
    mentee_person = pf.person(
        cast.school, last_name="Иванова", first_name="Анна", patronymic="Петровна", sex="f"
    )
    petition = _file(mentee_person, cast.curator, year=year, filed_on=date(2026, 9, 1))
    petition = petitions.petition_accept(petition=petition, user=cast.curator)
    mentor = pf.mentor_entry(cast.school, year)
    group = pair_services.group_create(
        **pf.group_kwargs(cast.school, year, mentor, [petition.mentee_entry]), created_by=cast.curator
    )
    order = pair_services.groups_submit_to_order(groups=[group], user=cast.curator)

    assert "и заявления Ивановой Анны Петровны от 01.09.2026" in order.preamble
    text = flat_text(" ".join(page_text(page) for page in pdf_pages(render_order_pdf(order))))
    assert "заявления Ивановой Анны Петровны от 01.09.2026" in text


def test_an_order_without_applications_names_none(cast, year):
    mentor = pf.mentor_entry(cast.school, year)
    mentee = pf.mentee_entry(cast.school, year)
    group = pair_services.group_create(
        **pf.group_kwargs(cast.school, year, mentor, [mentee]), created_by=cast.curator
    )
    order = pair_services.groups_submit_to_order(groups=[group], user=cast.curator)
    assert "заявлени" not in order.preamble


def test_several_applications_are_named_together(cast, year):
    people = []
    for last_name in ("Иванова", "Смирнова"):
        person = pf.person(
            cast.school, last_name=last_name, first_name="Анна", patronymic="Петровна", sex="f"
        )
        petition = petitions.petition_accept(
            petition=_file(person, cast.curator, year=year, filed_on=date(2026, 9, 1)), user=cast.curator
        )
        people.append(petition.mentee_entry)
    mentor = pf.mentor_entry(cast.school, year)
    mentor_petition = _file(
        mentor.person,
        cast.curator,
        year=year,
        kind=Petition.Kind.MENTOR,
        category="",
        max_mentees=2,
        filed_on=date(2026, 9, 2),
    )
    petitions.petition_accept(petition=mentor_petition, user=cast.curator)
    group = pair_services.group_create(
        **pf.group_kwargs(cast.school, year, mentor, people), created_by=cast.curator
    )
    order = pair_services.groups_submit_to_order(groups=[group], user=cast.curator)
    assert (
        "и заявлений Ивановой Анны Петровны от 01.09.2026, Смирновой Анны Петровны от 01.09.2026, "
        in order.preamble
    )
    assert "от 02.09.2026" in order.preamble


# --- personal data -----------------------------------------------------------------------------


def test_subject_data_answer_lists_the_applications(cast, card_of, year):
    from apps.banks.subject_data import sections

    card = card_of("mentee")
    _file(card, cast.mentee, year=year)
    section = next(s for s in sections(person=card) if s.title == "Заявления")
    assert len(section.rows) == 1


def test_erasure_clears_the_words_and_the_scan_but_keeps_the_decision(cast, year):
    from apps.banks.erasure import ERASED_REASON, erase

    person = StaffPersonFactory(organization=cast.school)
    scan = SimpleUploadedFile("заявление.png", PNG, content_type="image/png")
    petition = _file(person, cast.curator, year=year, filed_on=date(2026, 9, 1), scan=scan)
    petitions.petition_decline(
        petition=petition, user=cast.curator, reason=f"Ошибка в заявлении {person.last_name}"
    )

    erasure = erase(person=person, user=cast.curator)

    petition.refresh_from_db()
    assert petition.text == "" and not petition.scan
    assert petition.decline_reason == ERASED_REASON
    assert petition.status == Petition.Status.DECLINED
    assert any(name.endswith(".png") for name in erasure.files)


def test_the_entry_card_names_the_application_it_came_from(client_for, cast, card_of, year):
    card = card_of("mentee")
    petition = petitions.petition_accept(petition=_file(card, cast.mentee, year=year), user=cast.curator)
    url = reverse("banks:mentee-detail", args=[petition.mentee_entry.pk])
    link = reverse("banks:petition-detail", args=[petition.pk])
    assert link in client_for("curator").get(url).content.decode()
    council = client_for("council").get(url).content.decode()
    assert f"от {petition.filed_on:%d.%m.%Y}" in council and link not in council


def test_inbox_reads_questionnaires_and_applications_in_one_query(cast, year, django_assert_num_queries):
    from apps.accounts import inbox
    from apps.banks.inbox import _curator_groups

    candidates = [pf.mentee_entry(cast.school, year, status="candidate") for _ in range(3)]
    waiting = [
        _file(
            pf.person(cast.school, last_name=f"Ждущая{n}"),
            cast.curator,
            year=year,
            filed_on=date(2026, 9, 1 + n),
        )
        for n in range(4)
    ]
    decided = _file(pf.person(cast.school), cast.curator, year=year, filed_on=date(2026, 9, 1))
    petitions.petition_decline(petition=decided, user=cast.curator, reason="Дубликат")
    _file(pf.person(cast.other_school), cast.other_curator, year=year, filed_on=date(2026, 9, 1))
    with django_assert_num_queries(1):
        entries, applications = _curator_groups(organization=cast.school, limit=2)
    assert entries.count == 3 and applications.count == 4
    assert [i.url for i in entries.items] == [
        reverse("banks:mentee-detail", args=[e.pk]) for e in candidates[:2]
    ]
    assert [i.url for i in applications.items] == [
        reverse("banks:petition-detail", args=[p.pk]) for p in waiting[:2]
    ]
    assert applications.items[0].label.startswith("Ждущая0")
    keys = {
        g.key
        for g in inbox.collect(
            user=cast.curator, organization=cast.school, roles=cast.curator.roles_in(cast.school)
        )
    }
    assert {"banks.mentee_candidates", "banks.petitions"} <= keys
