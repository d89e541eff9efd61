"""The Regulation: model text with the organisation's details, edited section by section in versions,
frozen once the approving order is signed, printed from the edited or approved text."""

import subprocess

import pytest
from django.db import IntegrityError, InternalError, transaction
from django.urls import reverse

from apps.core.exceptions import DomainError
from apps.orders.services import order_return, order_send_for_signature, order_sign
from apps.territory import services
from apps.territory.models import Regulation, RegulationVersion

pytestmark = pytest.mark.django_db


def _pdf_text(content: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=content, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().split())


@pytest.fixture
def school(cast):
    school = cast.school
    school.full_name = "Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 7»"
    school.address = "628400, г. Сургут, ул. Ленина, д. 1"
    school.director_name = "Кузнецова Наталья Викторовна"
    school.curator_name = "Соловьёва Елена Петровна"
    school.save()
    return school


def _start(school, cast):
    return services.regulation_start(organization=school, user=cast.curator)


def _save(regulation, cast, number=2, text="Цель — закрепление молодых педагогов в профессии.", title=None):
    latest = regulation.versions.order_by("-number").first()
    return services.regulation_section_save(
        regulation=regulation,
        number=number,
        title=title or latest.sections[number - 1]["title"],
        text=text,
        user=cast.curator,
    )


def test_a_new_regulation_is_the_model_text_with_the_organisation_details(school, cast):
    regulation = _start(school, cast)
    first = regulation.versions.get(number=1).sections[0]["text"].splitlines()[0]
    assert first.startswith(
        "Настоящее Положение о системе наставничества педагогических работников в муниципальном "
        "бюджетном общеобразовательном учреждении «Средняя школа № 7» (далее — Положение, МБОУ СОШ № 7)"
    )
    assert first.endswith("Место нахождения МБОУ СОШ № 7: 628400, г. Сургут, ул. Ленина, д. 1.")


def test_a_missing_detail_prints_as_a_blank_to_fill_in(school, cast):
    school.address = school.locality = ""
    school.save()
    first = _start(school, cast).versions.get(number=1).sections[0]["text"].splitlines()[0]
    assert first.endswith("Место нахождения МБОУ СОШ № 7: ____________________.")


def test_only_one_draft_per_organisation(school, cast):
    _start(school, cast)
    with pytest.raises(DomainError, match="уже создан"):
        _start(school, cast)


def test_saving_a_section_adds_a_version_and_keeps_the_earlier_text(school, cast):
    regulation = _start(school, cast)
    first = regulation.versions.get(number=1).sections
    version = _save(regulation, cast)
    assert version.number == 2
    assert version.sections[1]["text"] == "Цель — закрепление молодых педагогов в профессии."
    assert version.sections[0] == first[0]
    assert regulation.versions.get(number=1).sections == first
    assert "раздел 2" in version.note.lower()


def test_an_unchanged_or_empty_section_is_refused(school, cast):
    regulation = _start(school, cast)
    sections = regulation.versions.get(number=1).sections
    with pytest.raises(DomainError, match="Изменений нет"):
        _save(regulation, cast, number=1, text=sections[0]["text"])
    with pytest.raises(DomainError, match="не может быть пустым"):
        _save(regulation, cast, text="  \n \n")
    with pytest.raises(DomainError, match="Такого раздела"):
        _save(regulation, cast, number=99, title="Лишний")


def test_markup_and_control_characters_are_dropped_paragraphs_kept(school, cast):
    regulation = _start(school, cast)
    version = _save(
        regulation,
        cast,
        text='<b>Первый</b> пункт <img src="http://evil.example/x.png">\x07\r\n\r\n<script>alert(1)</script>Второй   пункт',
    )
    assert version.sections[1]["text"] == "Первый пункт\nalert(1)Второй пункт"


