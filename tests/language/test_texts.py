"""The texts of issue 13 that the language test cannot see: a word's case and sex in messages and confirmations,
numerals in the report's conclusions, the staff list's sort labels."""

import re
from datetime import date
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import Role
from apps.core.exceptions import DomainError
from apps.monitoring.documents import conclusions
from apps.staff import services as staff_services
from apps.staff.filters import PersonFilter
from apps.staff.forms import ConsentConfirmForm
from tests.factories import banks as bf
from tests.factories.staff import PersonFactory

pytestmark = pytest.mark.django_db


def test_the_staff_list_sorts_with_russian_labels():
    labels = [str(label) for _value, label in PersonFilter().filters["ordering"].field.choices]
    assert labels[:3] == ["По фамилии", "по фамилии", "по фамилии (Я–А)"]
    assert not [label for label in labels if re.search(r"[A-Za-z]", label)]


def test_the_director_is_asked_to_approve_the_candidate_named_in_the_accusative(client_for, cast, year):
    person = bf.StaffPersonFactory(
        organization=cast.school, last_name="Ёлкин", first_name="Пётр", patronymic="Фомич", sex="m"
    )
    entry = bf.mentor(cast.school, year, person=person, status="candidate")
    html = client_for("director").get(reverse("banks:mentor-detail", args=[entry.pk])).content.decode()
    assert 'data-confirm="Утвердить Ёлкина П. Ф. наставником?"' in html


def test_a_person_without_a_consent_is_named_in_the_genitive(cast):
    person = PersonFactory(
        organization=cast.school, last_name="Васильев", first_name="Артём", patronymic="Дмитриевич", sex="m"
    )
    with pytest.raises(DomainError) as error:
        staff_services.person_require_consent(person=person)
    assert error.value.message.startswith("У Васильева А. Д. нет действующего согласия")


def test_a_message_about_a_woman_agrees_with_her(cast):
    person = PersonFactory(
        organization=cast.school, last_name="Гусь", first_name="Марина", patronymic="Олеговна", sex="f"
    )
    person.left_on = date(2026, 1, 10)
    person.save(update_fields=["left_on"])
    with pytest.raises(DomainError) as error:
        staff_services.person_invite(
            person=person, role=Role.MENTOR, invited_by=cast.curator, site_url="http://x/"
        )
    assert error.value.message == "Гусь М. О. уволена: приглашение не отправлено."


def test_the_consent_confirmation_agrees_with_the_person_who_confirms(cast):
    man = PersonFactory(organization=cast.school, first_name="Пётр", patronymic="Фомич", sex="m")
    woman = PersonFactory(organization=cast.school, sex="f")
    assert ConsentConfirmForm(person=man).fields["agree"].label.startswith("Я прочитал текст согласия")
    assert ConsentConfirmForm(person=woman).fields["agree"].label.startswith("Я прочитала текст согласия")


def test_the_report_s_conclusions_count_surveys_and_points():
    found, _ = conclusions(
        {
            "level1": {"average": 5.0, "responses": 2},
            "level2": {"average_change": 1.0},
            "level3": {"average_change": 0.5},
            "level4": SimpleNamespace(retention=None),
            "progress": {"total": 1, "done": 0, "percent": 0, "hours": 2},
            "risks": [],
        }
    )
    assert found == [
        "Удовлетворённость наставляемых участием в программах высокая: 5 баллов из 5 (2 анкеты).",
        "Оценка знаний и умений наставляемых по направлениям затруднений изменилась в среднем на 1 балл "
        "(шкала 1–5).",
        "По протоколам посещения уроков профессиональные действия наставляемых изменились в среднем на "
        "0,5 балла.",
        "Выполнено 0 из 1 мероприятия дорожных карт (0%), проведено 2 ч совместной работы.",
    ]


def test_the_staff_card_counts_age_and_experience_in_years(client_for, cast):
    person = PersonFactory(
        organization=cast.school,
        birth_date=date(timezone.localdate().year - 42, 1, 1),  # 42 today: «42 года»
        total_experience_years=22,
        pedagogical_experience_years=2,
    )
    html = client_for("curator").get(reverse("staff:person-detail", args=[person.pk])).content.decode()
    assert "(42 года)" in html
    assert "общий — 22 года, педагогический — 2 года" in html


def test_a_bank_entry_s_status_agrees_with_the_person(cast, year):
    woman = bf.StaffPersonFactory(organization=cast.school, sex="f")
    man = bf.StaffPersonFactory(organization=cast.school, first_name="Пётр", patronymic="Фомич", sex="m")
    assert bf.mentor(cast.school, year, person=woman, director=cast.director).status_label() == (
        "утверждена руководителем"
    )
    assert bf.mentor(cast.school, year, person=man, director=cast.director).status_label() == (
        "утверждён руководителем"
    )


def _filtersets():
    """Every filter form of the portal: the subclasses of ``FilterSet`` in the apps' modules."""
    import importlib

    import django_filters
    from django.apps import apps as django_apps

    for config in django_apps.get_app_configs():
        if config.name.startswith("apps."):
            for module in ("filters", "views"):
                try:
                    importlib.import_module(f"{config.name}.{module}")
                except ModuleNotFoundError as error:
                    if error.name != f"{config.name}.{module}":
                        raise
    found, todo = [], [django_filters.FilterSet]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("apps.") and not sub.__name__.startswith("_"):
                found.append(sub)
    return found


def test_no_filter_offers_dashes_for_all():
    """A select of a list's filter starts with a word («все», «Все должности»), never Django's «---------»."""
    import django_filters
    from django_filters.conf import settings as filter_settings

    filtersets = _filtersets()
    assert len(filtersets) >= 10
    dashed = []
    for filterset in filtersets:
        for name, declared in filterset.base_filters.items():
            if isinstance(
                declared, django_filters.MultipleChoiceFilter | django_filters.ModelMultipleChoiceFilter
            ):
                continue  # no empty choice: nothing ticked means all
            if isinstance(declared, django_filters.ModelChoiceFilter):
                label = declared.extra.get("empty_label", "---------")
            elif isinstance(declared, django_filters.ChoiceFilter):
                label = declared.extra.get("empty_label", filter_settings.EMPTY_CHOICE_LABEL)
            else:
                continue
            if label is not None and not str(label).strip("- "):
                dashed.append(f"{filterset.__name__}.{name}")
    assert not dashed, dashed
