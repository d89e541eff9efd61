"""The Regulation in full (issue 13, item 5): the model text of seeds 000, 001 and 002 with the roles'
rights and duties, the organisation's name declined, points numbered without gaps, the approval stamp
after the order is signed and «проект» nowhere then; older editions keep their own text and are
offered the new sections."""

import importlib
import itertools
import re
import subprocess
from types import SimpleNamespace

import pytest
from django.urls import reverse

from apps.core.exceptions import DomainError
from apps.orders.services import order_send_for_signature, order_sign
from apps.territory import regulation_model_v1, services
from apps.territory.models import RegulationVersion
from apps.territory.regulation_model import missing_model_sections, model, model_sections, numbered_sections

FULL_NAME = "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 5»"
NAME_IN = "в муниципальном бюджетном общеобразовательном учреждении «Средняя общеобразовательная школа № 5»"
NAME_GEN = "муниципального бюджетного общеобразовательного учреждения «Средняя общеобразовательная школа № 5»"

migration = importlib.import_module("apps.territory.migrations.0006_regulation_full_model_text")


def _card(**extra):
    return SimpleNamespace(
        full_name=FULL_NAME,
        short_name="МБОУ СОШ № 5",
        address="628400, г. Сургут, ул. Ленина, д. 1",
        locality="г. Сургут",
        director_name="Кузнецова Наталья Викторовна",
        director_position="Директор",
        curator_name="Соловьёва Елена Петровна",
        **extra,
    )


def _sections() -> dict[str, str]:
    return {s["key"]: s["text"] for s in model_sections(_card())}


def _pdf_text(content: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=content, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().split())


# The text as data --------------------------------------------------------------------------------


def test_every_required_section_is_in_the_model_text():
    assert [s.key for s in model()] == [
        "general",
        "goals",
        "forms",
        "organization",
        "director",
        "curator",
        "council",
        "psychologist",
        "mentor",
        "mentee",
        "stages",
        "monitoring",
        "incentives",
        "documents",
        "site",
        "final",
    ]
    assert all(s.title and s.text for s in model())


@pytest.mark.parametrize(
    ("key", "phrase"),
    [
        ("general", "Федеральным законом от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»"),
        ("general", "от 21.12.2021 № АЗ-1128/08"),
        ("general", "– педагог, имеющий непедагогическое профильное образование."),
        ("goals", "– вариативности"),
        ("forms", "«педагог – группа педагогов»"),
        ("forms", "– реверсивное наставничество"),
        ("organization", "с письменного согласия их участников"),
        ("organization", "на срок от 3 месяцев до 1 года"),
        ("director", "– назначает куратора из числа заместителей руководителя;"),
        ("curator", "– ведёт банк наставников и банк наставляемых"),
        ("curator", "– формирует итоговый аналитический отчёт"),
        ("curator", "Куратор имеет право:"),
        ("council", "– формирует банк лучших практик наставничества"),
        ("psychologist", "оценивает психологическую совместимость их участников"),
        ("psychologist", "– оказывает психологическую поддержку наставникам и наставляемым"),
        (
            "mentor",
            "индивидуальный план мероприятий по устранению профессиональных затруднений наставляемого",
        ),
        ("mentor", "– обращаться с заявлением к куратору и руководителю МБОУ СОШ № 5 о сложении с него"),
        (
            "mentee",
            "– выполнять мероприятия плана персонализированной программы наставничества в установленные",
        ),
        ("mentee", "– обращаться к куратору и руководителю МБОУ СОШ № 5 с ходатайством о замене наставника."),
        ("stages", "7) завершение персонализированных программ наставничества"),
        ("monitoring", "по модели Дональда Киркпатрика на четырёх уровнях"),
        ("monitoring", "1) реакция"),
        ("monitoring", "2) обучение"),
        ("monitoring", "3) поведение"),
        ("monitoring", "4) результат — результаты для " + NAME_GEN),
        ("monitoring", "Мониторинг проводится ежегодно"),
        ("incentives", "«За наставничество»"),
        ("incentives", "«Почётный наставник»"),
        ("documents", "– банк наставников и банк наставляемых с согласиями педагогов"),
        ("final", "вступает в силу со дня его утверждения приказом руководителя МБОУ СОШ № 5"),
    ],
)
def test_each_role_has_its_duties_in_the_words_of_the_seeds(key, phrase):
    assert phrase in _sections()[key]


