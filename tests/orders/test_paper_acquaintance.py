"""Acquaintance signed on a paper sheet (Labour Code art. 22, 68; LEGAL.md «The order»): the curator
records the date of each signature and the sheet's scan; the order page shows those people acquainted
«на бумаге». Only the curator, only a signed order, all or nothing."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from apps.core.exceptions import DomainError
from apps.orders.models import AcquaintanceSheet, OrderParticipant
from apps.orders.services import order_acquaintance_record_paper
from tests.factories.orders import make_draft, make_person, make_signed

pytestmark = pytest.mark.django_db


def scan():
    return SimpleUploadedFile("list.pdf", b"%PDF-1.4 sheet", content_type="application/pdf")


@pytest.fixture
def people(cast):
    return [
        make_person(cast.school, "Морозова", "Татьяна", "Сергеевна", sex="f", user=cast.mentor),
        make_person(cast.school, "Ёлкин", "Пётр", "Фомич", sex="m"),
    ]


@pytest.fixture
def signed(cast, people):
    return make_signed(
        cast.school, cast.curator, cast.director, participants=[(p, "наставник") for p in people]
    )


def url(order):
    return reverse("orders:acquaintance-paper", args=[order.pk])


def test_the_curator_records_the_sheet_and_the_order_shows_them_acquainted_on_paper(
    client_for, cast, signed, people
):
    today = timezone.localdate()
    first = signed.participants.get(person=people[0])
    response = client_for("curator").post(
        url(signed), {f"date_{first.pk}": today.isoformat(), "scan": scan()}
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert timezone.localtime(first.acknowledged_at).date() == today
    assert first.acknowledged_sheet is not None and first.acknowledged_by == cast.curator
    second = signed.participants.get(person=people[1])
    assert second.acknowledged_at is None  # not on this sheet
    page = client_for("curator").get(reverse("orders:order-detail", args=[signed.pk])).content.decode()
    assert f"ознакомлена {today:%d.%m.%Y} на бумаге" in page
    assert "Ознакомление: 1 из 2" in page
    sheet_url = reverse("orders:acquaintance-sheet", args=[signed.pk, first.acknowledged_sheet_id])
    assert sheet_url in page
    assert client_for("director").get(sheet_url).status_code == 200
    assert client_for("mentor").get(sheet_url).status_code == 403


def test_a_sheet_without_a_scan_or_without_any_date_is_refused(client_for, signed, people):
    first = signed.participants.get(person=people[0])
    no_scan = client_for("curator").post(url(signed), {f"date_{first.pk}": timezone.localdate().isoformat()})
    assert no_scan.status_code == 200
    no_date = client_for("curator").post(url(signed), {"scan": scan()})
    assert no_date.status_code == 200
    assert "Укажите дату ознакомления хотя бы одного работника." in no_date.content.decode()
    assert not OrderParticipant.objects.filter(order=signed, acknowledged_at__isnull=False).exists()
    assert not AcquaintanceSheet.objects.exists()


def test_a_date_before_the_order_or_in_the_future_records_nobody(cast, signed, people):
    first, second = (signed.participants.get(person=p) for p in people)
    with pytest.raises(DomainError) as error:
        order_acquaintance_record_paper(
            order=signed,
            dates={first.pk: timezone.localdate(), second.pk: signed.date - timedelta(days=1)},
            scan=scan(),
            user=cast.curator,
        )
    assert "раньше даты приказа" in error.value.message
    with pytest.raises(DomainError):
        order_acquaintance_record_paper(
            order=signed,
            dates={first.pk: timezone.localdate() + timedelta(days=1)},
            scan=scan(),
            user=cast.curator,
        )
    assert not OrderParticipant.objects.filter(order=signed, acknowledged_at__isnull=False).exists()


def test_a_person_already_acquainted_is_refused(cast, signed, people):
    first = signed.participants.get(person=people[0])
    order_acquaintance_record_paper(
        order=signed, dates={first.pk: timezone.localdate()}, scan=scan(), user=cast.curator
    )
    with pytest.raises(DomainError) as error:
        order_acquaintance_record_paper(
            order=signed, dates={first.pk: timezone.localdate()}, scan=scan(), user=cast.curator
        )
    assert "уже отмечено" in error.value.message


def test_a_participant_of_another_order_is_refused(cast, signed):
    other = make_signed(
        cast.school,
        cast.curator,
        cast.director,
        participants=[(make_person(cast.school, "Гусев", "Лев", "Ильич"), "наставник")],
    )
    stranger = other.participants.get()
    with pytest.raises(DomainError):
        order_acquaintance_record_paper(
            order=signed, dates={stranger.pk: timezone.localdate()}, scan=scan(), user=cast.curator
        )


def test_a_draft_cannot_be_acquainted(client_for, cast, people):
    draft = make_draft(cast.school, cast.curator, participants=[(people[0], "наставник")])
    assert client_for("curator").get(url(draft)).status_code == 403


@pytest.mark.parametrize("role", ["director", "mentor", "council"])
def test_only_the_curator_records_paper_acquaintance(client_for, signed, people, role):
    first = signed.participants.get(person=people[0])
    response = client_for(role).post(
        url(signed), {f"date_{first.pk}": timezone.localdate().isoformat(), "scan": scan()}
    )
    assert response.status_code == 403
    assert not AcquaintanceSheet.objects.exists()


def test_another_schools_curator_gets_404(client_for, signed):
    assert client_for("other_curator").get(url(signed)).status_code == 404
