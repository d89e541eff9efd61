"""The mentor's allowance (ТК РФ ст. 351.8): who sets it, how bad input is refused, and how it reads in
the additional agreement and in the order about pairs."""

import pytest
from django.urls import reverse

from apps.core.exceptions import DomainError
from apps.pairs import services
from apps.pairs.documents import additional_agreement_pdf
from apps.pairs.models import MentoringGroup
from apps.staff.models import Position
from tests.factories import pairs as f
from tests.pdf_pages import layout_faults, page_text, pdf_pages

pytestmark = pytest.mark.django_db


def _text(data: bytes) -> str:
    return page_text([line for page in pdf_pages(data) for line in page])


def _url(group):
    return reverse("pairs:allowance", args=[group.pk])


@pytest.mark.parametrize("name", ["director", "curator"])
def test_the_director_and_the_curator_set_the_allowance(client_for, name, draft_pair):
    response = client_for(name).post(_url(draft_pair), {"amount": "3000", "percent": ""})
    assert response.status_code == 302
    draft_pair.refresh_from_db()
    assert (draft_pair.allowance_amount, draft_pair.allowance_percent) == (3000, None)


@pytest.mark.parametrize("name", ["mentor", "mentee", "psychologist", "council"])
def test_participants_and_staff_of_the_school_may_not_set_it(client_for, name, draft_pair):
    assert client_for(name).post(_url(draft_pair), {"amount": "3000"}).status_code == 403
    draft_pair.refresh_from_db()
    assert draft_pair.allowance_amount is None


@pytest.mark.parametrize("name", ["other_director", "other_curator"])
def test_a_crafted_post_from_another_school_finds_no_pair(client_for, name, draft_pair):
    assert client_for(name).post(_url(draft_pair), {"amount": "3000"}).status_code == 404
    draft_pair.refresh_from_db()
    assert draft_pair.allowance_amount is None


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"amount": "3000", "percent": "10"}, "amount", "Укажите либо сумму, либо процент оклада"),
        ({"amount": "", "percent": ""}, "amount", "Укажите сумму доплаты в рублях или процент оклада."),
        ({"amount": "0"}, "amount", "Сумма доплаты должна быть больше нуля."),
        ({"amount": "-5"}, "amount", "Сумма доплаты должна быть больше нуля."),
        ({"amount": "три тысячи"}, "amount", "Введите сумму целым числом рублей, например 3000."),
        ({"percent": "101"}, "percent", "Процент оклада — от 1 до 100."),
        ({"percent": "0"}, "percent", "Процент оклада — от 1 до 100."),
        ({"percent": "12,5"}, "percent", "Введите процент целым числом от 1 до 100."),
    ],
)
def test_bad_input_is_refused_at_its_field_and_nothing_is_saved(client_for, draft_pair, data, field, message):
    response = client_for("director").post(_url(draft_pair), data)
    assert response.status_code == 400
    errors = response.context["form"].errors[field]
    assert any(message in e for e in errors), errors
    draft_pair.refresh_from_db()
    assert (draft_pair.allowance_amount, draft_pair.allowance_percent) == (None, None)


def test_the_form_opens_with_the_default_of_the_regulation(client_for, draft_pair, cast):
    cast.school.mentor_allowance_percent = 15
    cast.school.save()
    response = client_for("director").get(_url(draft_pair))
    assert response.status_code == 200
    assert response.context["form"].initial == {"amount": None, "percent": 15}
    assert (
        response.context["current"]
        == "доплата в размере 15 (пятнадцати) процентов должностного оклада в месяц"
    )


def test_the_service_refuses_both_and_a_pair_already_in_an_order(draft_pair, cast):
    with pytest.raises(DomainError) as error:
        services.group_set_allowance(group=draft_pair, user=cast.director, amount=1000, share=5)
    assert error.value.field == "amount"
    services.groups_submit_to_order(groups=[draft_pair], user=cast.curator)
    with pytest.raises(DomainError, match="в статусе «проект»"):
        services.group_set_allowance(group=draft_pair, user=cast.director, amount=1000, share=None)
    draft_pair.refresh_from_db()
    assert draft_pair.allowance_amount is None


def test_the_database_refuses_a_sum_and_a_percentage_together(draft_pair):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        MentoringGroup.objects.filter(pk=draft_pair.pk).update(allowance_amount=1000, allowance_percent=10)


# --- in the agreement and the order -----------------------------------------------------------------


def test_the_agreement_writes_the_sum_in_figures_and_words(draft_pair, cast):
    group = services.group_set_allowance(group=draft_pair, user=cast.director, amount=3000, share=None)
    text = _text(additional_agreement_pdf(group=group))
    assert "устанавливается доплата в размере 3 000 (трёх тысяч) рублей в месяц" in text


def test_the_agreement_falls_back_to_the_default_of_the_regulation(draft_pair, cast):
    cast.school.mentor_allowance_percent = 10
    cast.school.save()
    text = _text(additional_agreement_pdf(group=draft_pair))
    assert "устанавливается доплата в размере 10 (десяти) процентов должностного оклада в месяц" in text