def test_the_organisations_name_is_declined_never_left_in_the_nominative():
    text = "\n".join(_sections().values())
    assert text.startswith(
        f"Настоящее Положение о системе наставничества педагогических работников {NAME_IN} "
    )
    assert f"уставом и локальными нормативными актами {NAME_GEN}." in text
    assert "в Муниципальное" not in text and "в муниципальное" not in text


def test_no_slash_forms_no_latin_no_draft_word_in_the_model_text():
    text = "\n".join(_sections().values())
    assert not re.findall(r"[А-Яа-яЁё]/[А-Яа-яЁё]", text)  # «вуза/колледжа»; «№ АЗ-1128/08» is a number
    assert not re.findall(r"[A-Za-z]", text)
    assert not re.findall(r"проект", text, re.IGNORECASE)
    assert "(а)" not in text and "{" not in text


def test_points_are_numbered_without_gaps_and_items_are_not_numbered():
    printed = numbered_sections(model_sections(_card()))
    assert [s["number"] for s in printed] == list(range(1, len(model()) + 1))
    for section in printed:
        assert [p["number"] for p in section["points"]] == [
            f"{section['number']}.{n}." for n in range(1, len(section["points"]) + 1)
        ]
    mentor = next(s for s in printed if s["key"] == "mentor")
    assert [p["text"] for p in mentor["points"]] == ["Наставник имеет право:", "Наставник обязан:"]
    assert len(mentor["points"][1]["items"]) == 10


# The printed Regulation ----------------------------------------------------------------------------


@pytest.fixture
def school5(cast):
    school = cast.school
    school.full_name = FULL_NAME
    school.short_name = "МБОУ СОШ № 5"
    school.save()
    return school


def _approve(regulation, cast):
    order = services.regulation_order_create(regulation=regulation, user=cast.curator)
    order_send_for_signature(order=order, user=cast.curator)
    return order_sign(order=order, director=cast.director)


NUMBER = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\. ")


def _numbers(text: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in NUMBER.findall(text.split("Дорожная карта (план мероприятий)")[0])]


@pytest.mark.django_db
def test_the_draft_prints_as_a_draft_with_the_name_declined_and_continuous_points(school5, cast, client_for):
    services.regulation_start(organization=school5, user=cast.curator)
    text = _pdf_text(client_for("curator").get(reverse("territory:regulation-pdf")).content)
    assert "ПРОЕКТ · редакция 1" in text
    assert f"ПОЛОЖЕНИЕ о системе наставничества педагогических работников {NAME_IN}" in text
    assert "УТВЕРЖДЕНО приказом МБОУ СОШ № 5 от «__» ________ 20__ г. № ___" in text
    numbers = _numbers(text)
    assert numbers[0] == (1, 1) and numbers[-1][0] == len(model())
    for (a, b), (c, d) in itertools.pairwise(numbers):
        assert (c, d) in {(a, b + 1), (a + 1, 1)}, f"{a}.{b}. is followed by {c}.{d}."


@pytest.mark.django_db
def test_after_signing_the_stamp_is_printed_and_nothing_says_draft(school5, cast, client_for):
    order = _approve(services.regulation_start(organization=school5, user=cast.curator), cast)
    text = _pdf_text(client_for("curator").get(reverse("territory:regulation-pdf")).content)
    assert f"УТВЕРЖДЕНО приказом МБОУ СОШ № 5 от {order.date:%d.%m.%Y} № {order.number}" in text
    assert not re.findall(r"проект", text, re.IGNORECASE)
    page = client_for("curator").get(reverse("territory:regulation")).content.decode()
    content = page.split('id="main"', 1)[-1] if 'id="main"' in page else page
    state = content.split('aria-label="Состояние"', 1)[1].split("</section>", 1)[0]
    assert "Утверждено приказом" in state and f"от {order.date:%d.%m.%Y} № {order.number}" in state
    assert not re.findall(r"проект", content.split("<footer", 1)[0], re.IGNORECASE)


@pytest.mark.django_db
def test_before_signing_the_page_says_it_is_a_draft(school5, cast, client_for):
    services.regulation_start(organization=school5, user=cast.curator)
    page = client_for("curator").get(reverse("territory:regulation")).content.decode()
    assert re.search(r'<span class="badge[^"]*">проект</span>', page)
    assert "PDF проекта" in page


