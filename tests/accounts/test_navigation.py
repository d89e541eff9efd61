"""The menu of sections is kept per set of roles (apps/accounts/templatetags/navigation.py): a kept menu is
the one the template makes afresh, and a change of roles or of the organisation shows on the next page."""

import re

import pytest
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.urls import reverse

from apps.accounts.models import Membership, Role
from apps.accounts.services import membership_grant, membership_revoke
from tests.conftest import ALL_ROLES

pytestmark = pytest.mark.django_db

SECTIONS = re.compile(r'<ul class="navbar-nav flex-wrap">.*?</ul>\s*</div>\s*</div>\s*</nav>', re.DOTALL)


def sections(client) -> str:
    body = client.get(reverse("accounts:dashboard")).content.decode()
    match = SECTIONS.search(body)
    assert match, "the menu of sections is on the page"
    return match.group(0)


@pytest.mark.parametrize("name", [name for name in ALL_ROLES if name != "nobody"] + ["nobody"])
def test_the_kept_menu_is_the_fresh_one_for_every_role(client_for, name):
    client = client_for(name)
    first = sections(client)  # made and kept
    assert sections(client) == first  # read from the cache
    fragments = caches["fragments"]
    caches["fragments"] = DummyCache("fragments", {})
    try:
        assert sections(client) == first  # made afresh
    finally:
        caches["fragments"] = fragments


def test_people_with_the_same_roles_share_one_menu(client_for, cast):
    client_for("mentor").get(reverse("accounts:dashboard"))
    kept = len(caches["fragments"]._cache)
    client_for("past_mentor").get(reverse("accounts:dashboard"))  # a mentor of the same school
    assert len(caches["fragments"]._cache) == kept


def test_a_role_granted_shows_in_the_menu_at_once(client_for, cast):
    client = client_for("mentor")
    assert reverse("staff:person-list") not in sections(client)
    membership_grant(user=cast.mentor, role=Role.CURATOR, organization=cast.school, granted_by=cast.director)
    assert reverse("staff:person-list") in sections(client)


def test_a_role_revoked_leaves_the_menu_at_once(client_for, cast):
    client = client_for("curator")
    assert reverse("staff:person-list") in sections(client)
    membership = Membership.objects.get(user=cast.curator, role=Role.CURATOR)
    membership_revoke(membership=membership, revoked_by=cast.director)
    assert reverse("staff:person-list") not in sections(client)


def test_a_role_switched_off_by_an_update_leaves_the_menu_at_once(client_for, cast):
    """No signal to rely on: the key is made of the memberships the request reads."""
    client = client_for("curator")
    assert reverse("banks:mentor-list") in sections(client)
    Membership.objects.filter(user=cast.curator).update(role=Role.MENTOR)
    assert reverse("banks:mentor-list") not in sections(client)


def test_the_menu_follows_the_organisation_chosen(client, cast):
    user = cast.curator
    membership_grant(
        user=user, role=Role.MENTEE, organization=cast.other_school, granted_by=cast.other_director
    )
    client.force_login(user)
    menus = {}
    for school in (cast.school, cast.other_school):
        client.post(reverse("accounts:organization-switch"), {"organization": school.pk})
        menus[school] = sections(client)
    assert reverse("staff:person-list") in menus[cast.school]  # a curator there
    assert reverse("staff:person-list") not in menus[cast.other_school]  # a mentee there


def test_a_changed_template_never_meets_an_old_menu(cast):
    from django.template import engines

    from apps.accounts.templatetags.navigation import nav_key

    engine = engines["django"].engine
    key = nav_key(cast.curator, cast.school, engine)
    assert key.split(":")[1] != "" and key.startswith("nav:")
    assert nav_key(cast.curator, cast.other_school, engine) != key
    assert nav_key(cast.director, cast.school, engine) != key


def test_a_staff_account_gets_its_menu_made_afresh(client_for):
    """Django's permissions of staff come from groups, which the key does not carry."""
    sections(client_for("staff_user"))
    assert not caches["fragments"]._cache
