from datetime import date, datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from apps.notifications import services
from apps.notifications.models import Channel, EmailDelivery, Notification, NotificationPreference
from apps.orders.services import order_acknowledge, order_send_for_signature
from apps.territory.models import RoadmapEvent
from apps.territory.services import event_set_status
from tests.factories import territory as tf
from tests.factories.orders import make_draft, make_person, make_signed

pytestmark = pytest.mark.django_db


@pytest.fixture
def awaiting_order(cast):
    order = make_draft(cast.school, cast.curator)
    order_send_for_signature(order=order, user=cast.curator)
    return order


def _with_email(*users):
    for user in users:
        user.email = f"{user.username}@school.ru"
        user.save(update_fields=["email"])


def test_director_is_notified_of_an_order_awaiting_signature_once(cast, awaiting_order):
    assert services.collect() >= 1
    assert services.collect() == 0
    note = Notification.objects.get(user=cast.director, kind=Notification.Kind.ORDER_SIGNATURE)
    assert "ждёт подписи" in note.text
    assert not Notification.objects.filter(user=cast.other_director).exists()


def test_participant_is_asked_to_acknowledge_a_signed_order_until_they_do(cast):
    teacher = make_person(cast.school, "Сидорова", "Анна", "Ивановна", user=cast.mentor)
    bystander = make_person(cast.school, "Петров", "Иван", "Ильич")
    order = make_signed(
        cast.school,
        cast.curator,
        cast.director,
        participants=[(teacher, "наставник"), (bystander, "наставник")],
    )
    services.collect()
    note = Notification.objects.get(kind=Notification.Kind.ORDER_ACQUAINTANCE)
    assert note.user == cast.mentor and f"№ {order.number}" in note.text
    order_acknowledge(order=order, person=teacher, user=cast.mentor)
    Notification.objects.all().delete()
    services.collect()
    assert not Notification.objects.filter(kind=Notification.Kind.ORDER_ACQUAINTANCE).exists()


def test_digest_is_one_letter_per_user_and_not_repeated(cast, year, awaiting_order):
    _with_email(cast.director, cast.curator)
    roadmap = tf.roadmap(cast.school, year, cast.curator)
    # The model roadmap's first deadlines are in September and October of the year.
    assert roadmap.events.filter(deadline__lt=timezone.localdate()).exists()
    call_command("send_notifications", base_url="https://portal.example.ru")
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["curator@school.ru", "director@school.ru"]
    curator_letter = next(m for m in mail.outbox if m.to == ["curator@school.ru"])
    assert (
        "Просрочено" in curator_letter.body
        and "https://portal.example.ru/territory/roadmaps/" in curator_letter.body
    )
    call_command("send_notifications")
    assert len(mail.outbox) == 2


def test_second_digest_the_same_day_waits_for_tomorrow(cast, awaiting_order):
    _with_email(cast.director)
    services.collect()
    morning = timezone.make_aware(datetime(2026, 11, 2, 8, 0))
    assert services.schedule_emails(now=morning) == 1
    second = make_draft(cast.school, cast.curator, title="О назначении второго куратора")
    order_send_for_signature(order=second, user=cast.curator)
    services.collect()
    assert services.schedule_emails(now=morning.replace(hour=15)) == 0
    assert len(mail.outbox) == 1
    assert services.schedule_emails(now=morning.replace(day=3)) == 1
    assert len(mail.outbox) == 2 and "второго куратора" in mail.outbox[1].body
    assert EmailDelivery.objects.filter(user=cast.director, kind="digest").count() == 2


def test_digest_waits_for_the_configured_hour(cast, awaiting_order, settings):
    settings.NOTIFICATIONS_DIGEST_HOUR = 7
    _with_email(cast.director)
    services.collect()
    early = timezone.make_aware(datetime(2026, 11, 2, 6, 30))
    assert services.schedule_emails(now=early) == 0 and mail.outbox == []
    assert services.schedule_emails(now=early.replace(hour=7)) == 1 and len(mail.outbox) == 1


