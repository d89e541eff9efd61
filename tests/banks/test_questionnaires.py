"""The teachers' own questionnaires: they land in the banks as candidates for the curator."""

import pytest
from django.urls import reverse

from apps.banks import services
from apps.banks.models import Area, Level, MenteeEntry, MentorEntry
from apps.core.exceptions import DomainError
from tests.factories.banks import StaffPersonFactory, withdraw_consent

pytestmark = pytest.mark.django_db


def _mentee_post(**overrides):
    data = {
        "category": MenteeEntry.Category.YOUNG,
        "request": "Не получается удерживать дисциплину на уроках в 7 «Б», хочу научиться работать с родителями.",
        "level_psychological": "3",
        "comment_psychological": "дисциплина, родительские собрания",
        "level_methodical": "2",
        "comment_methodical": "",
    }
    data.update(overrides)
    return data


def _mentor_post(**overrides):
    data = {
        "pedagogical_experience_years": "18",
        "mentoring_experience": "Сопровождала двух молодых учителей математики в 2023–2025 годах.",
        "confirmed_results": "Высшая категория; призёры регионального этапа ВсОШ по математике.",
        "motivation": "Хочу помочь молодым коллегам не уйти из профессии в первый год.",
        "max_mentees": "2",
        "preferred_forms": ["teacher_teacher", "teacher_group"],
        "meeting_format": "mixed",
        "ready_for_training": "yes",
        "level_methodical": "3",
        "comment_methodical": "подготовка к ОГЭ, формирующее оценивание",
        "level_ict": "2",
    }
    data.update(overrides)
    return data


def test_teachers_want_a_mentor_questionnaire_lands_as_a_candidate(client_for, cast, card_of, year):
    card = card_of("mentee")
    client = client_for("mentee")
    assert client.get(reverse("banks:questionnaire-mentee")).status_code == 200

    response = client.post(reverse("banks:questionnaire-mentee"), _mentee_post())

    assert response.status_code == 302 and response.url == reverse("banks:my")
    entry = MenteeEntry.objects.get(person=card, year=year)
    assert entry.status == MenteeEntry.Status.CANDIDATE
    assert entry.source == MenteeEntry.Source.SELF
    assert entry.created_by == cast.mentee
    assert "дисциплину" in entry.request
    assert dict(entry.difficulties.values_list("area", "level")) == {
        Area.PSYCHOLOGICAL: Level.HIGH,
        Area.METHODICAL: Level.MEDIUM,
    }
    body = client.get(reverse("banks:my")).content.decode()
    assert "заявка на рассмотрении" in body


def test_ready_to_mentor_questionnaire_keeps_every_answer(client_for, cast, card_of, year):
    card = card_of("mentor")
    client = client_for("mentor")

    response = client.post(reverse("banks:questionnaire-mentor"), _mentor_post())

    assert response.status_code == 302
    entry = MentorEntry.objects.get(person=card, year=year)
    assert entry.status == MentorEntry.Status.CANDIDATE
    assert entry.source == MentorEntry.Source.SELF
    assert entry.max_mentees == 2
    assert entry.preferred_forms == ["teacher_teacher", "teacher_group"]
    assert "ВсОШ" in entry.confirmed_results
    answers = entry.questionnaire
    assert answers["pedagogical_experience_years"] == 18
    assert answers["meeting_format"] == "mixed" and answers["ready_for_training"] is True
    assert {s["area"]: s["level"] for s in answers["strengths"]} == {"methodical": 3, "ict": 2}
    assert dict(entry.strengths.values_list("area", "level")) == {Area.METHODICAL: 3, Area.ICT: 2}


def test_questionnaire_may_be_sent_again_until_the_curator_reviews_it(client_for, cast, card_of, year):
    card = card_of("mentee")
    client = client_for("mentee")
    client.post(reverse("banks:questionnaire-mentee"), _mentee_post())
    client.post(
        reverse("banks:questionnaire-mentee"),
        _mentee_post(level_psychological="", comment_psychological="", level_ict="1", request="Новый запрос"),
    )
    entry = MenteeEntry.objects.get(person=card, year=year)
    assert entry.request == "Новый запрос"
    assert dict(entry.difficulties.values_list("area", "level")) == {Area.METHODICAL: 2, Area.ICT: 1}

    services.mentee_entry_accept(entry=entry, user=cast.curator)
    with pytest.raises(DomainError, match="уже в банке наставляемых"):
        services.mentee_questionnaire_submit(
            person=card,
            year=year,
            user=cast.mentee,
            category="young",
            request="ещё",
            difficulties=[services.AreaMark(Area.ICT, 2)],
        )
    response = client.get(reverse("banks:questionnaire-mentee"))
    assert response.status_code == 302


def test_empty_self_diagnosis_is_refused_at_the_form(client_for, card_of, year):
    card_of("mentee")
    data = _mentee_post(level_psychological="", level_methodical="", comment_psychological="")
    response = client_for("mentee").post(reverse("banks:questionnaire-mentee"), data)
    assert response.status_code == 200
    assert "Отметьте хотя бы одно направление" in response.content.decode()
    assert not MenteeEntry.objects.exists()