# Editions started from the older, shorter model text -------------------------------------------------


def _old_sections(card, edited: dict[int, str] | None = None) -> list[dict]:
    old = regulation_model_v1.first_model_sections(card)
    sections = [{"title": title, "text": text} for title, text in old.items()]
    for index, text in (edited or {}).items():
        sections[index]["text"] = text
    return sections


def test_the_migration_replaces_untouched_old_sections_and_keeps_the_schools_own():
    card = _card()
    own = "Доплата наставнику — 15 % оклада по коллективному договору."
    upgraded = regulation_model_v1.upgraded(_old_sections(card, {6: own}), card)
    keys = [s.get("key") for s in upgraded]
    assert "incentives" not in keys  # the school's own incentives section stays in its place
    assert {"title": "Мотивация наставников", "text": own} in upgraded
    assert keys[:2] == ["general", "goals"] and "mentor" in keys and keys[-1] == "final"
    assert [s.key for s in missing_model_sections(upgraded)] == ["incentives"]


def test_the_migration_leaves_a_fully_edited_text_alone():
    card = _card()
    edited = _old_sections(card, {i: f"Свой текст раздела {i + 1}." for i in range(8)})
    assert regulation_model_v1.upgraded(edited, card) is None


@pytest.mark.django_db
def test_a_missing_model_section_is_added_at_its_place_once(school5, cast):
    regulation = services.regulation_start(organization=school5, user=cast.curator)
    old = _old_sections(school5, {4: "Наш раздел о наставнике и наставляемом."})
    RegulationVersion.objects.create(regulation=regulation, number=2, sections=old, author=cast.curator)
    missing = [s.key for s in missing_model_sections(old)]
    assert "mentor" in missing and "final" not in missing  # «Заключительные положения» matches by title
    version = services.regulation_section_add(regulation=regulation, key="mentor", user=cast.curator)
    titles = [s["title"] for s in version.sections]
    assert titles.index("Права и обязанности наставника") == titles.index("Заключительные положения") - 1
    assert "Добавлен раздел" in version.note
    with pytest.raises(DomainError, match="уже есть"):
        services.regulation_section_add(regulation=regulation, key="mentor", user=cast.curator)


@pytest.mark.django_db
def test_a_section_is_removed_only_when_the_title_matches(school5, cast):
    regulation = services.regulation_start(organization=school5, user=cast.curator)
    first = regulation.versions.get(number=1).sections
    version = services.regulation_section_remove(
        regulation=regulation, number=15, title=first[14]["title"], user=cast.curator
    )
    assert [s["key"] for s in version.sections] == [s["key"] for s in first if s["key"] != "site"]
    with pytest.raises(DomainError, match="уже удалён"):  # a repeat would hit «Заключительные положения»
        services.regulation_section_remove(
            regulation=regulation, number=15, title=first[14]["title"], user=cast.curator
        )


@pytest.mark.django_db
def test_an_edited_section_keeps_its_key(school5, cast):
    regulation = services.regulation_start(organization=school5, user=cast.curator)
    version = services.regulation_section_save(
        regulation=regulation, number=13, title="Мотивация наставников", text="Свой текст.", user=cast.curator
    )
    assert version.sections[12] == {
        "key": "incentives",
        "title": "Мотивация наставников",
        "text": "Свой текст.",
    }
    assert "incentives" not in [s.key for s in missing_model_sections(version.sections)]


@pytest.mark.django_db
def test_the_migration_adds_one_version_to_an_editable_draft_and_spares_one_on_the_directors_desk(cast):
    from django.apps import apps as django_apps

    from apps.organizations.models import Organization

    def draft(organization):
        regulation = services.regulation_start(organization=organization, user=cast.curator)
        old = _old_sections(organization, {1: "Своя цель."})
        RegulationVersion.objects.create(regulation=regulation, number=2, sections=old, author=cast.curator)
        return regulation

    editable = draft(cast.school)
    other = Organization.objects.get(pk=cast.other_school.pk)
    on_desk = draft(other)
    order = services.regulation_order_create(regulation=on_desk, user=cast.other_curator)
    order_send_for_signature(order=order, user=cast.other_curator)

    migration.forward(django_apps, None)

    latest = editable.versions.order_by("-number").first()
    assert latest.number == 3 and latest.author is None
    assert {"title": "Цель и задачи системы наставничества", "text": "Своя цель."} in latest.sections
    assert [s.get("key") for s in latest.sections][:1] == ["general"]
    assert on_desk.versions.count() == 2


