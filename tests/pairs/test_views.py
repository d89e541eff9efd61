"""Pages: allowed, 403 for the wrong role, 404 across organisations; constant queries; the PDF text."""

from datetime import date

import pytest
from django.urls import reverse

from apps.pairs import services
from apps.pairs.models import DutyConsent, MentoringGroup
from tests.factories import pairs as f
from tests.locking import opened_token
from tests.pdf_pages import page_text, pdf_pages

pytestmark = pytest.mark.django_db

SEE_ALL = ["curator", "director", "psychologist", "council"]
OUTSIDERS_404 = ["other_curator", "other_director", "other_teacher", "far_curator", "nobody", "far_municipal"]


@pytest.mark.parametrize("name", [*SEE_ALL, "admin"])
def test_pair_list_is_open_to_organisation_staff(client_for, name, draft_pair, cast):
    client = client_for(name)
    response = client.get(reverse("pairs:group-list"))
    if name == "admin":  # no active organisation: nothing to list
        assert response.status_code == 403
        return
    assert response.status_code == 200
    assert "Морозова Т. С." in response.content.decode()


@pytest.mark.parametrize("name", ["mentor", "mentee", "other_curator", "nobody", "municipal"])
def test_pair_list_of_own_organisation_only(client_for, name, draft_pair):
    response = client_for(name).get(reverse("pairs:group-list"))
    if name == "other_curator":
        assert response.status_code == 200 and "Морозова" not in response.content.decode()
    else:
        assert response.status_code == 403


def test_anonymous_is_sent_to_sign_in(client_for, draft_pair):
    response = client_for(None).get(reverse("pairs:group-list"))
    assert response.status_code == 302


@pytest.mark.parametrize("name", [*SEE_ALL, "mentor", "mentee"])
def test_detail_for_staff_and_own_participants(client_for, name, draft_pair):
    assert client_for(name).get(reverse("pairs:group-detail", args=[draft_pair.pk])).status_code == 200


@pytest.mark.parametrize("name", OUTSIDERS_404)
def test_detail_is_404_outside_the_organisation(client_for, name, draft_pair):
    assert client_for(name).get(reverse("pairs:group-detail", args=[draft_pair.pk])).status_code == 404


@pytest.mark.parametrize("name", ["two_roles", "municipal", "regional"])
def test_detail_is_403_for_members_not_in_the_pair(client_for, name, draft_pair):
    assert client_for(name).get(reverse("pairs:group-detail", args=[draft_pair.pk])).status_code == 403


@pytest.mark.parametrize("name", ["director", "psychologist", "council", "mentor", "mentee"])
def test_only_curator_creates_pairs(client_for, name, bank):
    assert client_for(name).get(reverse("pairs:group-create")).status_code == 403


def test_curator_creates_pair_through_the_form(client_for, bank):
    response = client_for("curator").post(
        reverse("pairs:group-create"),
        {
            "mentees": [bank.mentee.pk],
            "mentor": bank.mentor.pk,
            "form": "teacher_teacher",
            "types": ["traditional"],
            "direction": "methods",
            "planned_start": "2026-10-01",
            "planned_end": "2027-05-31",
        },
    )
    assert response.status_code == 302
    assert MentoringGroup.objects.get().mentor == bank.mentor


def test_save_and_form_another_opens_an_empty_form_again(client_for, bank):
    """«Сохранить и сформировать ещё» (issue 14): the pair is saved, the form comes back for the next."""
    client = client_for("curator")
    assert "Сохранить и сформировать ещё" in client.get(reverse("pairs:group-create")).content.decode()
    data = {
        "mentees": [bank.mentee.pk],
        "mentor": bank.mentor.pk,
        "form": "teacher_teacher",
        "types": ["traditional"],
        "direction": "methods",
        "planned_start": "2026-10-01",
        "planned_end": "2027-05-31",
        "then": "another",
    }
    response = client.post(reverse("pairs:group-create"), data)
    assert response.status_code == 302 and response.url == reverse("pairs:group-create")
    assert MentoringGroup.objects.get().members.get().mentee == bank.mentee
    assert "Пара сформирована (проект)" in client.get(response.url).content.decode()