def test_comment_without_level_is_refused_at_its_row(client_for, card_of, year):
    card_of("mentee")
    data = _mentee_post(level_ict="", comment_ict="интерактивная доска")
    response = client_for("mentee").post(reverse("banks:questionnaire-mentee"), data)
    assert response.status_code == 200
    assert "Укажите уровень или очистите комментарий" in response.content.decode()


def test_max_mentees_over_ten_is_refused_at_the_field(client_for, card_of, year):
    card_of("mentor")
    response = client_for("mentor").post(
        reverse("banks:questionnaire-mentor"), _mentor_post(max_mentees="12")
    )
    assert response.status_code == 200
    assert "Не больше десяти наставляемых" in response.content.decode()
    assert not MentorEntry.objects.exists()


def test_teacher_without_a_consent_gets_a_message_not_an_entry(client_for, card_of, year):
    card = card_of("mentee")
    withdraw_consent(card)
    response = client_for("mentee").post(reverse("banks:questionnaire-mentee"), _mentee_post())
    assert response.status_code == 200
    assert "согласия на обработку персональных данных" in response.content.decode()
    assert not MenteeEntry.objects.exists()


def test_teacher_without_a_staff_card_cannot_fill_a_questionnaire(client_for, cast, year):
    client = client_for("mentee")
    assert client.get(reverse("banks:questionnaire-mentee")).status_code == 403
    assert client.post(reverse("banks:questionnaire-mentor"), _mentor_post()).status_code == 403
    body = client.get(reverse("banks:my")).content.decode()
    assert "не связана с карточкой педагога" in body


def test_card_in_another_organisation_does_not_count(client_for, cast, year):
    StaffPersonFactory(organization=cast.other_school, user=cast.mentee)
    assert client_for("mentee").get(reverse("banks:questionnaire-mentee")).status_code == 403


def test_questionnaire_is_filled_only_by_the_teacher_themself(cast, card_of, year):
    card = card_of("mentee")
    with pytest.raises(DomainError, match="сам педагог"):
        services.mentee_questionnaire_submit(
            person=card,
            year=year,
            user=cast.curator,
            category="young",
            request="…",
            difficulties=[services.AreaMark(Area.ICT, 2)],
        )


def test_reverse_mentoring_teacher_fills_both_questionnaires(client_for, cast, card_of, year):
    card = card_of("two_roles")
    client = client_for("two_roles")
    assert client.post(reverse("banks:questionnaire-mentee"), _mentee_post()).status_code == 302
    assert client.post(reverse("banks:questionnaire-mentor"), _mentor_post()).status_code == 302
    assert MenteeEntry.objects.filter(person=card, year=year).exists()
    assert MentorEntry.objects.filter(person=card, year=year).exists()


def test_curator_accepts_and_rejects_requests_from_the_detail_page(client_for, cast, card_of, year):
    card = card_of("mentee")
    client_for("mentee").post(reverse("banks:questionnaire-mentee"), _mentee_post())
    entry = MenteeEntry.objects.get(person=card)
    curator = client_for("curator")

    body = curator.get(reverse("banks:mentee-detail", args=[entry.pk])).content.decode()
    assert "Принять в банк" in body

    response = curator.post(reverse("banks:mentee-reject", args=[entry.pk]), {"comment": ""})
    entry.refresh_from_db()
    assert response.status_code == 302 and entry.status == "candidate"

    curator.post(reverse("banks:mentee-reject", args=[entry.pk]), {"comment": "Запрос снят педагогом"})
    entry.refresh_from_db()
    assert entry.status == "rejected" and entry.review_comment == "Запрос снят педагогом"
    body = client_for("mentee").get(reverse("banks:my")).content.decode()
    assert "Запрос снят педагогом" in body and "заявка отклонена" in body


def test_curator_accepts_a_request_and_the_mentee_waits(client_for, cast, card_of, year):
    card = card_of("mentee")
    client_for("mentee").post(reverse("banks:questionnaire-mentee"), _mentee_post())
    entry = MenteeEntry.objects.get(person=card)
    client_for("curator").post(reverse("banks:mentee-accept", args=[entry.pk]), {"comment": ""})
    entry.refresh_from_db()
    assert entry.status == MenteeEntry.Status.WAITING


def test_teacher_without_any_role_yet_fills_a_questionnaire_by_their_staff_card(client_for, cast, year):
    card = StaffPersonFactory(organization=cast.school, user=cast.nobody)
    client = client_for("nobody")
    assert "Хочу наставника" in client.get(reverse("banks:my")).content.decode()
    assert client.post(reverse("banks:questionnaire-mentee"), _mentee_post()).status_code == 302
    entry = MenteeEntry.objects.get(person=card)
    assert entry.organization == cast.school and entry.status == MenteeEntry.Status.CANDIDATE
    assert client.get(reverse("banks:mentee-detail", args=[entry.pk])).status_code == 200
