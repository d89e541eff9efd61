"""E-mails go through the task queue: the command enqueues, ``db_worker`` sends, a failure is kept."""

import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from apps.notifications import services
from apps.notifications.models import EmailDelivery, Notification
from apps.orders.services import order_send_for_signature
from tests.factories.orders import make_draft

pytestmark = pytest.mark.django_db


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture
def awaiting_order(cast):
    cast.director.email = "director@school.ru"
    cast.director.save(update_fields=["email"])
    order = make_draft(cast.school, cast.curator)
    order_send_for_signature(order=order, user=cast.curator)
    return order


@pytest.fixture
def database_queue(settings, monkeypatch):
    """The production backend. The worker drops connections that are not in autocommit mode between
    tasks; this test runs inside one transaction, so that is switched off here."""
    from django_tasks_db.management.commands import db_worker

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


def test_command_enqueues_the_letters_and_the_worker_sends_them(awaiting_order, database_queue, cast):
    call_command("send_notifications", base_url="https://portal.example.ru")
    assert mail.outbox == []
    task = DBTaskResult.objects.get()
    assert task.task_path == "apps.notifications.tasks.send_email_delivery"
    delivery = EmailDelivery.objects.get(user=cast.director)
    assert delivery.status == EmailDelivery.Status.QUEUED

    call_command("db_worker", batch=True, startup_delay=False, reload=False)
    assert [m.to for m in mail.outbox] == [["director@school.ru"]]
    assert "https://portal.example.ru/orders/" in mail.outbox[0].body
    delivery.refresh_from_db()
    assert delivery.status == EmailDelivery.Status.SENT
    assert not Notification.objects.filter(user=cast.director, emailed_at__isnull=True).exists()
    # Running the command again queues nothing: the letter of the day is sent.
    call_command("send_notifications")
    assert DBTaskResult.objects.count() == 1


def test_a_task_run_twice_sends_the_letter_once(awaiting_order, cast):
    call_command("send_notifications")
    delivery = EmailDelivery.objects.get(user=cast.director)
    assert services.deliver(delivery_id=delivery.pk) == "skipped"
    assert len(mail.outbox) == 1


def test_failing_letter_keeps_the_notification_and_is_retried_then_marked_failed(
    awaiting_order, cast, settings
):
    settings.EMAIL_BACKEND = "tests.notifications.test_worker.FailingBackend"
    call_command("send_notifications")
    delivery = EmailDelivery.objects.get(user=cast.director)
    assert (delivery.status, delivery.attempts) == (EmailDelivery.Status.RETRY, 1)
    assert "SMTPServerDisconnected" in delivery.error
    note = Notification.objects.get(user=cast.director, kind=Notification.Kind.ORDER_SIGNATURE)
    assert note.emailed_at is None and note.delivery == delivery

    call_command("send_notifications")
    call_command("send_notifications")
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (EmailDelivery.Status.FAILED, services.MAX_ATTEMPTS)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_notifications")
    assert mail.outbox == []
    assert Notification.objects.filter(pk=note.pk).exists()


def test_failed_attempt_is_sent_by_the_next_run(awaiting_order, cast, settings, client_for):
    settings.EMAIL_BACKEND = "tests.notifications.test_worker.FailingBackend"
    call_command("send_notifications")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_notifications")
    assert [m.to for m in mail.outbox] == [["director@school.ru"]]
    delivery = EmailDelivery.objects.get(user=cast.director)
    assert (delivery.status, delivery.attempts) == (EmailDelivery.Status.SENT, 2)


def test_failed_letter_is_shown_on_the_list(awaiting_order, cast, settings, client_for):
    settings.EMAIL_BACKEND = "tests.notifications.test_worker.FailingBackend"
    for _ in range(services.MAX_ATTEMPTS):
        call_command("send_notifications")
    page = client_for("director").get("/notifications/").content.decode()
    assert "ждёт подписи" in page and "письмо не доставлено" in page


def test_worker_records_the_failure_of_a_queued_letter(awaiting_order, database_queue, cast, settings):
    call_command("send_notifications")
    settings.EMAIL_BACKEND = "tests.notifications.test_worker.FailingBackend"
    call_command("db_worker", batch=True, startup_delay=False, reload=False)
    assert DBTaskResult.objects.get().status == "FAILED"
    delivery = EmailDelivery.objects.get(user=cast.director)
    assert (delivery.status, delivery.attempts) == (EmailDelivery.Status.RETRY, 1)
    assert Notification.objects.filter(user=cast.director, emailed_at__isnull=True).exists()


def test_command_without_email_only_fills_the_portal(awaiting_order, cast):
    call_command("send_notifications", no_email=True)
    assert mail.outbox == [] and not EmailDelivery.objects.exists()
    assert Notification.objects.filter(user=cast.director).exists()


def test_command_refuses_a_bad_date():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="ГГГГ-ММ-ДД"):
        call_command("send_notifications", date="31.12.2026")


def test_user_without_an_address_gets_no_letter_but_the_notification(cast):
    make = make_draft(cast.school, cast.curator)
    order_send_for_signature(order=make, user=cast.curator)
    cast.director.email = ""
    cast.director.save(update_fields=["email"])
    call_command("send_notifications")
    assert mail.outbox == [] and not EmailDelivery.objects.filter(user=cast.director).exists()
    assert Notification.objects.filter(user=cast.director, kind=Notification.Kind.ORDER_SIGNATURE).exists()
