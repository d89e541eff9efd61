"""A draft pair corrected in place: every rule of a new pair, consents of those who left go, the
psychologist's conclusion is asked again when the people change; an ordered pair is never edited."""

from datetime import date

import pytest
from django.urls import reverse

from apps.core.exceptions import DomainError
from apps.pairs import services
from apps.pairs.models import Compatibility, DutyConsent, Form, MentoringGroup
from tests.factories import pairs as f

pytestmark = pytest.mark.django_db


def _post(group, mentor, mentees, **overrides):
    data = {
        "mentees": [m.pk for m in mentees],
        "mentor": mentor.pk,
        "form": Form.TEACHER_GROUP if len(mentees) > 1 else Form.TEACHER_TEACHER,
        "types": ["traditional"],
        "direction": group.direction,
        "planned_start": "2026-12-07",
        "planned_end": "2027-05-31",
        "goal": "Адаптация в коллективе",
    }
    data.update(overrides)
    return data


def test_the_curator_changes_the_mentee_and_dates_of_a_draft(client, cast, bank, draft_pair):
    other = f.mentee_entry(bank.school, bank.year)
    mentor_consent = DutyConsent.objects.create(
        group=draft_pair, person=bank.mentor.person, form=DutyConsent.Form.PORTAL, signed_on=date(2026, 12, 1)
    )
    DutyConsent.objects.create(
        group=draft_pair, person=bank.mentee.person, form=DutyConsent.Form.PORTAL, signed_on=date(2026, 12, 1)
    )
    draft_pair.compatibility = Compatibility.COMPATIBLE
    draft_pair.save(update_fields=["compatibility"])

    client.force_login(cast.curator)
    url = reverse("pairs:group-edit", args=[draft_pair.pk])
    page = client.get(url).content.decode()
    assert "Изменить проект" in page
    response = client.post(url, _post(draft_pair, bank.mentor, [other]))
    assert response.status_code == 302, response.content.decode()[:3000]

    draft_pair.refresh_from_db()
    assert [m.mentee_id for m in draft_pair.members.all()] == [other.pk]
    assert draft_pair.planned_start == date(2026, 12, 7)
    assert draft_pair.goal == "Адаптация в коллективе"
    # The mentor stays with her consent; the mentee who left takes his with him; the conclusion is asked again.
    assert list(draft_pair.duty_consents.all()) == [mentor_consent]
    assert draft_pair.compatibility == ""


def test_a_bad_edit_is_refused_at_the_field_and_nothing_changes(client, cast, bank, draft_pair):
    client.force_login(cast.curator)
    url = reverse("pairs:group-edit", args=[draft_pair.pk])
    response = client.post(url, _post(draft_pair, bank.mentor, [bank.mentee], planned_end="2026-11-01"))
    assert response.status_code == 200
    assert "Плановое окончание должно быть позже планового начала." in response.content.decode()
    draft_pair.refresh_from_db()
    assert draft_pair.planned_end == date(2027, 5, 31)
    assert [m.mentee_id for m in draft_pair.members.all()] == [bank.mentee.pk]


def test_a_pair_in_an_order_is_not_edited(cast, bank, draft_pair):
    services.groups_submit_to_order(groups=[draft_pair], user=cast.curator)
    draft_pair.refresh_from_db()
    assert draft_pair.status == MentoringGroup.Status.AWAITING_ORDER
    with pytest.raises(DomainError, match="Изменить можно только проект пары"):
        services.group_update_draft(
            group=draft_pair,
            mentor=bank.mentor,
            mentees=[bank.mentee],
            form=Form.TEACHER_TEACHER,
            types=["traditional"],
            direction=draft_pair.direction,
            planned_start=date(2026, 12, 7),
            planned_end=date(2027, 5, 31),
        )


def test_another_schools_curator_cannot_edit_it(client, cast, bank, draft_pair):
    client.force_login(cast.other_curator)
    url = reverse("pairs:group-edit", args=[draft_pair.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, _post(draft_pair, bank.mentor, [bank.mentee], goal="чужая")).status_code == 404
    draft_pair.refresh_from_db()
    assert draft_pair.goal != "чужая"