@pytest.mark.django_db
def test_a_new_edition_from_one_approved_on_the_first_model_gets_the_full_text_and_keeps_its_own(
    school5, cast
):
    regulation = services.regulation_start(organization=school5, user=cast.curator)
    old = _old_sections(school5, {6: "Доплата наставнику — 15 % оклада."})
    RegulationVersion.objects.create(regulation=regulation, number=2, sections=old, author=cast.curator)
    _approve(regulation, cast)
    edition = services.regulation_start(organization=school5, user=cast.curator)
    first = edition.versions.get(number=1)
    assert {"title": "Мотивация наставников", "text": "Доплата наставнику — 15 % оклада."} in first.sections
    assert "mentor" in [s.get("key") for s in first.sections]
    assert "заменены полным примерным текстом" in first.note


@pytest.mark.django_db
def test_removing_a_section_in_the_browser_asks_first_then_removes_it(school5, cast, client_for):
    regulation = services.regulation_start(organization=school5, user=cast.curator)
    url = reverse("territory:regulation-section-remove", args=[regulation.pk, 15])
    client = client_for("curator")
    page = client.get(url).content.decode()
    assert "Удалить раздел 15 «Информационное сопровождение»?" in page
    assert 'name="title" value="Информационное сопровождение"' in page
    assert regulation.versions.count() == 1  # asking changes nothing
    response = client.post(url, {"title": "Информационное сопровождение"})
    assert response.status_code == 302
    latest = regulation.versions.order_by("-number").first()
    assert latest.number == 2 and "site" not in [s["key"] for s in latest.sections]


@pytest.mark.django_db
def test_a_missing_section_is_offered_and_added_in_the_browser(school5, cast, client_for):
    regulation = services.regulation_start(organization=school5, user=cast.curator)
    services.regulation_section_remove(
        regulation=regulation, number=9, title="Права и обязанности наставника", user=cast.curator
    )
    client = client_for("curator")
    page = client.get(reverse("territory:regulation")).content.decode()
    offered = page.split('id="h-missing"', 1)[1].split("</section>", 1)[0]
    assert "Права и обязанности наставника" in offered and 'value="mentor"' in offered
    client.post(reverse("territory:regulation-section-add", args=[regulation.pk]), {"key": "mentor"})
    latest = regulation.versions.order_by("-number").first()
    assert [s["key"] for s in latest.sections][8] == "mentor"
    assert 'id="h-missing"' not in client.get(reverse("territory:regulation")).content.decode()


@pytest.mark.django_db
def test_the_councils_protocol_is_printed_once_given_and_checked(school5, cast, client_for):
    from datetime import timedelta

    from django.utils import timezone

    regulation = services.regulation_start(organization=school5, user=cast.curator)
    today = timezone.localdate()
    with pytest.raises(DomainError, match="дату протокола"):
        services.regulation_council_protocol_set(
            regulation=regulation, number="3", on=None, user=cast.curator
        )
    with pytest.raises(DomainError, match="позже сегодняшней"):
        services.regulation_council_protocol_set(
            regulation=regulation, number="3", on=today + timedelta(days=1), user=cast.curator
        )
    client = client_for("curator")
    response = client.post(
        reverse("territory:regulation-protocol", args=[regulation.pk]),
        {"council_protocol_number": "3", "council_protocol_date": today.isoformat()},
    )
    assert response.status_code == 302
    order = _approve(regulation, cast)
    text = _pdf_text(client.get(reverse("territory:regulation-pdf")).content)
    assert f"РАССМОТРЕНО на заседании педагогического совета протокол от {today:%d.%m.%Y} № 3" in text
    assert f"УТВЕРЖДЕНО приказом МБОУ СОШ № 5 от {order.date:%d.%m.%Y} № {order.number}" in text
    regulation.refresh_from_db()
    with pytest.raises(DomainError, match="утверждено приказом"):
        services.regulation_council_protocol_set(
            regulation=regulation, number="4", on=today, user=cast.curator
        )