def test_text_in_the_pdf_is_escaped_never_markup(school, cast, client_for):
    regulation = _start(school, cast)
    sections = regulation.versions.get(number=1).sections
    sections[1] = {"title": "Цель", "text": 'a < b & <i>курсив</i> <img src="http://evil.example/x.png">'}
    RegulationVersion.objects.create(regulation=regulation, number=2, sections=sections, author=cast.curator)
    text = _pdf_text(client_for("curator").get(reverse("territory:regulation-pdf")).content)
    assert "a < b & <i>курсив</i> <img" in text


def test_the_pdf_prints_the_edited_text_as_a_draft(school, cast, client_for):
    _save(_start(school, cast), cast, text="Особый пункт о наставничестве в нашей школе.")
    text = _pdf_text(client_for("curator").get(reverse("territory:regulation-pdf")).content)
    assert "2.1. Особый пункт о наставничестве в нашей школе." in text
    assert "ПРОЕКТ" in text and "редакция 2" in text


def _approve(regulation, cast):
    order = services.regulation_order_create(regulation=regulation, user=cast.curator)
    order_send_for_signature(order=order, user=cast.curator)
    return order_sign(order=order, director=cast.director)


def test_signing_the_order_approves_the_latest_version_and_freezes_the_text(school, cast, client_for):
    regulation = _start(school, cast)
    _save(regulation, cast)
    order = _approve(regulation, cast)
    regulation.refresh_from_db()
    assert regulation.status == Regulation.Status.APPROVED and regulation.approved_version == 2
    assert regulation.order_id == order.pk
    with pytest.raises(DomainError, match="утверждено приказом"):
        _save(regulation, cast, text="Попытка изменить утверждённый текст.")
    assert regulation.versions.count() == 2
    text = _pdf_text(client_for("curator").get(reverse("territory:regulation-pdf")).content)
    assert f"от {order.date:%d.%m.%Y} № {order.number}" in text and "ПРОЕКТ" not in text


def test_the_database_refuses_changes_to_an_approved_regulation(school, cast):
    regulation = _start(school, cast)
    _approve(regulation, cast)
    with pytest.raises((IntegrityError, InternalError)), transaction.atomic():
        RegulationVersion.objects.create(regulation=regulation, number=5, sections=[], author=cast.curator)
    with pytest.raises((IntegrityError, InternalError)), transaction.atomic():
        Regulation.objects.filter(pk=regulation.pk).update(approved_version=1, status="draft")
    with pytest.raises((IntegrityError, InternalError)), transaction.atomic():
        RegulationVersion.objects.filter(regulation=regulation).update(sections=[])


def test_text_cannot_change_while_the_order_awaits_signature_but_can_after_it_is_returned(school, cast):
    regulation = _start(school, cast)
    order = services.regulation_order_create(regulation=regulation, user=cast.curator)
    with pytest.raises(DomainError, match="уже создан"):
        services.regulation_order_create(regulation=regulation, user=cast.curator)
    order_send_for_signature(order=order, user=cast.curator)
    with pytest.raises(DomainError, match="на подпись"):
        _save(regulation, cast)
    order_return(order=order, director=cast.director, comment="Уточните цель")
    assert _save(regulation, cast).number == 2


def test_a_new_edition_starts_from_the_approved_text(school, cast):
    regulation = _start(school, cast)
    _save(regulation, cast, text="Текст утверждённой редакции.")
    _approve(regulation, cast)
    edition = _start(school, cast)
    assert edition.pk != regulation.pk
    assert edition.versions.get(number=1).sections[1]["text"] == "Текст утверждённой редакции."


# Pages ------------------------------------------------------------------------------------------


def test_curator_edits_a_section_in_the_browser(school, cast, client_for):
    client = client_for("curator")
    assert client.post(reverse("territory:regulation-start")).status_code == 302
    regulation = Regulation.objects.get(organization=school)
    url = reverse("territory:regulation-section", args=[regulation.pk, 2])
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "Цель и задачи", "text": "Новый пункт 1\nНовый пункт 2"})
    assert response.status_code == 302
    page = client.get(reverse("territory:regulation")).content.decode()
    assert "2.2. Новый пункт 2" in page and "Версия 2" in page


