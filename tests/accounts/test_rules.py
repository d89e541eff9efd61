"""Role predicates answer for every role, for two roles at once, and across organisations."""

import pytest

from apps.accounts import rules as r
from apps.accounts.selectors import organizations_of

pytestmark = pytest.mark.django_db

ORG_PREDICATES = {
    "director": r.is_director,
    "curator": r.is_curator,
    "council": r.is_council_member,
    "psychologist": r.is_psychologist,
    "mentor": r.is_mentor,
    "mentee": r.is_mentee,
}


@pytest.mark.parametrize("role", list(ORG_PREDICATES))
def test_each_organization_role_is_true_only_for_its_holder_in_its_organization(cast, role):
    predicate = ORG_PREDICATES[role]
    holder = getattr(cast, role)
    assert predicate(holder, cast.school)
    assert not predicate(holder, cast.other_school)
    for other_role in ORG_PREDICATES:
        if other_role != role:
            assert not predicate(getattr(cast, other_role), cast.school), other_role


def test_a_person_with_two_roles_holds_both(cast):
    assert r.is_mentor(cast.two_roles, cast.school)
    assert r.is_mentee(cast.two_roles, cast.school)
    assert not r.is_curator(cast.two_roles, cast.school)


def test_a_teacher_of_another_school_has_no_role_here(cast):
    assert r.is_mentor(cast.other_teacher, cast.other_school)
    assert not r.is_org_member(cast.other_teacher, cast.school)


def test_municipal_coordinator_covers_only_the_municipality(cast):
    assert r.is_coordinator_of(cast.municipal, cast.school)
    assert r.is_coordinator_of(cast.municipal, cast.other_school)
    assert not r.is_coordinator_of(cast.municipal, cast.far_school)
    assert r.is_coordinator_of(cast.far_municipal, cast.far_school)
    assert not r.is_coordinator_of(cast.far_municipal, cast.school)


def test_regional_operator_covers_the_whole_region(cast):
    for org in (cast.school, cast.other_school, cast.far_school):
        assert r.is_coordinator_of(cast.regional, org)


def test_admin_predicate(cast):
    assert r.is_admin(cast.admin)
    assert not r.is_admin(cast.director)


def test_inactive_user_has_no_role(cast):
    cast.curator.is_active = False
    assert not r.is_curator(cast.curator, cast.school)


def test_anonymous_has_no_role(cast):
    from django.contrib.auth.models import AnonymousUser

    assert not r.is_org_member(AnonymousUser(), cast.school)
    assert not r.is_admin(AnonymousUser())
    assert list(organizations_of(AnonymousUser())) == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("admin", {"school", "other_school", "far_school", "alien_school"}),
        ("curator", {"school"}),
        ("two_roles", {"school"}),
        ("other_curator", {"other_school"}),
        ("municipal", {"school", "other_school"}),
        ("far_municipal", {"far_school"}),
        ("regional", {"school", "other_school", "far_school"}),
        ("alien_regional", {"alien_school"}),
        ("nobody", set()),
    ],
)
def test_organizations_of_is_the_users_scope(cast, alien, name, expected):
    schools = {"school": cast.school, "other_school": cast.other_school, "far_school": cast.far_school}
    schools["alien_school"] = alien.school
    visible = set(organizations_of(getattr(cast, name)).values_list("pk", flat=True))
    assert visible == {schools[key].pk for key in expected}


def test_organization_permissions(cast):
    assert cast.director.has_perm("organizations.change_organization", cast.school)
    assert not cast.curator.has_perm("organizations.change_organization", cast.school)
    assert not cast.other_director.has_perm("organizations.change_organization", cast.school)
    assert cast.municipal.has_perm("organizations.view_organization", cast.school)
    assert not cast.far_municipal.has_perm("organizations.view_organization", cast.school)
    assert cast.municipal.has_perm("organizations.list_organizations")
    assert not cast.curator.has_perm("organizations.list_organizations")


@pytest.mark.parametrize(
    "name",
    ["admin", "curator", "two_roles", "other_curator", "municipal", "far_municipal", "regional", "nobody"],
)
def test_sees_organization_never_goes_beyond_organizations_of(cast, alien, name):
    # The program list filters by the organisation alone when it holds (issue 18): it must imply the scope.
    from apps.accounts.selectors import sees_organization

    user = getattr(cast, name)
    scope = set(organizations_of(user).values_list("pk", flat=True))
    for school in (cast.school, cast.other_school, cast.far_school, alien.school):
        if sees_organization(user, school):
            assert school.pk in scope
    if name in ("admin", "curator", "municipal"):
        assert sees_organization(user, cast.school)
