"""The mentors a pair may take from other organisations come from ``pairs.hooks.distance_mentors``: the
territory plugs in its regional base; with the hook empty only the organisation's own mentors are offered."""

import pytest
from django.urls import reverse

from apps.banks.models import MentorEntry
from apps.pairs.hooks import distance_mentors
from apps.pairs.selectors import mentors_with_regional_for_choice
from apps.staff.models import DisclosureConsent
from apps.territory.selectors import regional_mentors
from tests.factories import pairs as f
from tests.factories import territory as tf
from tests.hooks import emptied, plugged

pytestmark = pytest.mark.django_db
REGIONAL_GROUP = '<optgroup label="Наставники региона (дистанционно)">'


@pytest.fixture
def far_mentor(cast, year):
    """A teacher of ``other_school``, visible in the region, with the transfer consent."""
    entry = f.mentor_entry(
        cast.other_school, year, last_name="Дюма", first_name="Ольга", patronymic="Павловна"
    )
    entry.visible_in_region = True
    entry.save(update_fields=["visible_in_region"])
    tf.consent(entry.person, DisclosureConsent.Kind.TRANSFER)
    return entry


def test_the_territory_plugs_its_regional_base_into_the_mentor_choices(bank, far_mentor):
    assert regional_mentors in list(distance_mentors)
    choices = set(mentors_with_regional_for_choice(organization=bank.school, year=bank.year))
    assert choices == {bank.mentor, far_mentor}


def test_with_the_hook_empty_only_the_own_mentors_are_offered(bank, far_mentor, client_for):
    with emptied(distance_mentors):
        choices = list(mentors_with_regional_for_choice(organization=bank.school, year=bank.year))
        response = client_for("curator").get(reverse("pairs:group-create"))
    assert choices == [bank.mentor]
    page = response.content.decode()
    assert response.status_code == 200 and '<optgroup label="Наставники организации">' in page
    assert REGIONAL_GROUP not in page and "Дюма" not in page
    assert REGIONAL_GROUP in client_for("curator").get(reverse("pairs:group-create")).content.decode()


def test_every_source_plugged_in_adds_its_mentors(bank, far_mentor, cast, year):
    other = f.mentor_entry(cast.far_school, year, last_name="Ершова")

    def far_school_mentors(*, organization, year):
        return MentorEntry.objects.filter(pk=other.pk)

    with plugged(distance_mentors, far_school_mentors):
        choices = set(mentors_with_regional_for_choice(organization=bank.school, year=bank.year))
    assert choices == {bank.mentor, far_mentor, other}
