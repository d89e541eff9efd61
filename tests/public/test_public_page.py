from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.orders.models import Order
from apps.public import services
from apps.public.models import NewsItem
from apps.staff import services as staff_services
from apps.staff.models import DisclosureConsent
from tests.factories import pairs as f
from tests.factories import territory as tf
from tests.factories.monitoring import trio
from tests.factories.orders import make_person, make_signed

pytestmark = pytest.mark.django_db


def _url(org):
    return reverse("public:page", args=[org.slug])


@pytest.fixture
def program(cast, year):
    program, _users, _mentees = trio(cast, year)
    return program


def test_page_renders_for_an_anonymous_visitor(client_for, cast):
    response = client_for(None).get(_url(cast.school))
    assert response.status_code == 200
    assert "Наставничество" in response.content.decode()


def test_page_of_an_unknown_organisation_is_404(client_for):
    assert client_for(None).get(reverse("public:page", args=["no-such-school"])).status_code == 404
    assert client_for(None).get(reverse("public:page-by-id", args=[999999])).status_code == 404


def test_page_shows_programs_without_any_participant_name(client_for, cast, program):
    page = client_for(None).get(_url(cast.school)).content.decode()
    assert program.title in page
    for name in ("Морозова", "Васильев", "Наставляемый"):
        assert name not in page


def test_mentor_appears_only_with_an_active_publication_consent(client_for, cast, program):
    mentor = program.group.mentor.person
    assert "Морозова" not in client_for(None).get(_url(cast.school)).content.decode()
    tf.consent(mentor, DisclosureConsent.Kind.TRANSFER)
    assert "Морозова" not in client_for(None).get(_url(cast.school)).content.decode()
    consent = tf.consent(mentor, DisclosureConsent.Kind.PUBLICATION)
    assert "Морозова Татьяна Сергеевна" in client_for(None).get(_url(cast.school)).content.decode()
    staff_services.disclosure_consent_withdraw(consent=consent, user=cast.curator)
    assert "Морозова" not in client_for(None).get(_url(cast.school)).content.decode()


def test_orders_are_listed_by_kind_number_and_date_without_their_titles(client_for, cast):
    person = make_person(cast.school, "Сидорова", "Анна", "Ивановна")
    make_signed(
        cast.school,
        cast.curator,
        cast.director,
        title="О назначении Сидоровой А. И. куратором",
        participants=[(person, "куратор")],
    )
    make_signed(
        cast.school,
        cast.curator,
        cast.director,
        kind=Order.Kind.REGULATION,
        title="Об утверждении Положения о системе наставничества и дорожной карты",
        items=["Утвердить Положение."],
    )
    page = client_for(None).get(_url(cast.school)).content.decode()
    assert "Сидоров" not in page
    assert "Об утверждении Положения" in page
    assert "№ 1" in page and "№ 2" in page


def test_news_is_shown_from_its_publication_date(client_for, cast):
    today = timezone.localdate()
    data = {"kind": NewsItem.Kind.NEWS, "text": "Текст"}
    services.news_create(
        organization=cast.school,
        data=data | {"title": "Круглый стол", "publish_on": today},
        user=cast.curator,
    )
    services.news_create(
        organization=cast.school,
        data=data | {"title": "Будущий семинар", "publish_on": today + timedelta(days=3)},
        user=cast.curator,
    )
    page = client_for(None).get(_url(cast.school)).content.decode()
    assert "Круглый стол" in page and "Будущий семинар" not in page
    assert "Круглый стол" not in client_for(None).get(_url(cast.other_school)).content.decode()


def test_curator_writes_news(client_for, cast):
    client = client_for("curator")
    assert client.get(reverse("public:news-list")).status_code == 200
    response = client.post(
        reverse("public:news-create"),
        {
            "kind": "announcement",
            "title": "Конкурс наставников",
            "text": "Приглашаем",
            "publish_on": "2026-10-01",
        },
    )
    assert response.status_code == 302
    item = NewsItem.objects.get(organization=cast.school)
    assert item.author == cast.curator
    client.post(
        reverse("public:news-edit", args=[item.pk]),
        {"kind": "news", "title": "Конкурс", "text": "Итоги", "publish_on": "2026-10-02"},
    )
    item.refresh_from_db()
    assert (item.title, item.publish_on) == ("Конкурс", date(2026, 10, 2))
    client.post(reverse("public:news-delete", args=[item.pk]))
    assert not NewsItem.objects.exists()


def test_news_form_needs_a_date(client_for):
    response = client_for("curator").post(
        reverse("public:news-create"), {"kind": "news", "title": "Без даты", "text": "x", "publish_on": ""}
    )
    assert response.status_code == 200 and "publish_on" in response.context["form"].errors


@pytest.mark.parametrize(
    ("who", "status"), [("mentor", 403), ("mentee", 403), ("municipal", 403), ("nobody", 403)]
)
def test_only_curator_and_director_write_news(client_for, who, status):
    assert client_for(who).get(reverse("public:news-list")).status_code == status


def test_news_of_another_school_is_404(client_for, cast):
    item = services.news_create(
        organization=cast.other_school,
        data={"kind": "news", "title": "Чужая", "text": "x", "publish_on": date(2026, 10, 1)},
        user=cast.other_curator,
    )
    assert client_for("curator").get(reverse("public:news-edit", args=[item.pk])).status_code == 404
    assert client_for("curator").post(reverse("public:news-delete", args=[item.pk])).status_code == 404


def test_public_page_makes_a_fixed_number_of_queries(
    client_for, cast, year, program, django_assert_max_num_queries
):
    client = client_for(None)
    tf.consent(program.group.mentor.person, DisclosureConsent.Kind.PUBLICATION)
    services.news_create(
        organization=cast.school,
        data={"kind": "news", "title": "Первая", "text": "x", "publish_on": date(2026, 9, 1)},
        user=cast.curator,
    )
    with django_assert_max_num_queries(12) as first:
        client.get(_url(cast.school))
    for i in range(15):
        services.news_create(
            organization=cast.school,
            data={"kind": "news", "title": f"Новость {i}", "text": "x", "publish_on": date(2026, 9, 1)},
            user=cast.curator,
        )
    for i in range(5):
        tf.consent(f.mentor_entry(cast.school, year, last_name=f"Публичный{i}").person)
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(_url(cast.school))
