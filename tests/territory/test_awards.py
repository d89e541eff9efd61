"""Awards of mentors: the director records a letter of thanks or a diploma, numbered in the
organisation's register; the PDFs name the mentor in the right grammatical case."""

import re
import subprocess
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.core.exceptions import DomainError
from apps.territory import services
from apps.territory.models import Award
from tests.factories import pairs as f

pytestmark = pytest.mark.django_db


def _pdf(response) -> str:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=response.content, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().split())


def _page_size(content: bytes) -> str:
    info = subprocess.run(["pdfinfo", "-"], input=content, capture_output=True, check=True).stdout.decode()
    return next(line for line in info.splitlines() if line.startswith("Page size")), next(
        line for line in info.splitlines() if line.startswith("Pages")
    )


@pytest.fixture
def mentor(cast, year):
    return f.mentor_entry(
        cast.school,
        year,
        user=cast.mentor,
        last_name="Морозова",
        first_name="Татьяна",
        patronymic="Сергеевна",
        sex="f",
        name_dative="Морозовой Татьяне Сергеевне",
    ).person


def _issue(
    cast,
    person,
    kind=Award.Kind.DIPLOMA,
    on=date(2026, 11, 20),
    reason="за вклад в адаптацию молодых педагогов",
):
    return services.award_issue(
        organization=cast.school, person=person, kind=kind, reason=reason, on=on, user=cast.director
    )


def test_awards_are_numbered_in_the_organisations_register_per_year(cast, mentor):
    assert _issue(cast, mentor).number == 1
    assert _issue(cast, mentor, kind=Award.Kind.LETTER).number == 2
    assert _issue(cast, mentor, on=date(2025, 12, 1)).number == 1


def test_award_keeps_the_directors_signature(cast, mentor):
    award = _issue(cast, mentor)
    assert award.signer_name == "Н. В. Кузнецова" and award.issued_by == cast.director


def test_only_a_mentor_of_the_organisation_is_awarded(cast, year):
    teacher = f.person(cast.school)
    with pytest.raises(DomainError, match="нет в банке наставников"):
        _issue(cast, teacher)
    stranger = f.mentor_entry(cast.other_school, year).person
    with pytest.raises(DomainError, match="другой организации"):
        _issue(cast, stranger)
    candidate = f.mentor_entry(cast.school, year, status="candidate").person
    with pytest.raises(DomainError, match="нет в банке наставников"):
        _issue(cast, candidate)


def test_an_award_needs_a_reason_and_a_date_not_in_the_future(cast, mentor):
    with pytest.raises(DomainError, match="за что"):
        _issue(cast, mentor, reason="  <b> </b> ")
    with pytest.raises(DomainError, match="в будущем"):
        _issue(cast, mentor, on=timezone.localdate() + timedelta(days=1))


def test_diploma_is_a_landscape_page_naming_the_mentor(cast, mentor, client_for):
    award = _issue(cast, mentor)
    response = client_for("director").get(reverse("territory:award-pdf", args=[award.pk]))
    text = _pdf(response)
    assert "ГРАМОТА" in text and "награждается" in text and "Морозова Татьяна Сергеевна" in text
    assert "за вклад в адаптацию молодых педагогов" in text and "Н. В. Кузнецова" in text
    assert re.search(r"№\s?1\b", text)
    size, pages = _page_size(response.content)
    assert "841.89 x 595.27" in size and pages.split()[-1] == "1"


def test_letter_of_thanks_names_the_mentor_in_the_dative(cast, mentor, client_for):
    award = _issue(cast, mentor, kind=Award.Kind.LETTER)
    text = _pdf(client_for("mentor").get(reverse("territory:award-pdf", args=[award.pk])))
    assert "БЛАГОДАРСТВЕННОЕ ПИСЬМО" in text and "Морозовой Татьяне Сергеевне" in text
    assert (
        "Уважаемая Татьяна Сергеевна!" in text
        and "благодарность за вклад в адаптацию молодых педагогов." in text
    )


def test_director_records_an_award_in_the_browser(cast, mentor, client_for):
    client = client_for("director")
    url = reverse("territory:award-create")
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"person": mentor.pk, "kind": "diploma", "reason": "за наставничество", "on": "2026-11-20"}
    )
    assert response.status_code == 302
    award = Award.objects.get(person=mentor)
    page = client.get(reverse("territory:documents")).content.decode()
    assert reverse("territory:award-pdf", args=[award.pk]) in page


def test_a_future_date_is_refused_at_the_field(cast, mentor, client_for):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client_for("director").post(
        reverse("territory:award-create"),
        {"person": mentor.pk, "kind": "letter", "reason": "за наставничество", "on": tomorrow.isoformat()},
    )
    assert response.status_code == 200 and "не может быть в будущем" in response.content.decode()
    assert not Award.objects.exists()


def test_the_award_form_offers_only_the_organisations_mentors(cast, mentor, year, client_for):
    stranger = f.mentor_entry(cast.other_school, year).person
    response = client_for("director").post(
        reverse("territory:award-create"),
        {"person": stranger.pk, "kind": "letter", "reason": "за наставничество", "on": "2026-11-20"},
    )
    assert response.status_code == 200 and not Award.objects.exists()


def test_award_rights(cast, mentor, client_for):
    url = reverse("territory:award-create")
    for role in ("curator", "mentor", "council"):
        assert client_for(role).get(url).status_code == 403
    assert client_for("curator").post(url, {}).status_code == 403
    award = _issue(cast, mentor)
    pdf = reverse("territory:award-pdf", args=[award.pk])
    for role in ("director", "curator", "mentor"):
        assert client_for(role).get(pdf).status_code == 200
    for role in ("mentee", "council", "psychologist"):
        assert client_for(role).get(pdf).status_code == 403
    for role in ("other_curator", "other_teacher", "far_curator", "nobody"):
        assert client_for(role).get(pdf).status_code == 404


def test_awards_are_listed_on_the_mentor_bank_card(cast, mentor, client_for):
    _issue(cast, mentor, reason="за подготовку молодого учителя к конкурсу")
    entry = mentor.mentor_entries.get()
    page = client_for("curator").get(reverse("banks:mentor-detail", args=[entry.pk])).content.decode()
    assert "за подготовку молодого учителя к конкурсу" in page and "Грамота № 1" in page
