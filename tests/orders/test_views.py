"""Order pages: who may see and do what, across roles and organisations; query budgets."""

import pytest
from django.urls import reverse

from apps.orders.models import Order
from apps.orders.services import order_send_for_signature
from tests.factories.orders import make_draft, make_person, make_signed
from tests.locking import opened_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def teacher(cast):
    return make_person(cast.school, "Морозова", "Татьяна", "Сергеевна", sex="f", user=cast.mentor)


@pytest.fixture
def draft(cast, teacher):
    return make_draft(cast.school, cast.curator, participants=[(teacher, "куратор")])


@pytest.fixture
def awaiting(cast, teacher):
    order = make_draft(cast.school, cast.curator, participants=[(teacher, "куратор")])
    return order_send_for_signature(order=order, user=cast.curator)


@pytest.fixture
def signed(cast, teacher):
    return make_signed(cast.school, cast.curator, cast.director, participants=[(teacher, "куратор")])


def url(name, order=None):
    return reverse(f"orders:{name}", args=[order.pk] if order else [])


# --- list -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("curator", 200),
        ("director", 200),
        ("admin", 200),
        ("municipal", 403),
        ("regional", 403),
        ("mentor", 403),
        ("mentee", 403),
        ("council", 403),
        ("nobody", 403),
    ],
)
def test_order_list_access(client_for, role, status, draft):
    assert client_for(role).get(url("order-list")).status_code == status


def test_anonymous_is_sent_to_sign_in(client_for):
    response = client_for(None).get(url("order-list"))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("role", ["municipal", "regional"])
def test_coordinator_sees_no_order_of_a_school_not_even_its_title(client_for, cast, role):
    # A title may name people; coordinators see aggregates only (issue 9). The signed orders reach them
    # depersonalised on the territory drill-down (tests/territory/test_overview.py).
    signed = make_signed(
        cast.school, cast.curator, cast.director, title="О закреплении наставника Морозовой Т. С."
    )
    client = client_for(role)
    for response in (
        client.get(url("order-list")),
        client.get(url("order-detail", signed)),
        client.get(url("order-pdf", signed)),
    ):
        assert response.status_code == 403
        assert "Морозов" not in response.content.decode()


def test_curator_list_filters_by_kind_status_and_year(client_for, draft, signed, cast):
    make_draft(cast.school, cast.curator, kind=Order.Kind.REGULATION, title="Об утверждении Положения")
    response = client_for("curator").get(url("order-list"), {"status": "signed", "year": signed.year})
    assert list(response.context["page_obj"].object_list) == [signed]
    response = client_for("curator").get(url("order-list"), {"kind": "regulation"})
    assert [o.kind for o in response.context["page_obj"].object_list] == ["regulation"]


def test_curator_does_not_see_other_schools_orders(client_for, cast, draft):
    other = make_draft(cast.other_school, cast.other_curator, title="О назначении куратора гимназии")
    html = client_for("curator").get(url("order-list")).content.decode()
    assert other.title not in html


@pytest.mark.parametrize("count", [2, 12])
def test_order_list_runs_a_constant_number_of_queries(client_for, cast, django_assert_max_num_queries, count):
    people = [make_person(cast.school, f"Иванов{i}", "Иван", "Иванович") for i in range(3)]
    for _ in range(count):
        make_signed(cast.school, cast.curator, cast.director, participants=[(p, "наставник") for p in people])
    client = client_for("curator")
    with django_assert_max_num_queries(14):
        assert client.get(url("order-list")).status_code == 200


@pytest.mark.parametrize("count", [1, 10])
def test_desk_runs_a_constant_number_of_queries(client_for, cast, django_assert_max_num_queries, count):
    for _ in range(count):
        order_send_for_signature(order=make_draft(cast.school, cast.curator), user=cast.curator)
    client = client_for("director")
    with django_assert_max_num_queries(10):
        response = client.get(url("order-desk"))
    assert len(response.context["orders"]) == count


# --- detail, pdf ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("curator", 200),
        ("director", 200),
        ("admin", 403),  # the portal administrator reads no order text (it names people)
        ("mentor", 403),  # named, but the order is not signed yet
        ("council", 403),
        ("municipal", 403),
        ("other_curator", 404),
        ("far_curator", 404),
        ("nobody", 404),
    ],
)
def test_draft_detail_access(client_for, draft, role, status):
    assert client_for(role).get(url("order-detail", draft)).status_code == status


@pytest.mark.parametrize(
    ("role", "status"),
    [("mentor", 200), ("mentee", 403), ("municipal", 403), ("other_director", 404)],
)
def test_signed_detail_access(client_for, signed, role, status):
    assert client_for(role).get(url("order-detail", signed)).status_code == status