def test_editing_a_draft_offers_no_save_and_form_another(client_for, draft_pair):
    body = client_for("curator").get(reverse("pairs:group-edit", args=[draft_pair.pk])).content.decode()
    assert "Сохранить и сформировать ещё" not in body


def test_the_pair_form_loads_the_script_that_makes_several_mentees_a_group(client_for, bank):
    """static/js/pairs.js finds the form by data-group-form and its fields by name (e2e: the journey)."""
    body = client_for("curator").get(reverse("pairs:group-create")).content.decode()
    assert "js/pairs.js" in body and "data-group-form" in body
    for name in ('name="mentees"', 'name="form"', 'value="traditional"', 'value="group"'):
        assert name in body


def test_rule_message_is_shown_at_the_field(client_for, bank):
    response = client_for("curator").post(
        reverse("pairs:group-create"),
        {
            "mentees": [bank.mentee.pk, bank.mentee2.pk],
            "mentor": bank.mentor.pk,
            "form": "teacher_teacher",
            "types": ["traditional"],
            "direction": "methods",
            "planned_start": "2026-10-01",
            "planned_end": "2027-05-31",
        },
    )
    assert response.status_code == 200
    assert "В паре ровно один наставляемый" in response.content.decode()
    assert not MentoringGroup.objects.exists()


def test_create_page_shows_suggestions_with_reasons(client_for, bank):
    response = client_for("curator").get(reverse("pairs:group-create"), {"mentee": bank.mentee.pk})
    body = response.content.decode()
    assert "Морозова Татьяна Сергеевна" in body and "Нагрузка: 0 из 2" in body
    partial = client_for("curator").get(
        reverse("pairs:group-create"), {"mentees": [bank.mentee.pk]}, HTTP_HX_REQUEST="true"
    )
    assert "Наставник опытнее на 19 лет" in partial.content.decode()


def test_participant_confirms_consent_from_dashboard(client_for, draft_pair, bank):
    client = client_for("mentee")
    dash = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Дать согласие на участие" in dash
    client.post(
        reverse("pairs:consent-confirm", args=[draft_pair.pk]), {"back": reverse("accounts:dashboard")}
    )
    assert DutyConsent.objects.filter(person=bank.mentee.person, form="portal").exists()
    assert "Дать согласие на участие" not in client.get(reverse("accounts:dashboard")).content.decode()


def test_curator_cannot_confirm_consent_for_someone(client_for, draft_pair):
    assert (
        client_for("curator").post(reverse("pairs:consent-confirm", args=[draft_pair.pk])).status_code == 403
    )


def test_psychologist_writes_compatibility_and_curator_cannot(client_for, draft_pair):
    url = reverse("pairs:compatibility", args=[draft_pair.pk])
    assert client_for("curator").post(url, {"compatibility": "compatible"}).status_code == 403
    client = client_for("psychologist")
    token = opened_token(client, reverse("pairs:group-detail", args=[draft_pair.pk]))
    data = {"compatibility": "reservations", "note": "разные темпы работы", "lock_token": token}
    assert client.post(url, data).status_code == 302
    draft_pair.refresh_from_db()
    assert draft_pair.compatibility == "reservations"


def test_curator_submits_selected_pairs_to_an_order(client_for, draft_pair):
    response = client_for("curator").post(reverse("pairs:order-create"), {"groups": [draft_pair.pk]})
    assert response.status_code == 302
    draft_pair.refresh_from_db()
    assert draft_pair.status == MentoringGroup.Status.AWAITING_ORDER


def test_other_curator_cannot_submit_foreign_pairs(client_for, draft_pair):
    client_for("other_curator").post(reverse("pairs:order-create"), {"groups": [draft_pair.pk]})
    draft_pair.refresh_from_db()
    assert draft_pair.status == MentoringGroup.Status.DRAFT


def test_changing_state_needs_post(client_for, draft_pair):
    assert client_for("curator").get(reverse("pairs:group-delete", args=[draft_pair.pk])).status_code == 405


