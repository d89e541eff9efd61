"""What awaits each person on the first screen: the director's counts, the psychologist's pairs without a
conclusion, and no block twice for a person with two roles."""

import re

import pytest
from django.urls import reverse

from apps.orders.services import order_send_for_signature
from apps.pairs import services as pair_services
from apps.pairs.models import Compatibility
from tests.factories import banks as bf
from tests.factories import pairs as pf
from tests.factories.orders import make_draft

pytestmark = pytest.mark.django_db


def _badge(body: str, inbox: str) -> str:
    """The badge of one inbox link of the director's block ('' when there is none)."""
    link = re.search(rf'<a [^>]*data-inbox="{inbox}"[^>]*>(.*?)</a>', body, re.S)
    assert link, f"no inbox link {inbox}"
    badge = re.search(r'<span class="badge[^"]*"[^>]*>([^<]*)</span>', link.group(1))
    return badge.group(1) if badge else ""


def test_the_director_sees_how_many_orders_and_candidates_wait_for_her(client_for, cast, year):
    body = client_for("director").get(reverse("accounts:dashboard")).content.decode()
    assert _badge(body, "orders") == "" and _badge(body, "candidates") == ""

    for _ in range(2):
        order = make_draft(cast.school, cast.curator)
        order_send_for_signature(order=order, user=cast.curator)
    make_draft(cast.school, cast.curator)  # a draft is the curator's, not the director's
    order_send_for_signature(order=make_draft(cast.other_school, cast.other_curator), user=cast.other_curator)
    for _ in range(3):
        bf.mentor(cast.school, year, status="candidate")
    bf.mentor(cast.school, year, director=cast.director)  # approved already
    bf.mentor(cast.other_school, year, status="candidate")

    body = client_for("director").get(reverse("accounts:dashboard")).content.decode()
    assert _badge(body, "orders") == "2"
    assert _badge(body, "candidates") == "3"


def test_the_psychologist_sees_the_pairs_waiting_for_her_conclusion(client_for, cast, year):
    mentor = pf.mentor_entry(cast.school, year)
    waiting = pair_services.group_create(
        **pf.group_kwargs(cast.school, year, mentor, [pf.mentee_entry(cast.school, year)])
    )
    concluded = pair_services.group_create(
        **pf.group_kwargs(
            cast.school, year, pf.mentor_entry(cast.school, year), [pf.mentee_entry(cast.school, year)]
        )
    )
    concluded.compatibility = Compatibility.COMPATIBLE
    concluded.save(update_fields=["compatibility"])
    other_mentor = pf.mentor_entry(cast.other_school, year)
    elsewhere = pair_services.group_create(
        **pf.group_kwargs(cast.other_school, year, other_mentor, [pf.mentee_entry(cast.other_school, year)])
    )

    body = client_for("psychologist").get(reverse("accounts:dashboard")).content.decode()
    block = body[body.index('id="dash-psychologist"') :]
    assert "Ждут заключения о совместимости: 1" in block
    assert reverse("pairs:group-detail", args=[waiting.pk]) in block
    assert reverse("pairs:group-detail", args=[concluded.pk]) not in block
    assert reverse("pairs:group-detail", args=[elsewhere.pk]) not in block


def test_a_person_with_two_roles_sees_the_consent_and_the_surveys_once(client_for):
    body = client_for("two_roles").get(reverse("accounts:dashboard")).content.decode()
    assert body.count(reverse("staff:my-consent")) == 1
    assert 'id="dash-mentor"' in body and 'id="dash-mentee"' in body


def test_a_mentee_alone_still_sees_her_consent_link(client_for):
    body = client_for("mentee").get(reverse("accounts:dashboard")).content.decode()
    assert body.count(reverse("staff:my-consent")) == 1
