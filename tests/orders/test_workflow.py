"""Every order transition, and every refused one; blockers; effects; acquaintance."""

import pytest

from apps.core.exceptions import DomainError
from apps.orders import effects
from apps.orders.models import Order
from apps.orders.services import (
    order_acknowledge,
    order_blockers,
    order_create,
    order_delete_draft,
    order_participant_rename,
    order_return,
    order_send_for_signature,
    order_sign,
    order_update_draft,
)
from tests.factories.orders import give_consent, make_draft, make_person, make_signed

pytestmark = pytest.mark.django_db


@pytest.fixture
def teacher(cast):
    return make_person(cast.school, "Морозова", "Татьяна", "Сергеевна", sex="f", user=cast.mentor)


def test_draft_is_created_with_declined_names_and_place(cast, teacher):
    order = make_draft(cast.school, cast.curator, participants=[(teacher, "наставник")])
    assert order.status == Order.Status.DRAFT and order.number is None and order.date is None
    assert order.place == "г. Сургут"
    p = order.participants.get()
    assert (p.name_dative, p.name_genitive) == ("Морозовой Татьяне Сергеевне", "Морозовой Татьяны Сергеевны")
    assert p.initials_name == "Т. С. Морозова"
    assert order.preparer_name == "Соловьёва Елена Петровна"


@pytest.mark.parametrize("title", ["Назначить куратора", "", "   ", "Приказ о назначении"])
def test_title_not_starting_with_o_is_refused(cast, title):
    with pytest.raises(DomainError) as exc:
        make_draft(cast.school, cast.curator, title=title)
    assert exc.value.field == "title"


def test_title_final_full_stop_is_dropped(cast):
    assert (
        make_draft(cast.school, cast.curator, title="Об утверждении Положения.").title
        == "Об утверждении Положения"
    )


def test_same_person_twice_is_one_participant_with_both_roles(cast, teacher):
    order = make_draft(cast.school, cast.curator, participants=[(teacher, "наставник"), (teacher, "куратор")])
    assert order.participants.get().role == "наставник, куратор"


def test_person_of_another_school_cannot_be_named(cast):
    stranger = make_person(cast.other_school, "Иванов", "Иван", "Иванович")
    with pytest.raises(DomainError):
        make_draft(cast.school, cast.curator, participants=[(stranger, "наставник")])


def test_full_path_draft_sent_signed_acknowledged(cast, teacher):
    order = make_draft(cast.school, cast.curator, participants=[(teacher, "куратор")])
    order = order_send_for_signature(order=order, user=cast.curator)
    assert order.status == Order.Status.AWAITING_SIGNATURE
    order = order_sign(order=order, director=cast.director)
    assert order.status == Order.Status.SIGNED and order.number == 1 and order.date is not None
    assert order.signer_name == "Н. В. Кузнецова" and order.signer_position == "Директор"
    participant = order_acknowledge(order=order, person=teacher, user=cast.mentor)
    assert participant.acknowledged_at is not None and participant.acknowledged_by == cast.mentor


def test_return_to_draft_keeps_the_comment_and_allows_resending(cast):
    order = make_draft(cast.school, cast.curator)
    order_send_for_signature(order=order, user=cast.curator)
    order = order_return(order=order, director=cast.director, comment="Уточните основание")
    assert order.status == Order.Status.DRAFT and order.returned_comment == "Уточните основание"
    order_update_draft(order=order, user=cast.curator, preamble="На основании решения педсовета")
    order_send_for_signature(order=order, user=cast.curator)
    signed = order_sign(order=order, director=cast.director)
    assert signed.returned_comment == ""


def test_return_without_comment_is_refused(cast):
    order = make_draft(cast.school, cast.curator)
    order_send_for_signature(order=order, user=cast.curator)
    with pytest.raises(DomainError) as exc:
        order_return(order=order, director=cast.director, comment="  ")
    assert exc.value.field == "comment"


def test_signing_a_draft_is_refused(cast):
    order = make_draft(cast.school, cast.curator)
    with pytest.raises(DomainError, match="направленный на подпись"):
        order_sign(order=order, director=cast.director)


def test_returning_a_draft_is_refused(cast):
    order = make_draft(cast.school, cast.curator)
    with pytest.raises(DomainError):
        order_return(order=order, director=cast.director, comment="нет")


