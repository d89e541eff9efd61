"""Notifications of the kinds a person sent to Telegram: queued by send_notifications, sent by the task
with the notification's text and link only, retried after a failure up to MAX_ATTEMPTS, failed at once
when the person blocked the bot, recorded either way; erased with the person."""

import pytest
from django.core import mail
from django.core.management import call_command

from apps.notifications import messaging, services
from apps.notifications.models import Channel, MessengerDelivery, MessengerLink, Notification
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

CHAT = 5550001
KIND = Notification.Kind.ROLE_CHANGE


@pytest.fixture
def anna(db, telegram):
    user = UserFactory(username="anna", first_name="Анна", last_name="Смирнова", email="anna@school.ru")
    telegram.user_says(CHAT, "/start")  # the chat exists at the bot
    MessengerLink.objects.create(user=user, messenger="telegram", chat_id=str(CHAT))
    services.preferences_set(user=user, channels={KIND: Channel.TELEGRAM})
    return user


def _notify(user, key="k1"):
    services.notify(
        [user.pk], kind=KIND, text="Вам выдана роль «Наставник».", url="/accounts/profile/", key=key
    )


def test_a_notification_goes_to_the_chat_with_its_text_and_link_only(anna, telegram):
    _notify(anna)
    call_command("send_notifications", base_url="https://nastavnik.example.ru")
    delivery = MessengerDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.error) == (MessengerDelivery.Status.SENT, 1, "")
    assert delivery.message_id and delivery.sent_at
    text = telegram.messages_to(CHAT)[-1]
    assert text == (
        "Наставник.Школа: Выдача и снятие ролей\nВам выдана роль «Наставник».\n"
        "https://nastavnik.example.ru/accounts/profile/"
    )
    assert "Анна" not in text and "anna@school.ru" not in text
    assert mail.outbox == []  # the kind goes to Telegram, not into an e-mail
    call_command("send_notifications")  # nothing twice
    assert MessengerDelivery.objects.count() == 1 and len(telegram.messages_to(CHAT)) == 1


def test_a_failed_message_is_retried_by_the_next_run_then_marked_failed(anna, telegram):
    telegram.fail_next("server", times=3)
    _notify(anna)
    call_command("send_notifications")
    delivery = MessengerDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (MessengerDelivery.Status.RETRY, 1)
    assert "Telegram 500" in delivery.error
    call_command("send_notifications")
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (MessengerDelivery.Status.RETRY, 2)
    call_command("send_notifications")
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (MessengerDelivery.Status.FAILED, 3)
    call_command("send_notifications")
    delivery.refresh_from_db()
    assert delivery.attempts == 3 and telegram.messages_to(CHAT) == []
    assert Notification.objects.filter(user=anna).count() == 1  # still in the portal


def test_a_flood_limit_is_retried_and_the_next_run_sends(anna, telegram):
    telegram.fail_next("flood")
    _notify(anna)
    call_command("send_notifications")
    delivery = MessengerDelivery.objects.get()
    assert delivery.status == MessengerDelivery.Status.RETRY and "retry after 5" in delivery.error
    call_command("send_notifications")
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (MessengerDelivery.Status.SENT, 2)


def test_a_blocked_bot_fails_at_once(anna, telegram):
    telegram.fail_next("blocked")
    _notify(anna)
    call_command("send_notifications")
    delivery = MessengerDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (MessengerDelivery.Status.FAILED, 1)
    assert "blocked" in delivery.error
    call_command("send_notifications")
    assert MessengerDelivery.objects.get().attempts == 1


def test_a_task_run_twice_sends_the_message_once(anna, telegram):
    _notify(anna)
    call_command("send_notifications")
    delivery = MessengerDelivery.objects.get()
    assert messaging.deliver_message(delivery_id=delivery.pk) == "skipped"
    assert len(telegram.messages_to(CHAT)) == 1


def test_a_notification_made_before_the_unlinking_goes_to_the_digest(anna, telegram, client):
    _notify(anna)
    client.force_login(anna)
    client.post("/notifications/settings/telegram/unlink/")
    assert Notification.objects.get(user=anna).channel == Channel.DIGEST
    call_command("send_notifications")
    assert not MessengerDelivery.objects.exists() and telegram.messages_to(CHAT) == []


def test_a_messenger_switched_off_by_the_deployment_records_the_reason(anna, telegram, settings):
    _notify(anna)
    settings.TELEGRAM_BOT_TOKEN = ""
    call_command("send_notifications")
    delivery = MessengerDelivery.objects.get()
    assert delivery.status == MessengerDelivery.Status.FAILED and "не настроен" in delivery.error


def test_the_worker_sends_the_queued_message(anna, telegram, settings, monkeypatch):
    from django_tasks_db.management.commands import db_worker
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    _notify(anna)
    call_command("send_notifications", base_url="https://nastavnik.example.ru")
    assert DBTaskResult.objects.get().task_path == "apps.notifications.tasks.send_messenger_delivery"
    assert MessengerDelivery.objects.get().status == MessengerDelivery.Status.QUEUED
    call_command("db_worker", batch=True, startup_delay=False, reload=False)
    assert MessengerDelivery.objects.get().status == MessengerDelivery.Status.SENT
    assert telegram.messages_to(CHAT)[-1].endswith("https://nastavnik.example.ru/accounts/profile/")


def test_erasing_the_person_removes_her_chat_and_messages(anna, telegram):
    _notify(anna)
    call_command("send_notifications")
    counts = services.erase_person_data(user=anna)
    assert counts["messenger_links"] == 1 and counts["messenger_deliveries"] == 1
    assert not MessengerLink.objects.exists() and not MessengerDelivery.objects.exists()


def test_the_answer_to_the_subject_lists_her_linked_chat(anna):
    from types import SimpleNamespace

    from apps.notifications.subject_data import sections

    titles = {s.title: s for s in sections(person=SimpleNamespace(user_id=anna.pk))}
    assert titles["Мессенджеры"].rows[0][1] == str(CHAT)
    assert [s.title for s in sections(person=SimpleNamespace(user_id=None))] == ["Уведомления"]
