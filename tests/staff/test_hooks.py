"""The staff registry reaches the apps above only through its hooks (``apps.staff.hooks``, STYLE.md
«Layers»): each hook has the expected registrants, in the order of the apps; the subject's data keeps
its sections in the same order; the registry's list and card get the banks' data through them."""

import pytest
from django.urls import reverse

from apps.pairs import hooks as pair_hooks
from apps.staff import hooks
from apps.staff.hooks import Erasure
from apps.staff.subject_data import subject_data
from tests.factories import pairs as f

pytestmark = pytest.mark.django_db


def _modules(hook) -> list[str]:
    return [func.__module__ for func in hook]


def test_every_hook_has_its_registrants_in_the_order_of_the_apps():
    assert _modules(hooks.consent_withdrawn) == ["apps.banks.withdrawal", "apps.pairs.receivers"]
    assert _modules(hooks.erased_history) == ["apps.banks.erasure", "apps.programs.erasure"]
    assert _modules(hooks.erasers) == [
        "apps.partners.erasure",
        "apps.banks.erasure",
        "apps.pairs.erasure",
        "apps.orders.erasure",
        "apps.training.erasure",
        "apps.programs.erasure",
        "apps.monitoring.erasure",
        "apps.territory.erasure",
        "apps.notifications.erasure",
    ]
    assert _modules(hooks.subject_data_sections) == [
        "apps.partners.subject_data",
        "apps.banks.subject_data",
        "apps.pairs.subject_data",
        "apps.orders.subject_data",
        "apps.training.subject_data",
        "apps.programs.subject_data",
        "apps.monitoring.subject_data",
        "apps.territory.subject_data",
        "apps.allowances.subject_data",
        "apps.notifications.subject_data",
    ]
    assert _modules(hooks.registry_annotations) == ["apps.banks.registry"]
    assert _modules(hooks.card_context) == [
        "apps.partners.selectors",
        "apps.banks.registry",
        "apps.training.plugins",
    ]
    # Programs follow the pairs a withdrawal ends (pairs' own hook, not an import of programs).
    assert _modules(pair_hooks.group_ended_early) == ["apps.programs.withdrawal"]


SECTIONS = [
    "Карточка",
    "Роли в портале",
    "Согласия на обработку ПДн",
    "История изменений",
    "Согласия на раскрытие",
    "Организация-партнёр",
    "Банк наставников",
    "Банк наставляемых",
    "Заявления",
    "Пары и группы",
    "Согласия на обязанности",
    "Приказы",
    "Обучение",
    "Психологическая поддержка",
    "Программы",
    "Журнал работы",
    "Оценки",
    "Наблюдения",
    "Анкетирование",
    "Результаты обучающихся",
    "Активность",
    "Адаптация",
    "ИОМ",
    "Доплата за наставничество",
    "Уведомления",
    "Журнал доступа",
]


def test_the_subject_data_has_every_section_in_the_same_order(cast, year):
    person = f.mentor_entry(cast.school, year, user=cast.mentor).person
    assert [section.title for section in subject_data(person=person).sections] == SECTIONS


def test_erasure_counted_keeps_the_order_of_the_words():
    erasure = Erasure.counted({"b": "второе", "a": "первое"}, {"a": 2}, files=["x.pdf"])
    assert erasure.destroyed == [("второе", 0), ("первое", 2)]
    assert erasure.kept == [] and erasure.files == ["x.pdf"]


def test_the_registry_list_and_card_show_the_banks(client_for, cast, year):
    mentor = f.mentor_entry(cast.school, year, last_name="Банкова")
    client = client_for("curator")
    listing = client.get(reverse("staff:person-list"), {"bank": "mentor"})
    assert "Банкова" in listing.content.decode()
    assert "Банкова" not in client.get(reverse("staff:person-list"), {"bank": "none"}).content.decode()
    card = client.get(reverse("staff:person-detail", args=[mentor.person.pk]))
    assert list(card.context["mentor_entries"]) == [mentor]
    assert list(card.context["mentee_entries"]) == []
