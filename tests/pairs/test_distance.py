"""Distance pairs across schools (issue 9 §3): a mentee of ``school`` with a mentor of ``other_school``
taken from the regional base. The pair, its order and its program belong to the mentee's school."""

from datetime import date

import pytest
from django.urls import reverse

from apps.banks.selectors import mentor_load
from apps.core.exceptions import DomainError
from apps.orders.services import order_blockers
from apps.pairs import services
from apps.pairs.models import MentoringGroup, MentoringType
from apps.pairs.selectors import mentor_load as pairs_mentor_load
from apps.pairs.services import position_instrumental
from apps.staff import services as staff_services
from apps.staff.models import DisclosureConsent, Position
from tests.factories import pairs as f
from tests.factories import programs as pf
from tests.factories import territory as tf

pytestmark = pytest.mark.django_db


@pytest.fixture
def far_mentor(cast, year):
    """Дюма Ольга Павловна, a teacher of the gymnasium (``other_school``), the cast's other_teacher,
    visible in the region with an active transfer consent."""
    entry = f.mentor_entry(
        cast.other_school,
        year,
        last_name="Дюма",
        first_name="Ольга",
        patronymic="Павловна",
        sex="f",
        user=cast.other_teacher,
        position=Position.objects.get(name="Учитель"),
    )
    entry.visible_in_region = True
    entry.save(update_fields=["visible_in_region"])
    tf.consent(entry.person, DisclosureConsent.Kind.TRANSFER)
    return entry


@pytest.fixture
def distance_pair(bank, cast, far_mentor):
    return pf.active_group(
        bank.school, bank.year, far_mentor, [bank.mentee], curator=cast.curator, director=cast.director
    )


def create(bank, mentor, **overrides):
    return services.group_create(**f.group_kwargs(bank.school, bank.year, mentor, [bank.mentee], **overrides))


# --- the rule -------------------------------------------------------------------------------------


def test_regional_mentor_with_visibility_and_transfer_consent_is_accepted(bank, far_mentor):
    group = create(bank, far_mentor)
    assert group.organization == bank.school and group.is_distance
    assert MentoringType.VIRTUAL in group.types  # a distance pair is «виртуальное (дистанционное)»


def test_regional_mentor_without_visibility_is_refused_at_the_mentor_field(bank, far_mentor):
    far_mentor.visible_in_region = False
    far_mentor.save(update_fields=["visible_in_region"])
    with pytest.raises(DomainError) as error:
        create(bank, far_mentor)
    assert error.value.field == "mentor"
    assert "региональную базу наставников" in error.value.message


def test_regional_mentor_without_transfer_consent_is_refused_at_the_mentor_field(bank, cast, far_mentor):
    consent = DisclosureConsent.objects.get(person=far_mentor.person)
    staff_services.disclosure_consent_withdraw(consent=consent, user=cast.other_curator)
    with pytest.raises(DomainError) as error:
        create(bank, far_mentor)
    assert error.value.field == "mentor"
    assert "согласия" in error.value.message and "передачу сведений" in error.value.message


def test_publication_consent_does_not_replace_the_transfer_consent(bank, cast, year):
    entry = f.mentor_entry(cast.other_school, year, last_name="Публичная")
    entry.visible_in_region = True
    entry.save(update_fields=["visible_in_region"])
    tf.consent(entry.person, DisclosureConsent.Kind.PUBLICATION)
    with pytest.raises(DomainError, match="передачу сведений"):
        create(bank, entry)


def test_mentor_of_another_region_is_refused(bank, year, far_mentor):
    from tests.factories.organizations import MunicipalityFactory, OrganizationFactory, RegionFactory

    alien_school = OrganizationFactory(municipality=MunicipalityFactory(region=RegionFactory()))
    alien = f.mentor_entry(alien_school, year, last_name="Чужой")
    alien.visible_in_region = True
    alien.save(update_fields=["visible_in_region"])
    tf.consent(alien.person, DisclosureConsent.Kind.TRANSFER)
    with pytest.raises(DomainError) as error:
        create(bank, alien)
    assert error.value.field == "mentor"