def test_additional_agreement_pdf_text(client_for, draft_pair):
    response = client_for("mentor").get(reverse("pairs:agreement-pdf", args=[draft_pair.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = page_text([line for page in pdf_pages(response.content) for line in page])
    assert "ДОПОЛНИТЕЛЬНОЕ СОГЛАШЕНИЕ" in text
    assert "и Морозова Татьяна Сергеевна, педагогический работник (далее — Работник)" in text
    assert "статьёй 351.8" in text
    assert "с 01.10.2026 по 31.05.2027" in text
    assert "за 3 рабочих дня" in text
    assert "в отношении педагогического работника Васильева Артёма Дмитриевича (форма" in text


@pytest.mark.parametrize("name", ["mentee", "psychologist", "council"])
def test_agreement_pdf_is_for_curator_director_and_the_mentor(client_for, name, draft_pair):
    assert client_for(name).get(reverse("pairs:agreement-pdf", args=[draft_pair.pk])).status_code == 403


def test_pair_list_queries_do_not_grow_with_rows(client_for, bank, cast, django_assert_max_num_queries):
    client = client_for("curator")

    def add(n):
        for _ in range(n):
            mentor = f.mentor_entry(bank.school, bank.year)
            mentees = [f.mentee_entry(bank.school, bank.year) for _ in range(2)]
            g = services.group_create(**f.group_kwargs(bank.school, bank.year, mentor, mentees))
            services.duty_consent_upload(
                group=g, person=mentor.person, signed_on=date(2026, 9, 1), scan=_scan(), user=cast.curator
            )

    add(2)
    with django_assert_max_num_queries(14) as small:
        assert client.get(reverse("pairs:group-list")).status_code == 200
    add(8)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(reverse("pairs:group-list")).status_code == 200


def test_cohort_page_proposes_and_creates(client_for, bank):
    client = client_for("curator")
    page = client.get(reverse("pairs:cohort")).content.decode()
    assert "Васильев Артём Дмитриевич" in page
    response = client.post(
        reverse("pairs:cohort"),
        {
            "planned_start": "2026-10-01",
            "planned_end": "2027-05-31",
            "include": [bank.mentee.pk],
            f"mentor_{bank.mentee.pk}": bank.mentor.pk,
            f"direction_{bank.mentee.pk}": "methods",
        },
    )
    assert response.status_code == 302
    assert MentoringGroup.objects.filter(mentor=bank.mentor).count() == 1


def _scan():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("c.pdf", b"%PDF-1.4", content_type="application/pdf")


def _activate(group, cast):
    from apps.orders.services import order_send_for_signature, order_sign
    from apps.pairs.selectors import participants

    for person in participants(group):
        services.duty_consent_upload(
            group=group, person=person, signed_on=date(2026, 9, 1), scan=_scan(), user=cast.curator
        )
    order = services.groups_submit_to_order(groups=[group], user=cast.curator)
    order_send_for_signature(order=order, user=cast.curator)
    order_sign(order=order, director=cast.director)
    group.refresh_from_db()
    return group


def test_replace_page_prepares_an_order(client_for, draft_pair, bank, cast):
    from apps.orders.models import Order

    group = _activate(draft_pair, cast)
    new_mentor = f.mentor_entry(bank.school, bank.year)
    url = reverse("pairs:replace", args=[group.pk])
    assert client_for("director").get(url).status_code == 403
    client = client_for("curator")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "member": group.members.get().pk,
            "new_mentor": new_mentor.pk,
            "petition_date": "2026-11-20",
            "reason": "смена расписания",
        },
    )
    assert response.status_code == 302
    assert Order.objects.filter(kind=Order.Kind.REPLACE_MENTOR).exists()


def test_release_page_shows_notice_end_and_prepares_an_order(client_for, draft_pair, cast):
    from apps.orders.models import Order

    group = _activate(draft_pair, cast)
    url = reverse("pairs:release", args=[group.pk])
    assert client_for("mentor").get(url).status_code == 403
    response = client_for("curator").post(url, {"ground": "early_termination", "document_date": "2026-11-27"})
    assert response.status_code == 302
    order = Order.objects.get(kind=Order.Kind.RELEASE_MENTOR)
    assert "с 02.12.2026" in " ".join(i.text for i in order.items.all())


def test_detail_links_the_signed_order(client_for, draft_pair, cast):
    group = _activate(draft_pair, cast)
    body = client_for("director").get(reverse("pairs:group-detail", args=[group.pk])).content.decode()
    assert reverse("orders:order-detail", args=[group.assigned_order_id]) in body