def test_email_channel_sends_a_letter_per_notification_at_once(cast, awaiting_order, settings):
    settings.NOTIFICATIONS_DIGEST_HOUR = 23
    _with_email(cast.director)
    NotificationPreference.objects.create(
        user=cast.director, kind=Notification.Kind.ORDER_SIGNATURE, channel=Channel.EMAIL
    )
    services.collect()
    services.schedule_emails(now=timezone.make_aware(datetime(2026, 11, 2, 9, 0)))
    assert [m.to for m in mail.outbox] == [["director@school.ru"]]
    assert "ждёт подписи" in mail.outbox[0].subject + mail.outbox[0].body


def test_portal_only_gives_no_letter_and_off_gives_no_notification(client_for, cast, awaiting_order):
    _with_email(cast.director)
    client = client_for("director")
    data = dict.fromkeys(Notification.Kind.values, Channel.DIGEST)
    data[Notification.Kind.ORDER_SIGNATURE] = Channel.PORTAL
    assert client.post(reverse("notifications:settings"), data).status_code == 302
    call_command("send_notifications")
    assert mail.outbox == []
    assert "ждёт подписи" in client.get(reverse("notifications:list")).content.decode()

    Notification.objects.all().delete()
    data[Notification.Kind.ORDER_SIGNATURE] = Channel.OFF
    client.post(reverse("notifications:settings"), data)
    call_command("send_notifications")
    assert not Notification.objects.filter(user=cast.director).exists()


def test_settings_page_shows_the_choice_and_refuses_an_unknown_channel(client_for, cast):
    client = client_for("mentor")
    page = client.get(reverse("notifications:settings")).content.decode()
    assert "Программа без активности" in page and "Сразу письмом" in page
    data = dict.fromkeys(Notification.Kind.values, Channel.DIGEST)
    data[Notification.Kind.SURVEY_DUE] = "pigeon"
    response = client.post(reverse("notifications:settings"), data)
    assert response.status_code == 200
    assert "Выберите корректный вариант" in response.content.decode()
    assert not NotificationPreference.objects.filter(user=cast.mentor).exists()


def test_preferences_of_another_user_are_untouched(client_for, cast):
    data = dict.fromkeys(Notification.Kind.values, Channel.OFF)
    client_for("mentor").post(reverse("notifications:settings"), data)
    assert services.preferences_of(user=cast.mentee) == dict.fromkeys(
        Notification.Kind.values, Channel.DIGEST
    )
    assert set(services.preferences_of(user=cast.mentor).values()) == {Channel.OFF}


def test_done_roadmap_events_are_not_notified(cast, year):
    roadmap = tf.roadmap(cast.school, year, cast.curator)
    for event in roadmap.events.all():
        event_set_status(
            event=event, status=RoadmapEvent.Status.DONE, user=cast.curator, on=date(2026, 9, 30)
        )
    services.collect()
    assert not Notification.objects.filter(kind=Notification.Kind.ROADMAP_DUE).exists()


def test_municipal_coordinator_is_notified_of_a_roadmap_to_agree(cast, year):
    tf.approved(cast.school, year, cast.curator, cast.director)
    services.collect()
    assert Notification.objects.filter(user=cast.municipal, kind=Notification.Kind.ROADMAP_AGREEMENT).exists()
    assert not Notification.objects.filter(user=cast.far_municipal).exists()


def test_list_shows_only_own_notifications_and_marks_them_read(client_for, cast, awaiting_order):
    services.collect()
    assert "ждёт подписи" not in client_for("curator").get(reverse("notifications:list")).content.decode()
    client_for("director").post(reverse("notifications:mark-read"))
    assert not Notification.objects.filter(user=cast.director, read_at__isnull=True).exists()


def test_anonymous_is_sent_to_sign_in(client_for):
    assert client_for(None).get(reverse("notifications:list")).status_code == 302
    assert client_for(None).get(reverse("notifications:settings")).status_code == 302


def test_list_makes_the_same_number_of_queries_for_few_and_many(
    client_for, cast, django_assert_max_num_queries
):
    client = client_for("director")
    Notification.objects.bulk_create(
        Notification(
            user=cast.director, kind=Notification.Kind.ORDER_SIGNATURE, text=f"Приказ {i}", key=f"k{i}"
        )
        for i in range(2)
    )
    client.get(reverse("notifications:list"))
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("notifications:list"))
    Notification.objects.bulk_create(
        Notification(
            user=cast.director, kind=Notification.Kind.ORDER_SIGNATURE, text=f"Приказ {i}", key=f"m{i}"
        )
        for i in range(28)
    )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("notifications:list"))
