"""The public page «Наставничество» (seed 001 §8.1): the approved Regulation as a PDF, the normative base
and methodical recommendations, and only the bank programs the curator put on the page."""

import subprocess

import pytest
from django.urls import reverse

from apps.core.exceptions import DomainError
from apps.orders.services import order_send_for_signature, order_sign
from apps.programs import services as program_services
from apps.programs.models import ProgramTemplate
from apps.public import normative
from apps.territory import services as territory_services

pytestmark = pytest.mark.django_db


def _page(client, org):
    return client.get(reverse("public:page", args=[org.slug])).content.decode()


def _pdf_text(content: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=content, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().split())


def _template(org, title, *, public=False, sections=None):
    return ProgramTemplate.objects.create(
        organization=org,
        title=title,
        months=6,
        sections=sections or {"goal": "Освоить цифровые сервисы."},
        on_public_page=public,
    )


def _approve(org, cast):
    regulation = territory_services.regulation_start(organization=org, user=cast.curator)
    order = territory_services.regulation_order_create(regulation=regulation, user=cast.curator)
    order_send_for_signature(order=order, user=cast.curator)
    order_sign(order=order, director=cast.director)
    return regulation


def test_page_lists_the_federal_base_and_the_methodical_recommendations(client_for, cast):
    page = _page(client_for(None), cast.school)
    assert "Нормативная база" in page and "Методические рекомендации" in page
    assert "№ 273-ФЗ «Об образовании в Российской Федерации»" in page
    assert "№ АЗ-1128/08" in page
    assert len(normative.FEDERAL) >= 5


def test_regulation_pdf_is_404_while_only_a_draft_exists(client_for, cast):
    url = reverse("public:regulation-pdf", args=[cast.school.slug])
    assert client_for(None).get(url).status_code == 404
    territory_services.regulation_start(organization=cast.school, user=cast.curator)
    assert client_for(None).get(url).status_code == 404
    assert "polozhenie.pdf" not in _page(client_for(None), cast.school)


def test_the_approved_regulation_is_public_without_the_draft_of_a_new_edition(client_for, cast):
    _approve(cast.school, cast)
    draft = territory_services.regulation_start(organization=cast.school, user=cast.curator)
    sections = draft.versions.get(number=1).sections
    territory_services.regulation_section_save(
        regulation=draft,
        number=1,
        title=sections[0]["title"],
        text="Черновой пункт новой редакции.",
        user=cast.curator,
    )
    page = _page(client_for(None), cast.school)
    url = reverse("public:regulation-pdf", args=[cast.school.slug])
    assert url in page
    response = client_for(None).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    assert "УТВЕРЖДЕНО" in text and "ПРОЕКТ" not in text
    assert "Черновой пункт" not in text
    # The roadmap annex names the people responsible: the public copy has none.
    assert "Дорожная карта" not in text


def test_regulation_pdf_of_an_unknown_school_is_404(client_for):
    assert client_for(None).get(reverse("public:regulation-pdf", args=["no-such-school"])).status_code == 404


def test_only_bank_programs_put_on_the_page_appear_there(client_for, cast):
    shown = _template(cast.school, "Цифровые сервисы для педагога", public=True)
    hidden = _template(cast.school, "Внутренняя программа банка")
    page = _page(client_for(None), cast.school)
    assert shown.title in page and hidden.title not in page
    client = client_for(None)
    assert client.get(reverse("public:program", args=[cast.school.slug, shown.pk])).status_code == 200
    assert client.get(reverse("public:program", args=[cast.school.slug, hidden.pk])).status_code == 404


def test_a_public_program_of_another_school_is_not_found_under_this_one(client_for, cast):
    foreign = _template(cast.other_school, "Программа другой школы", public=True)
    url = reverse("public:program", args=[cast.school.slug, foreign.pk])
    assert client_for(None).get(url).status_code == 404


def test_public_program_never_shows_the_participants_section(client_for, cast):
    template = _template(
        cast.school,
        "Программа с участниками",
        public=True,
        sections={"goal": "Цель программы.", "participants_note": "Морозова Т. С. и Васильев А. Д."},
    )
    page = (
        client_for(None).get(reverse("public:program", args=[cast.school.slug, template.pk])).content.decode()
    )
    assert "Цель программы." in page
    assert "Морозова" not in page and "Васильев" not in page


def test_curator_puts_a_bank_program_on_the_page_and_takes_it_off(client_for, cast):
    template = _template(cast.school, "Цифровые сервисы для педагога")
    url = reverse("programs:bank-public", args=[template.pk])
    client = client_for("curator")
    assert client.post(url, {"public": "1"}).status_code == 302
    template.refresh_from_db()
    assert template.on_public_page
    assert client.post(url, {"public": "0"}).status_code == 302
    template.refresh_from_db()
    assert not template.on_public_page


@pytest.mark.parametrize("who", ["director", "mentor", "council", "other_curator"])
def test_only_the_curator_of_the_school_publishes_a_bank_program(client_for, cast, who):
    template = _template(cast.school, "Цифровые сервисы для педагога")
    response = client_for(who).post(reverse("programs:bank-public", args=[template.pk]), {"public": "1"})
    assert response.status_code in (403, 404)
    template.refresh_from_db()
    assert not template.on_public_page


def test_service_refuses_a_curator_of_another_school(cast):
    template = _template(cast.school, "Цифровые сервисы для педагога")
    with pytest.raises(DomainError):
        program_services.template_set_public(template=template, user=cast.other_curator, public=True)