def test_draft_pdf_is_rendered_with_watermark_and_signed_pdf_is_the_stored_copy(client_for, draft, signed):
    from django.core.files.storage import default_storage

    client = client_for("curator")
    response = client.get(url("order-pdf", draft))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    signed.refresh_from_db()  # the stored copy is written after commit; in this test it is made on demand
    response = client.get(url("order-pdf", signed) + "?download=1")
    assert response["Content-Disposition"].startswith("attachment")
    signed.refresh_from_db()
    with default_storage.open(signed.pdf.name, "rb") as fh:
        assert response.content == fh.read()


def test_pdf_of_another_school_is_404(client_for, draft):
    assert client_for("other_curator").get(url("order-pdf", draft)).status_code == 404


# --- create and edit ------------------------------------------------------------------------------


def test_curator_creates_a_curator_order(client_for, cast, teacher):
    response = client_for("curator").post(
        url("order-create"),
        {
            "kind": "curator",
            "title": "",
            "preamble": "",
            "items_text": f"Назначить {teacher.name_accusative} куратором наставничества.\nУтвердить план.",
            "participants": [teacher.pk],
            "participant_role": "куратор",
            "control_text": "Контроль за исполнением настоящего приказа оставляю за собой.",
        },
    )
    order = Order.objects.get()
    assert response.status_code == 302 and response["Location"] == url("order-detail", order)
    assert order.title == "О назначении куратора" and order.items.count() == 2
    assert order.preamble.startswith("В соответствии с Положением")


def test_bad_title_is_shown_at_the_field(client_for):
    response = client_for("curator").post(
        url("order-create"),
        {"kind": "curator", "title": "Назначить куратора", "items_text": "Пункт", "control_text": "Контроль"},
    )
    assert response.status_code == 200
    assert "начинается с «О» или «Об»" in str(response.context["form"].errors["title"])


def test_amend_without_the_amended_order_is_refused_at_the_field(client_for):
    response = client_for("curator").post(
        url("order-create"), {"kind": "amend", "items_text": "Пункт", "control_text": "Контроль"}
    )
    assert "amends" in response.context["form"].errors


@pytest.mark.parametrize("role", ["director", "mentor", "municipal"])
def test_only_the_curator_creates_orders(client_for, role):
    assert client_for(role).get(url("order-create")).status_code == 403


