import pytest
from django.urls import reverse

from apps.staff import services
from apps.staff.models import DisclosureConsent
from tests.factories import pairs as f
from tests.factories import territory as tf

pytestmark = pytest.mark.django_db

URL = reverse("territory:regional-mentors")


@pytest.fixture
def far_mentor(cast, year):
    entry = f.mentor_entry(
        cast.far_school, year, last_name="Дюжева", first_name="Ольга", patronymic="Павловна"
    )
    entry.visible_in_region = True
    entry.save(update_fields=["visible_in_region"])
    return entry


def test_mentor_of_another_school_is_found_with_visibility_and_transfer_consent(client_for, far_mentor):
    tf.consent(far_mentor.person, DisclosureConsent.Kind.TRANSFER)
    page = client_for("curator").get(URL).content.decode()
    assert "Дюжева Ольга Павловна" in page
    assert client_for("curator").get(URL + "?q=дюж").context["page_obj"].paginator.count == 1
    assert client_for("curator").get(URL + "?q=нет-такого").context["page_obj"].paginator.count == 0


def test_visibility_without_the_consent_is_not_enough(client_for, far_mentor):
    tf.consent(far_mentor.person, DisclosureConsent.Kind.PUBLICATION)
    assert "Дюжева" not in client_for("curator").get(URL).content.decode()


def test_consent_without_visibility_is_not_enough(client_for, far_mentor):
    far_mentor.visible_in_region = False
    far_mentor.save(update_fields=["visible_in_region"])
    tf.consent(far_mentor.person, DisclosureConsent.Kind.TRANSFER)
    assert "Дюжева" not in client_for("curator").get(URL).content.decode()


def test_withdrawn_consent_removes_the_mentor_at_once(client_for, cast, far_mentor):
    consent = tf.consent(far_mentor.person, DisclosureConsent.Kind.TRANSFER)
    services.disclosure_consent_withdraw(consent=consent, user=cast.far_curator)
    assert "Дюжева" not in client_for("curator").get(URL).content.decode()


def test_own_school_is_not_in_the_regional_base(client_for, far_mentor):
    tf.consent(far_mentor.person, DisclosureConsent.Kind.TRANSFER)
    assert "Дюжева" not in client_for("far_curator").get(URL).content.decode()


@pytest.mark.parametrize(
    ("who", "status"),
    [("curator", 200), ("director", 200), ("mentor", 403), ("mentee", 403), ("municipal", 403)],
)
def test_who_searches_the_regional_base(client_for, who, status):
    assert client_for(who).get(URL).status_code == status


def test_regional_search_makes_a_fixed_number_of_queries(
    client_for, cast, year, far_mentor, django_assert_max_num_queries
):
    tf.consent(far_mentor.person, DisclosureConsent.Kind.TRANSFER)
    client = client_for("curator")
    with django_assert_max_num_queries(20) as first:
        client.get(URL)
    for i in range(8):
        e = f.mentor_entry(cast.other_school, year, last_name=f"Наставник{i}")
        e.visible_in_region = True
        e.save(update_fields=["visible_in_region"])
        tf.consent(e.person, DisclosureConsent.Kind.TRANSFER)
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert client.get(URL).context["page_obj"].paginator.count == 9