def test_form_refuses_a_mentor_without_consent_with_a_russian_message(client_for, bank, cast, far_mentor):
    """The pair form lists only the regional base; a mentor whose consent is withdrawn is not a choice."""
    consent = DisclosureConsent.objects.get(person=far_mentor.person)
    staff_services.disclosure_consent_withdraw(consent=consent, user=cast.other_curator)
    response = client_for("curator").post(
        reverse("pairs:group-create"),
        {
            "mentees": [bank.mentee.pk],
            "mentor": far_mentor.pk,
            "form": "teacher_teacher",
            "types": ["traditional"],
            "direction": "methods",
            "planned_start": "2026-10-01",
            "planned_end": "2027-05-31",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["mentor"]
    assert "Выберите корректный вариант" in response.context["form"].errors["mentor"][0]
    assert not MentoringGroup.objects.exists()


def test_pair_form_groups_own_and_regional_mentors(client_for, bank, far_mentor):
    page = client_for("curator").get(reverse("pairs:group-create")).content.decode()
    assert '<optgroup label="Наставники организации">' in page
    assert '<optgroup label="Наставники региона (дистанционно)">' in page
    assert "Дюма Ольга Павловна — МБОУ Гимназия № 2, учитель" in page


def test_curator_forms_a_distance_pair_through_the_page(client_for, bank, far_mentor):
    response = client_for("curator").post(
        reverse("pairs:group-create"),
        {
            "mentees": [bank.mentee.pk],
            "mentor": far_mentor.pk,
            "form": "teacher_teacher",
            "types": ["traditional"],
            "direction": "methods",
            "planned_start": "2026-10-01",
            "planned_end": "2027-05-31",
        },
    )
    group = MentoringGroup.objects.get()
    assert response.status_code == 302 and group.mentor == far_mentor and group.organization == bank.school


# --- the order ------------------------------------------------------------------------------------


def test_order_is_drafted_in_the_mentee_school_and_names_the_mentor_with_her_school(bank, cast, far_mentor):
    group = create(bank, far_mentor)
    order = services.groups_submit_to_order(groups=[group], user=cast.curator)
    assert order.organization == bank.school
    item = order.items.order_by("position").first().text
    assert (
        "Закрепить наставляемого Васильева Артёма Дмитриевича за наставником Дюма Ольгой Павловной, "
        "учителем МБОУ Гимназия № 2, на срок с 01.10.2026 по 31.05.2027 (дистанционная форма;" in item
    )


def test_withdrawn_transfer_consent_blocks_signing_an_awaiting_order(bank, cast, far_mentor):
    group = create(bank, far_mentor)
    order = services.groups_submit_to_order(groups=[group], user=cast.curator)
    consent = DisclosureConsent.objects.get(person=far_mentor.person)
    staff_services.disclosure_consent_withdraw(consent=consent, user=cast.other_curator)
    assert any("отозвано согласие на передачу сведений" in p for p in order_blockers(order))


def test_withdrawn_consent_stops_submitting_a_draft_distance_pair(bank, cast, far_mentor):
    group = create(bank, far_mentor)
    consent = DisclosureConsent.objects.get(person=far_mentor.person)
    staff_services.disclosure_consent_withdraw(consent=consent, user=cast.other_curator)
    with pytest.raises(DomainError, match="передачу сведений"):
        services.groups_submit_to_order(groups=[group], user=cast.curator)


def test_active_distance_pair_goes_on_after_the_consent_is_withdrawn(client_for, cast, distance_pair):
    """Decision (README «Distance pairs»): the signed order stands, the pair is not ended by the
    withdrawal; the mentee's curator is warned to arrange a replacement."""
    consent = DisclosureConsent.objects.get(person=distance_pair.mentor.person)
    staff_services.disclosure_consent_withdraw(consent=consent, user=cast.other_curator)
    distance_pair.refresh_from_db()
    assert distance_pair.status == MentoringGroup.Status.ACTIVE
    page = client_for("curator").get(reverse("pairs:group-detail", args=[distance_pair.pk])).content.decode()
    assert "отозвано согласие на передачу сведений" in page


def test_the_distance_mentor_acknowledges_the_signed_order_of_the_other_school(client_for, distance_pair):
    order = distance_pair.assigned_order
    client = client_for("other_teacher")
    assert client.get(reverse("orders:order-detail", args=[order.pk])).status_code == 200
    client.post(reverse("orders:order-acknowledge", args=[order.pk]))
    assert order.participants.get(person=distance_pair.mentor.person).acknowledged_at is not None


def test_release_of_a_distance_mentor_is_for_her_employer_only(cast, distance_pair):
    from apps.pairs.models import MentorChange

    with pytest.raises(DomainError, match="только организация, где он работает"):
        services.mentor_release_request(
            mentor=distance_pair.mentor,
            ground=MentorChange.Ground.MENTOR_APPLICATION,
            document_date=date(2026, 11, 2),
            user=cast.curator,
        )
    with pytest.raises(DomainError, match="дистанционные пары в других организациях"):
        services.mentor_release_request(
            mentor=distance_pair.mentor,
            ground=MentorChange.Ground.MENTOR_APPLICATION,
            document_date=date(2026, 11, 2),
            user=cast.other_curator,
        )


def test_position_in_the_instrumental_case():
    def p(name):
        return type("P", (), {"position_id": 1, "position": type("Pos", (), {"name": name})()})()

    assert position_instrumental(p("Учитель-логопед")) == "учителем-логопедом"
    assert position_instrumental(p("Старший методист")) == "старшим методистом"
    assert (
        position_instrumental(p("Педагог дополнительного образования"))
        == "педагогом дополнительного образования"
    )
    assert position_instrumental(p("Заместитель директора по учебной работе")) == (
        "заместителем директора по учебной работе"
    )


# --- who sees what --------------------------------------------------------------------------------


def test_the_mentor_sees_her_distance_group_on_the_detail_and_in_my_pairs(client_for, distance_pair):
    client = client_for("other_teacher")
    detail = client.get(reverse("pairs:group-detail", args=[distance_pair.pk]))
    assert detail.status_code == 200
    assert "дистанционная пара" in detail.content.decode()
    dashboard = client.get(reverse("accounts:dashboard")).content.decode()
    assert f"Пара № {distance_pair.pk}" in dashboard and "дистанционно, МБОУ СОШ № 7" in dashboard


def test_a_mentor_who_is_also_staff_sees_her_distance_groups_on_the_pair_list(
    client_for, cast, distance_pair
):
    from apps.accounts.models import Membership, Role

    Membership.objects.create(user=cast.other_teacher, organization=cast.other_school, role=Role.COUNCIL)
    page = client_for("other_teacher").get(reverse("pairs:group-list")).content.decode()
    assert "Дистанционные пары в других организациях, где вы наставник" in page
    assert f"Пара № {distance_pair.pk}" in page and "Васильев А. Д." in page


def test_the_mentee_school_list_marks_the_distance_pair(client_for, distance_pair):
    page = client_for("curator").get(reverse("pairs:group-list")).content.decode()
    assert "дистанционно · МБОУ Гимназия № 2" in page


def test_the_mentor_works_the_program_and_logs_activity(client_for, cast, distance_pair):
    client = client_for("other_teacher")
    response = client.post(
        reverse("programs:program-create", args=[distance_pair.pk]),
        {"title": "Дистанционная программа", "start": "2026-10-01", "end": "2027-05-31"},
    )
    assert response.status_code == 302
    program = distance_pair.program
    assert program.organization == cast.school
    programs = client.get(reverse("programs:program-list")).content.decode()
    assert "Дистанционная программа" in programs
    response = client.post(
        reverse("programs:activity-add", args=[program.pk]),
        {"date": "2026-11-20", "minutes": "45", "kind": "meeting", "format": "online"},
    )
    assert response.status_code == 302
    assert program.activities.get().created_by == cast.other_teacher
    assert client.get(reverse("programs:program-detail", args=[program.pk])).status_code == 200


@pytest.mark.parametrize("who", ["other_curator", "other_director", "far_curator", "far_municipal"])
def test_other_organisations_do_not_see_the_pair(client_for, who, distance_pair):
    """The mentor's own school included: the pair and the mentee belong to the mentee's school."""
    assert client_for(who).get(reverse("pairs:group-detail", args=[distance_pair.pk])).status_code == 404


def test_the_mentor_school_curator_cannot_open_the_mentee_card(client_for, bank, distance_pair):
    client = client_for("other_curator")
    assert client.get(reverse("banks:mentee-detail", args=[bank.mentee.pk])).status_code == 404
    assert client.get(reverse("staff:person-detail", args=[bank.mentee.person.pk])).status_code == 404


def test_the_mentor_school_curator_sees_the_distance_work_on_the_bank_card(
    client_for, far_mentor, distance_pair
):
    page = (
        client_for("other_curator").get(reverse("banks:mentor-detail", args=[far_mentor.pk])).content.decode()
    )
    assert "Дистанционно" in page and "МБОУ СОШ № 7: действует, наставляемых — 1" in page
    assert "Васильев" not in page  # the mentee's name stays in the mentee's school
    assert "1 из 2" in page  # the load counts the distance pair


# --- the load ------------------------------------------------------------------------------------


def test_the_load_counts_groups_in_every_organisation(bank, cast, year, far_mentor, distance_pair):
    assert mentor_load(far_mentor) == 1 == pairs_mentor_load(far_mentor)
    # One place left: a pair of her own school takes it, the next distance pair is refused.
    own_mentee = f.mentee_entry(cast.other_school, year)
    pf.active_group(
        cast.other_school,
        year,
        far_mentor,
        [own_mentee],
        curator=cast.other_curator,
        director=cast.other_director,
    )
    assert pairs_mentor_load(far_mentor) == 2
    other = f.mentee_entry(bank.school, year)
    with pytest.raises(DomainError) as error:
        services.group_create(**f.group_kwargs(bank.school, year, far_mentor, [other]))
    assert error.value.field == "mentor" and "уже 2 наставляемых из 2 возможных" in error.value.message


def test_regional_base_shows_the_load_across_organisations(client_for, far_mentor, distance_pair):
    page = client_for("far_curator").get(reverse("territory:regional-mentors")).content.decode()
    assert "Дюма Ольга Павловна" in page and "свободных мест: <b>1</b>" in page


# --- query budgets --------------------------------------------------------------------------------


def test_lists_keep_a_constant_number_of_queries_with_distance_pairs(
    client_for, bank, cast, year, django_assert_max_num_queries
):
    def add(n):
        for i in range(n):
            mentor = f.mentor_entry(cast.other_school, year, last_name=f"Дистанц{i}", user=None)
            mentor.visible_in_region = True
            mentor.save(update_fields=["visible_in_region"])
            tf.consent(mentor.person, DisclosureConsent.Kind.TRANSFER)
            mentee = f.mentee_entry(bank.school, year)
            services.group_create(**f.group_kwargs(bank.school, year, mentor, [mentee]))

    add(2)
    client = client_for("curator")
    with django_assert_max_num_queries(20) as small_list:
        assert client.get(reverse("pairs:group-list")).status_code == 200
    with django_assert_max_num_queries(20) as small_form:
        assert client.get(reverse("pairs:group-create")).status_code == 200
    add(6)
    with django_assert_max_num_queries(len(small_list.captured_queries)):
        assert client.get(reverse("pairs:group-list")).status_code == 200
    with django_assert_max_num_queries(len(small_form.captured_queries)):
        assert client.get(reverse("pairs:group-create")).status_code == 200


def test_the_mentor_portfolio_read_in_her_school_does_not_name_the_distance_mentee(far_mentor, distance_pair):
    from apps.territory.portfolio import portfolio

    rows = portfolio(far_mentor.person)["as_mentor"]
    assert rows[0]["mentees"] == ["наставляемых: 1, МБОУ СОШ № 7 (дистанционно)"]


def test_demo_has_a_signed_distance_pair_across_two_schools_of_the_municipality(client):
    from django.core.management import call_command

    call_command("seed_demo")
    group = next(
        g
        for g in MentoringGroup.objects.select_related("mentor__organization", "organization")
        if g.is_distance
    )
    assert group.status == MentoringGroup.Status.ACTIVE and group.assigned_order.status == "signed"
    assert group.mentor.organization.municipality_id == group.organization.municipality_id
    assert group.program.activities.exists()
    client.force_login(group.mentor.person.user)
    assert client.get(reverse("pairs:group-detail", args=[group.pk])).status_code == 200


def test_the_additional_agreement_names_the_mentor_employer(cast, distance_pair):
    from apps.pairs.documents import agreement_context

    context = agreement_context(distance_pair)
    assert context["organization"] == cast.other_school  # the employer of the mentor
    assert context["mentees_organization"] == cast.school.full_name


def test_a_mentor_who_is_also_staff_sees_her_distance_program_on_the_program_list(
    client_for, cast, distance_pair
):
    from apps.accounts.models import Membership, Role

    pf.draft_program(distance_pair, cast.other_teacher)
    Membership.objects.create(user=cast.other_teacher, organization=cast.other_school, role=Role.COUNCIL)
    page = client_for("other_teacher").get(reverse("programs:program-list")).content.decode()
    assert "Ваши программы в других организациях" in page and "Программа молодого учителя" in page


def test_a_mentor_is_replaced_by_a_regional_mentor_on_the_mentee_petition(bank, cast, far_mentor):
    group = pf.active_group(
        bank.school, bank.year, bank.mentor, [bank.mentee], curator=cast.curator, director=cast.director
    )
    order = services.mentor_replace_request(
        member=group.members.get(), new_mentor=far_mentor, petition_date=date(2026, 11, 2), user=cast.curator
    )
    assert order.organization == bank.school
    assert "Дюма Ольгой Павловной, учителем МБОУ Гимназия № 2 (дистанционная форма)" in " ".join(
        i.text for i in order.items.all()
    )
    assert MentoringGroup.objects.get(mentor=far_mentor).is_distance


def test_the_regional_base_links_to_the_pair_form_with_the_mentor_chosen(client_for, bank, far_mentor):
    client = client_for("curator")
    page = client.get(reverse("territory:regional-mentors")).content.decode()
    link = f"{reverse('pairs:group-create')}?mentor={far_mentor.pk}"
    assert link in page
    form = client.get(link).context["form"]
    assert str(form["mentor"].value()) == str(far_mentor.pk)
    assert link not in client_for("director").get(reverse("territory:regional-mentors")).content.decode()


def test_the_annex_of_a_large_order_names_the_distance_mentor_organisation(bank, cast, year, far_mentor):
    groups = [create(bank, far_mentor)]
    for _ in range(3):
        groups.append(
            services.group_create(
                **f.group_kwargs(
                    bank.school, year, f.mentor_entry(bank.school, year), [f.mentee_entry(bank.school, year)]
                )
            )
        )
    order = services.groups_submit_to_order(groups=groups, user=cast.curator)
    rows = order.annexes.get().rows
    assert any(
        r[1].startswith("Дюма Ольга Павловна, учитель, МБОУ Гимназия № 2 (дистанционно)") for r in rows
    )


def test_the_mentor_filter_offers_the_mentors_of_this_schools_pairs_and_filters_by_them(
    client_for, cast, bank, far_mentor, distance_pair
):
    # The choices are read by the ids of the school's pairs (issue 18), not by a join over the region.
    own_pair = services.group_create(
        **f.group_kwargs(bank.school, bank.year, bank.mentor, [bank.mentee2]), created_by=cast.curator
    )
    idle = f.mentor_entry(bank.school, bank.year, last_name="Свободина", first_name="Анна", sex="f")
    client = client_for("curator")
    response = client.get(reverse("pairs:group-list"))
    offered = {entry.pk for entry in response.context["filter"].form.fields["mentor"].queryset}
    assert offered == {bank.mentor.pk, far_mentor.pk} and idle.pk not in offered
    shown = client.get(reverse("pairs:group-list"), {"mentor": far_mentor.pk}).context["page_obj"].object_list
    assert list(shown) == [distance_pair]
    shown = (
        client.get(reverse("pairs:group-list"), {"mentor": bank.mentor.pk}).context["page_obj"].object_list
    )
    assert list(shown) == [own_pair]