def test_curator_edits_a_draft_but_not_an_awaiting_order(client_for, draft, awaiting):
    client = client_for("curator")
    response = client.post(
        url("order-edit", draft),
        {
            "lock_token": opened_token(client, url("order-edit", draft)),
            "title": "О назначении куратора наставничества",
            "items_text": "Один\nДва",
            "control_text": "Контроль",
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "О назначении куратора наставничества" and draft.items.count() == 2
    assert client.get(url("order-edit", awaiting)).status_code == 403


def test_other_schools_curator_gets_404_on_edit(client_for, draft):
    assert client_for("other_curator").get(url("order-edit", draft)).status_code == 404


def test_participant_names_are_corrected_before_signing(client_for, draft):
    p = draft.participants.get()
    response = client_for("curator").post(
        reverse("orders:participant-names", args=[draft.pk, p.pk]),
        {
            f"p{p.pk}-name_dative": "Морозовой Татьяне Сергеевне",
            f"p{p.pk}-name_genitive": "Морозовой Татьяны С.",
        },
    )
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.name_genitive == "Морозовой Татьяны С."


# --- transitions ----------------------------------------------------------------------------------


def test_send_is_post_only_and_curator_only(client_for, draft):
    assert client_for("curator").get(url("order-send", draft)).status_code == 405
    assert client_for("director").post(url("order-send", draft)).status_code == 403
    client_for("curator").post(url("order-send", draft))
    draft.refresh_from_db()
    assert draft.status == Order.Status.AWAITING_SIGNATURE


def test_send_with_blockers_shows_the_reason(client_for, cast):
    person = make_person(cast.school, "Черных", "Ольга", "Ивановна", sex="f", consent=False)
    order = make_draft(cast.school, cast.curator, participants=[(person, "наставник")])
    response = client_for("curator").post(url("order-send", order), follow=True)
    assert "нет действующего согласия" in response.content.decode()
    order.refresh_from_db()
    assert order.status == Order.Status.DRAFT


def test_director_signs_with_password(client_for, cast, awaiting):
    cast.director.set_password("пароль-директора")
    cast.director.save()
    client = client_for("director")
    assert client.get(url("order-sign", awaiting)).status_code == 200
    response = client.post(url("order-sign", awaiting), {"password": "не тот"})
    assert response.status_code == 200 and "Неверный пароль" in str(response.context["form"].errors)
    response = client.post(url("order-sign", awaiting), {"password": "пароль-директора"})
    assert response.status_code == 302
    awaiting.refresh_from_db()
    assert awaiting.status == Order.Status.SIGNED and awaiting.number == 1


@pytest.mark.parametrize(("role", "status"), [("curator", 403), ("other_director", 404), ("mentor", 403)])
def test_only_the_schools_director_signs(client_for, awaiting, role, status):
    assert client_for(role).post(url("order-sign", awaiting), {"password": "x"}).status_code == status


def test_director_cannot_sign_a_draft(client_for, draft):
    assert client_for("director").get(url("order-sign", draft)).status_code == 403


def test_director_returns_with_a_comment(client_for, awaiting):
    client = client_for("director")
    client.post(url("order-return", awaiting), {"comment": ""})
    awaiting.refresh_from_db()
    assert awaiting.status == Order.Status.AWAITING_SIGNATURE
    response = client.post(url("order-return", awaiting), {"comment": "Уточните срок"})
    assert response["Location"] == url("order-desk")
    awaiting.refresh_from_db()
    assert awaiting.status == Order.Status.DRAFT and awaiting.returned_comment == "Уточните срок"


def test_curator_cannot_return(client_for, awaiting):
    assert client_for("curator").post(url("order-return", awaiting), {"comment": "x"}).status_code == 403


def test_desk_shows_only_own_schools_awaiting_orders(client_for, cast, awaiting, draft):
    other = order_send_for_signature(
        order=make_draft(cast.other_school, cast.other_curator, title="О назначении куратора гимназии"),
        user=cast.other_curator,
    )
    response = client_for("director").get(url("order-desk"))
    assert response.context["orders"] == [awaiting]
    assert other.title not in response.content.decode()
    assert client_for("curator").get(url("order-desk")).status_code == 403


# --- acquaintance ---------------------------------------------------------------------------------


def test_participant_sees_the_order_on_the_dashboard_and_acknowledges(client_for, signed):
    client = client_for("mentor")
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert 'data-inbox="orders.acknowledge"' in html and url("order-detail", signed) in html
    response = client.post(url("order-acknowledge", signed))
    assert response.status_code == 302
    assert signed.participants.get().acknowledged_at is not None
    assert 'data-inbox="orders.acknowledge"' not in client.get(reverse("accounts:dashboard")).content.decode()


@pytest.mark.parametrize(
    ("next_url", "lands_on"),
    [
        ("/", "/"),
        ("https://evil.example/phish", None),
        ("//evil.example/phish", None),
        ("javascript:alert(1)", None),
    ],
)
def test_acknowledging_returns_to_the_page_it_came_from_never_to_another_site(
    client_for, signed, next_url, lands_on
):
    response = client_for("mentor").post(url("order-acknowledge", signed), {"next": next_url})
    assert response.status_code == 302
    assert response.url == (lands_on or url("order-detail", signed))


@pytest.mark.parametrize(("role", "status"), [("mentee", 403), ("curator", 403), ("other_teacher", 404)])
def test_only_the_named_person_acknowledges(client_for, signed, role, status):
    assert client_for(role).post(url("order-acknowledge", signed)).status_code == status


def test_acknowledging_a_draft_is_refused(client_for, draft):
    assert client_for("mentor").post(url("order-acknowledge", draft)).status_code == 403


def test_detail_shows_the_history_of_transitions(client_for, cast, awaiting):
    from apps.orders.services import order_return

    order_return(order=awaiting, director=cast.director, comment="Уточните срок")
    # The curator reads every change: the statuses by their names and the director's remark.
    html = client_for("curator").get(url("order-detail", awaiting)).content.decode()
    assert "История изменений" in html and "Создание" in html
    assert "<del>Проект</del> → На подписи" in html and "Уточните срок" in html


def test_a_participant_sees_the_timeline_of_a_signed_order_without_authors(client_for, cast, signed):
    html = client_for("mentor").get(url("order-detail", signed)).content.decode()
    assert "Создан проект" in html and "Направлен на подпись" in html and "Подписан" in html
    assert "История изменений" not in html


def test_participant_breadcrumb_leads_to_their_orders_not_the_list(client_for, signed):
    html = client_for("mentor").get(url("order-detail", signed)).content.decode()
    assert reverse("orders:order-mine") in html
    assert client_for("mentor").get(reverse("orders:order-mine")).status_code == 200