def test_sending_twice_is_refused(cast):
    order = make_draft(cast.school, cast.curator)
    order_send_for_signature(order=order, user=cast.curator)
    with pytest.raises(DomainError, match="только проект"):
        order_send_for_signature(order=order, user=cast.curator)


def test_signed_order_cannot_be_signed_returned_sent_edited_or_deleted(cast):
    order = make_signed(cast.school, cast.curator, cast.director)
    for call in (
        lambda: order_sign(order=order, director=cast.director),
        lambda: order_return(order=order, director=cast.director, comment="x"),
        lambda: order_send_for_signature(order=order, user=cast.curator),
        lambda: order_update_draft(order=order, user=cast.curator, title="О другом"),
        lambda: order_delete_draft(order=order, user=cast.curator),
    ):
        with pytest.raises(DomainError):
            call()
    order.refresh_from_db()
    assert order.status == Order.Status.SIGNED and order.number == 1


def test_awaiting_order_cannot_be_edited(cast):
    order = make_draft(cast.school, cast.curator)
    order_send_for_signature(order=order, user=cast.curator)
    with pytest.raises(DomainError, match="Изменять можно только проект"):
        order_update_draft(order=order, user=cast.curator, items=["Другое"])


def test_wrong_password_refuses_signing(cast):
    cast.director.set_password("верный")
    cast.director.save()
    order = make_draft(cast.school, cast.curator)
    order_send_for_signature(order=order, user=cast.curator)
    with pytest.raises(DomainError) as exc:
        order_sign(order=order, director=cast.director, password="неверный")
    assert exc.value.field == "password"
    order.refresh_from_db()
    assert order.status == Order.Status.AWAITING_SIGNATURE
    assert order_sign(order=order, director=cast.director, password="верный").number == 1


def test_participant_without_consent_blocks_sending_and_signing(cast):
    person = make_person(cast.school, "Черных", "Ольга", "Ивановна", sex="f", consent=False)
    order = make_draft(cast.school, cast.curator, participants=[(person, "наставник")])
    assert order_blockers(order) == [
        "У Черных О. И. нет действующего согласия на обработку персональных данных."
    ]
    with pytest.raises(DomainError, match="согласия"):
        order_send_for_signature(order=order, user=cast.curator)
    give_consent(person)
    order_send_for_signature(order=order, user=cast.curator)
    # consent withdrawn while on the desk: signing is refused
    person.consents.update(withdrawn_on="2026-10-01")
    with pytest.raises(DomainError, match="согласия"):
        order_sign(order=order, director=cast.director)


def test_order_without_items_is_blocked(cast):
    order = make_draft(cast.school, cast.curator, items=[])
    assert "В приказе нет ни одного распорядительного пункта." in order_blockers(order)


def test_amend_order_must_name_the_order_it_changes(cast):
    old = make_signed(cast.school, cast.curator, cast.director)
    amend = make_draft(
        cast.school, cast.curator, kind=Order.Kind.AMEND, title="О внесении изменений в приказ"
    )
    assert "Не указан приказ, который изменяется или отменяется." in order_blockers(amend)
    amend = order_update_draft(order=amend, user=cast.curator, amends=old)
    assert order_blockers(amend) == []


def test_amending_a_draft_or_another_schools_order_is_refused(cast):
    draft = make_draft(cast.school, cast.curator)
    with pytest.raises(DomainError):
        make_draft(
            cast.school, cast.curator, kind=Order.Kind.AMEND, title="О внесении изменений", amends=draft
        )
    foreign = make_signed(cast.other_school, cast.other_curator, cast.other_director)
    with pytest.raises(DomainError):
        make_draft(
            cast.school, cast.curator, kind=Order.Kind.AMEND, title="Об отмене приказа", cancels=foreign
        )


def test_registered_blockers_and_on_sign_effects_run_in_the_signing_transaction(cast):
    calls = []

    def blocker(order):
        return ["Нет согласия на дополнительные обязанности."] if not calls else []

    def on_sign(order):
        calls.append(order.number)

    effects.register(Order.Kind.PAIRS, blockers=blocker, on_sign=on_sign)
    try:
        order = make_draft(cast.school, cast.curator, kind=Order.Kind.PAIRS, title="О закреплении пар")
        with pytest.raises(DomainError, match="дополнительные обязанности"):
            order_send_for_signature(order=order, user=cast.curator)
        calls.append("consented")
        order_send_for_signature(order=order, user=cast.curator)
        order_sign(order=order, director=cast.director)
        assert calls == ["consented", 1]
    finally:
        effects.unregister(Order.Kind.PAIRS, blockers=blocker, on_sign=on_sign)


