from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from apps.notifications import services
from apps.notifications.models import Notification
from apps.orders.services import order_send_for_signature
from apps.territory.models import RoadmapEvent
from apps.territory.services import event_set_status
from tests.factories import territory as tf
from tests.factories.orders import make_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def awaiting_order(cast):
    order = make_draft(cast.school, cast.curator)
    order_send_for_signature(order=order, user=cast.curator)
    return order


def test_director_is_notified_of_an_order_awaiting_signature_once(cast, awaiting_order):
    cast.director.email = "director@school.ru"
    cast.director.save()
    assert services.collect() >= 1
    assert services.collect() == 0
    note = Notification.objects.get(user=cast.director, kind=Notification.Kind.ORDER_SIGNATURE)
    assert "ждёт подписи" in note.text
    assert not Notification.objects.filter(user=cast.other_director).exists()


def test_digest_is_one_letter_per_user_and_not_repeated(cast, year, awaiting_order):
    cast.director.email, cast.curator.email = "director@school.ru", "curator@school.ru"
    cast.director.save()
    cast.curator.save()
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


def test_user_who_opted_out_gets_no_mail_but_sees_the_notification(client_for, cast, awaiting_order):
    cast.director.email = "director@school.ru"
    cast.director.save()
    client = client_for("director")
    client.post(reverse("notifications:digest"), {})
    call_command("send_notifications")
    assert mail.outbox == []
    page = client.get(reverse("notifications:list")).content.decode()
    assert "ждёт подписи" in page


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