def test_the_order_point_names_positions_and_the_allowance(draft_pair, bank, cast):
    teacher = Position.objects.get_or_create(name="Учитель-логопед")[0]
    psychologist = Position.objects.get_or_create(name="Педагог-психолог")[0]
    bank.mentor.person.position = psychologist
    bank.mentor.person.save()
    bank.mentee.person.position = teacher
    bank.mentee.person.save()
    services.group_set_allowance(group=draft_pair, user=cast.director, amount=2500, share=None)
    order = services.groups_submit_to_order(groups=[draft_pair], user=cast.curator)
    item = order.items.order_by("position").first().text
    assert item == (
        "Закрепить наставляемого Васильева Артёма Дмитриевича, учителя-логопеда, за наставником "
        "Морозовой Татьяной Сергеевной, педагогом-психологом, на срок с 01.10.2026 по 31.05.2027 "
        "(форма «педагог – педагог», направление «Методика преподавания»); установить наставнику доплату "
        "в размере 2 500 (двух тысяч пятисот) рублей в месяц."
    )


def test_a_group_is_written_with_group_wording(bank, cast):
    mentor = f.mentor_entry(
        bank.school,
        bank.year,
        max_mentees=5,
        last_name="Ёлкин",
        first_name="Пётр",
        patronymic="Фомич",
        sex="m",
    )
    gus = f.mentee_entry(
        bank.school, bank.year, last_name="Гусь", first_name="Ольга", patronymic="Петровна", sex="f"
    )
    group = services.group_create(
        **f.group_kwargs(bank.school, bank.year, mentor, [bank.mentee, gus]), created_by=cast.curator
    )
    text = _text(additional_agreement_pdf(group=group))
    assert (
        "в отношении группы педагогических работников: Васильева Артёма Дмитриевича; Гусь Ольги Петровны"
        in text
    )
    assert "совместно с наставляемыми: Васильевым Артёмом Дмитриевичем, Гусь Ольгой Петровной" in text
    assert "совместно с наставляемым " not in text
    assert "получил:" in text  # Ёлкин


def test_a_woman_mentee_is_наставляемая_in_the_agreement(bank, cast):
    group = services.group_create(
        **f.group_kwargs(bank.school, bank.year, bank.mentor, [bank.mentee2]), created_by=cast.curator
    )
    text = _text(additional_agreement_pdf(group=group))
    assert "совместно с наставляемой Черных Ольгой Ивановной" in text
    assert "помощь наставляемой в устранении" in text
    assert "с её письменного согласия" in text and "получила:" in text  # Морозова


def test_the_agreement_signature_block_stays_whole_whatever_the_group_size(bank, cast):
    """The employer's block used to split: «Директор ____ Н. В.» on page 1, «Кузнецова» on page 2."""
    long_title = Position.objects.get_or_create(name="Старший педагог дополнительного образования")[0]
    mentor = f.mentor_entry(bank.school, bank.year, max_mentees=10, position=long_title)
    mentees = [f.mentee_entry(bank.school, bank.year, position=long_title) for _ in range(10)]
    charter = (
        "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 7 "
        "с углублённым изучением отдельных предметов имени Героя Советского Союза И. И. Иванова»"
    )
    faults = {}
    pushed = 0  # variants where the page break fell right before the last point
    branch = (
        charter
        + " (структурное подразделение «Центр образования цифрового и гуманитарного профилей «Точка роста»)"
    )
    for full_name in ("МБОУ СОШ № 7", charter, branch):
        bank.school.full_name = full_name
        bank.school.save()
        for n in range(1, 11):
            group = services.group_create(
                **f.group_kwargs(bank.school, bank.year, mentor, mentees[:n]), created_by=cast.curator
            )
            data = additional_agreement_pdf(group=group)
            pages = pdf_pages(data)
            found = layout_faults(
                data, last_point="Остальные условия трудового договора", signature="Кузнецова"
            )
            head = [k for k, lines in enumerate(pages) if "Работодатель Работник" in lines]
            names = [k for k, lines in enumerate(pages) if "Н. В. Кузнецова" in page_text(lines)]
            if head != names or len(head) != 1:
                found.append(f"блок подписей разорван: заголовок на {head}, подпись на {names}")
            if found:
                faults[(len(full_name), n)] = found
            before = [k for k, lines in enumerate(pages) if "за 3 рабочих дня" in page_text(lines)]
            pushed += before[-1] != head[0] if before and head else 0
            services.group_delete_draft(group=group)
    assert faults == {}
    # The sweep did put the page break right before the last point: there the whole closing block
    # (point 6, both signatures, the receipt line) went to the next page together.
    assert pushed


def test_the_order_fixes_the_default_so_a_later_change_of_the_regulation_alters_nothing(draft_pair, cast):
    cast.school.mentor_allowance_amount = 3000
    cast.school.save()
    services.groups_submit_to_order(groups=[draft_pair], user=cast.curator)
    draft_pair.refresh_from_db()
    assert (draft_pair.allowance_amount, draft_pair.allowance_percent) == (3000, None)

    # The school's Regulation changes its default to a percentage afterwards.
    cast.school.mentor_allowance_amount, cast.school.mentor_allowance_percent = None, 15
    cast.school.save()
    draft_pair.refresh_from_db()
    assert services.allowance_of(draft_pair) == (3000, None)
    text = _text(additional_agreement_pdf(group=draft_pair))
    assert "устанавливается доплата в размере 3 000 (трёх тысяч) рублей в месяц" in text