def test_failing_on_sign_effect_leaves_the_order_unsigned(cast):
    def on_sign(order):
        raise DomainError("Пара уже активна.")

    effects.register(Order.Kind.PAIRS, on_sign=on_sign)
    try:
        order = make_draft(cast.school, cast.curator, kind=Order.Kind.PAIRS, title="О закреплении пар")
        order_send_for_signature(order=order, user=cast.curator)
        with pytest.raises(DomainError):
            order_sign(order=order, director=cast.director)
    finally:
        effects.unregister(Order.Kind.PAIRS, on_sign=on_sign)
    order.refresh_from_db()
    assert order.status == Order.Status.AWAITING_SIGNATURE and order.number is None
    # the refused signing did not use up a number: numbering stays gapless
    assert make_signed(cast.school, cast.curator, cast.director).number == 1


def test_acknowledge_refused_for_draft_for_someone_else_and_twice(cast, teacher):
    order = make_draft(cast.school, cast.curator, participants=[(teacher, "куратор")])
    with pytest.raises(DomainError, match="подписанным"):
        order_acknowledge(order=order, person=teacher, user=cast.mentor)
    order_send_for_signature(order=order, user=cast.curator)
    order = order_sign(order=order, director=cast.director)
    with pytest.raises(DomainError, match="сам работник"):
        order_acknowledge(order=order, person=teacher, user=cast.curator)
    order_acknowledge(order=order, person=teacher, user=cast.mentor)
    with pytest.raises(DomainError, match="уже подтверждено"):
        order_acknowledge(order=order, person=teacher, user=cast.mentor)


def test_person_not_named_cannot_acknowledge(cast, teacher):
    order = make_signed(cast.school, cast.curator, cast.director)
    with pytest.raises(DomainError, match="не назван"):
        order_acknowledge(order=order, person=teacher, user=cast.mentor)


def test_renaming_a_participant_replaces_the_name_in_items_and_annexes(cast):
    lev = make_person(cast.school, "Лев", "Пётр", "Ильич", sex="m")
    order = order_create(
        organization=cast.school,
        kind=Order.Kind.PAIRS,
        title="О закреплении наставнических пар (групп)",
        preamble="",
        items=[f"Назначить {lev.name_dative} наставником."],
        participants=[(lev, "наставник")],
        created_by=cast.curator,
        annexes=[{"title": "Пары", "columns": ["Наставник"], "rows": [[lev.name_genitive]]}],
    )
    p = order.participants.get()
    order_participant_rename(
        participant=p, user=cast.curator, name_dative="Льву Петру Ильичу", name_genitive="Льва Петра Ильича"
    )
    assert order.items.get().text == "Назначить Льву Петру Ильичу наставником."
    assert order.annexes.get().rows == [["Льва Петра Ильича"]]


def test_annex_rows_must_match_columns(cast):
    with pytest.raises(DomainError, match="приложении"):
        make_draft(
            cast.school, cast.curator, annexes=[{"title": "x", "columns": ["a", "b"], "rows": [["1"]]}]
        )


def test_history_row_per_change(cast):
    order = make_draft(cast.school, cast.curator)
    order_send_for_signature(order=order, user=cast.curator)
    order_return(order=order, director=cast.director, comment="Исправить")
    order_send_for_signature(order=order, user=cast.curator)
    order_sign(order=order, director=cast.director)
    statuses = list(order.events.order_by("pgh_id").values_list("status", flat=True))
    assert statuses == ["draft", "awaiting_signature", "draft", "awaiting_signature", "signed"]


def test_numbers_are_sequential_per_organization_and_year(cast):
    a = make_signed(cast.school, cast.curator, cast.director)
    b = make_signed(cast.school, cast.curator, cast.director)
    other = make_signed(cast.other_school, cast.other_curator, cast.other_director)
    assert (a.number, b.number, other.number) == (1, 2, 1)


def test_drafts_can_be_deleted_by_service(cast):
    order = make_draft(cast.school, cast.curator)
    order_delete_draft(order=order, user=cast.curator)
    assert not Order.objects.filter(pk=order.pk).exists()