def test_an_empty_section_is_refused_at_the_field(school, cast, client_for):
    regulation = _start(school, cast)
    url = reverse("territory:regulation-section", args=[regulation.pk, 2])
    response = client_for("curator").post(url, {"title": "Цель", "text": "<b></b>"})
    assert response.status_code == 200
    assert "Раздел не может быть пустым" in response.content.decode()


def test_the_order_button_drafts_the_approving_order(school, cast, client_for):
    regulation = _start(school, cast)
    response = client_for("curator").post(reverse("territory:regulation-order", args=[regulation.pk]))
    regulation.refresh_from_db()
    assert response.status_code == 302 and response["Location"].endswith(f"/{regulation.order_id}/")
    assert regulation.order.kind == "regulation" and regulation.order.status == "draft"


def test_regulation_rights(school, cast, client_for):
    regulation = _start(school, cast)
    section = reverse("territory:regulation-section", args=[regulation.pk, 1])
    version = reverse("territory:regulation-version", args=[regulation.pk, 1])
    assert client_for("director").get(section).status_code == 200
    assert client_for("director").get(version).status_code == 200
    for role in ("mentor", "council", "mentee"):
        assert client_for(role).get(section).status_code == 403
        assert client_for(role).get(reverse("territory:regulation")).status_code == 403
    assert client_for("mentor").post(section, {"title": "x", "text": "y"}).status_code == 403
    for role in ("other_curator", "far_curator", "nobody"):
        assert client_for(role).get(section).status_code == 404
        assert (
            client_for(role).post(reverse("territory:regulation-order", args=[regulation.pk])).status_code
            == 404
        )
    assert (
        client_for("curator")
        .get(reverse("territory:regulation-section", args=[regulation.pk, 42]))
        .status_code
        == 404
    )


def test_the_edition_in_force_still_prints_while_a_new_one_is_drafted(school, cast, client_for):
    regulation = _start(school, cast)
    _save(regulation, cast, text="Текст действующей редакции.")
    order = _approve(regulation, cast)
    _save(_start(school, cast), cast, text="Текст новой редакции.")
    client = client_for("curator")
    draft = _pdf_text(client.get(reverse("territory:regulation-pdf")).content)
    in_force = _pdf_text(client.get(reverse("territory:regulation-pdf") + "?edition=in-force").content)
    assert "Текст новой редакции." in draft and "ПРОЕКТ" in draft
    assert "Текст действующей редакции." in in_force and f"№ {order.number}" in in_force
    assert "ПРОЕКТ" not in in_force


@pytest.mark.parametrize(
    "text",
    [
        '"><img src=x onerror=alert(1)>',
        "'; DROP TABLE territory_regulation; --",
        "\u202eevil\u202c пункт",
        "\ud7ff\ufffd\U0001f600" * 50,
        "\r\n\t\x0b\x0c\x1b",
        "Ё" * 25_000,
    ],
)
def test_hostile_section_text_is_never_a_500(school, cast, client_for, text):
    regulation = _start(school, cast)
    url = reverse("territory:regulation-section", args=[regulation.pk, 2])
    response = client_for("curator").post(url, {"title": "Цель", "text": text})
    assert response.status_code in (200, 302)
    latest = regulation.versions.order_by("-number").first()
    assert "\u202e" not in latest.sections[1]["text"] and "<img" not in latest.sections[1]["text"]


def test_the_approving_order_shows_the_regulation_it_approves(school, cast, client_for):
    regulation = _start(school, cast)
    _save(regulation, cast)
    order = services.regulation_order_create(regulation=regulation, user=cast.curator)
    page = client_for("director").get(reverse("orders:order-detail", args=[order.pk])).content.decode()
    assert "Приложение: Положение о системе наставничества" in page and "Текст версии 2." in page
    assert reverse("territory:regulation-version", args=[regulation.pk, 2]) in page
