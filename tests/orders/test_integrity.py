"""Database guarantees: a signed order never changes; numbers are gapless under concurrent signing."""

import threading

import pytest
from django.db import IntegrityError, InternalError, connection, transaction
from django.db.utils import DatabaseError

from apps.orders.models import Order, OrderAnnex, OrderItem, OrderParticipant
from apps.orders.services import order_send_for_signature, order_sign
from tests.factories.orders import make_draft, make_person, make_signed

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed(cast):
    teacher = make_person(cast.school, "Морозова", "Татьяна", "Сергеевна", sex="f", user=cast.mentor)
    return make_signed(
        cast.school,
        cast.curator,
        cast.director,
        participants=[(teacher, "наставник")],
        annexes=[{"title": "Пары", "columns": ["Наставник"], "rows": [["Морозова Т. С."]]}],
    )


def _refused(fn):
    with pytest.raises(DatabaseError) as exc, transaction.atomic():
        fn()
    assert "signed" in str(exc.value) or "pgtrigger" in str(exc.value)


def test_raw_update_of_a_signed_orders_content_is_refused(signed):
    _refused(lambda: Order.objects.filter(pk=signed.pk).update(title="О другом"))
    _refused(lambda: Order.objects.filter(pk=signed.pk).update(number=99))
    _refused(lambda: Order.objects.filter(pk=signed.pk).update(status=Order.Status.DRAFT))


def test_raw_sql_update_and_delete_of_a_signed_order_are_refused(signed):
    def sql(statement):
        with connection.cursor() as cursor:
            cursor.execute(statement, [signed.pk])

    _refused(lambda: sql("UPDATE orders_order SET preamble = 'x' WHERE id = %s"))
    _refused(lambda: sql("DELETE FROM orders_order WHERE id = %s"))
    signed.refresh_from_db()
    assert signed.preamble.startswith("В соответствии")


def test_items_participants_annexes_of_a_signed_order_are_frozen(signed):
    _refused(lambda: OrderItem.objects.filter(order=signed).update(text="иное"))
    _refused(lambda: OrderItem.objects.filter(order=signed).delete())
    _refused(lambda: OrderItem.objects.create(order=signed, position=9, text="новый"))
    _refused(lambda: OrderParticipant.objects.filter(order=signed).update(name_dative="Иванову"))
    _refused(lambda: OrderParticipant.objects.filter(order=signed).delete())
    _refused(lambda: OrderAnnex.objects.filter(order=signed).update(rows=[]))


def test_acknowledgement_fields_of_a_signed_order_may_be_set(signed, cast):
    from django.utils import timezone

    assert OrderParticipant.objects.filter(order=signed).update(
        acknowledged_at=timezone.now(), acknowledged_by=cast.mentor
    )


def test_pdf_is_written_once_and_then_frozen(signed):
    Order.objects.filter(pk=signed.pk).update(pdf="orders/x.pdf", pdf_sha256="a" * 64)
    _refused(lambda: Order.objects.filter(pk=signed.pk).update(pdf_sha256="b" * 64))


def test_draft_remains_editable_in_the_database(cast):
    draft = make_draft(cast.school, cast.curator)
    assert Order.objects.filter(pk=draft.pk).update(title="О другом") == 1
    assert OrderItem.objects.filter(order=draft).update(text="другое") == 1


def test_unique_number_per_organization_and_year_is_a_constraint(cast):
    a = make_signed(cast.school, cast.curator, cast.director)
    b = make_draft(cast.school, cast.curator)
    order_send_for_signature(order=b, user=cast.curator)
    with pytest.raises((IntegrityError, InternalError)), transaction.atomic():
        Order.objects.filter(pk=b.pk).update(
            status="signed", number=a.number, year=a.year, date=a.date, signed_at=a.signed_at
        )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_signing_gives_distinct_consecutive_numbers(cast):
    orders = []
    for _ in range(6):
        order = make_draft(cast.school, cast.curator)
        orders.append(order_send_for_signature(order=order, user=cast.curator))
    barrier = threading.Barrier(len(orders))
    errors = []

    def sign(order):
        try:
            barrier.wait(timeout=10)
            order_sign(order=order, director=cast.director)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign, args=(o,)) for o in orders]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    numbers = sorted(Order.objects.filter(organization=cast.school).values_list("number", flat=True))
    assert numbers == [1, 2, 3, 4, 5, 6]


def test_hash_of_the_signed_text_is_fixed_by_the_signature(signed):
    from apps.orders.documents import content_digest

    assert signed.content_sha256 == content_digest(Order.objects.get(pk=signed.pk))
    _refused(lambda: Order.objects.filter(pk=signed.pk).update(content_sha256="c" * 64))
