"""Who grants which role: nobody to himself; the portal administrator appoints directors and
coordinators, the director the curator and the other roles of her school, the curator the roles below
hers. Every grant and revocation is journaled and the school's director is notified."""

import pytest
from django.urls import reverse

from apps.accounts import services
from apps.accounts.admin_group import ensure_portal_admin_group
from apps.accounts.models import Membership, Role, User
from apps.audit.models import AccessEvent
from apps.core.exceptions import DomainError
from apps.notifications.models import Channel, Notification, NotificationPreference
from apps.staff import services as staff_services
from tests.accounts.adminforms import form_data
from tests.factories.accounts import UserFactory
from tests.factories.staff import PersonFactory

pytestmark = pytest.mark.django_db

ADD = reverse("admin:accounts_membership_add")


@pytest.fixture
def portal_admin(cast):
    """The cast's administrator as the demo has him: staff in the administrators' group."""
    cast.admin.is_staff = True
    cast.admin.save(update_fields=["is_staff"])
    cast.admin.groups.add(ensure_portal_admin_group())
    return cast.admin


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


def _grant_post(client, user, role, **scope):
    data = {"user": user.pk, "role": role, "is_active": "on"}
    data.update({k: v.pk for k, v in scope.items()})
    return client.post(ADD, data)


# --- The service ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("actor", "role", "scope"),
    [
        ("admin", Role.DIRECTOR, "school"),
        ("curator", Role.MENTOR, "school"),
        ("director", Role.CURATOR, "school"),
        ("director", Role.MENTOR, "school"),
    ],
)
def test_nobody_grants_a_role_to_himself(cast, actor, role, scope):
    user = getattr(cast, actor)
    with pytest.raises(DomainError) as error:
        services.membership_grant(user=user, role=role, organization=getattr(cast, scope), granted_by=user)
    assert error.value.field == "user"
    assert "самому себе" in error.value.message
    assert not AccessEvent.objects.filter(action=AccessEvent.Action.GRANT).exists()


def test_a_superuser_does_not_grant_a_role_to_himself_either(cast, superuser):
    with pytest.raises(DomainError):
        services.membership_grant(
            user=superuser, role=Role.DIRECTOR, organization=cast.school, granted_by=superuser
        )


@pytest.mark.parametrize(
    ("actor", "role", "scope", "allowed"),
    [
        ("admin", Role.DIRECTOR, "school", True),
        ("admin", Role.MUNICIPAL, "municipality", True),
        ("admin", Role.REGIONAL, "region", True),
        ("admin", Role.CURATOR, "school", False),
        ("admin", Role.MENTOR, "school", False),
        ("admin", Role.ADMIN, None, False),
        ("director", Role.CURATOR, "school", True),
        ("director", Role.PSYCHOLOGIST, "school", True),
        ("director", Role.DIRECTOR, "school", False),
        ("director", Role.CURATOR, "other_school", False),
        ("curator", Role.MENTOR, "school", True),
        ("curator", Role.COUNCIL, "school", True),
        ("curator", Role.CURATOR, "school", False),
        ("curator", Role.DIRECTOR, "school", False),
        ("curator", Role.MENTOR, "other_school", False),
        ("mentor", Role.MENTEE, "school", False),
        ("council", Role.MENTOR, "school", False),
        ("municipal", Role.DIRECTOR, "school", False),
        ("regional", Role.MUNICIPAL, "municipality", False),
    ],
)
def test_who_grants_which_role(cast, municipality, region, actor, role, scope, allowed):
    target = UserFactory(username="newcomer")
    scopes = {"school": cast.school, "other_school": cast.other_school, "municipality": municipality}
    scopes["region"] = region
    where = {}
    if role == Role.MUNICIPAL:
        where["municipality"] = scopes[scope]
    elif role == Role.REGIONAL:
        where["region"] = scopes[scope]
    elif scope:
        where["organization"] = scopes[scope]
    grant = lambda: services.membership_grant(  # noqa: E731
        user=target, role=role, granted_by=getattr(cast, actor), **where
    )
    if allowed:
        assert grant().is_active
    else:
        with pytest.raises(DomainError) as error:
            grant()
        assert error.value.field == "role"
        assert not Membership.objects.filter(user=target).exists()


def test_a_superuser_appoints_a_portal_administrator(cast, superuser):
    target = UserFactory(username="newadmin")
    assert services.membership_grant(user=target, role=Role.ADMIN, granted_by=superuser).is_active


def test_a_role_in_the_wrong_scope_is_refused_at_the_scope_field(cast, portal_admin, municipality):
    target = UserFactory(username="newcomer")
    with pytest.raises(DomainError) as error:
        services.membership_grant(
            user=target, role=Role.DIRECTOR, municipality=municipality, granted_by=portal_admin
        )
    assert error.value.field == "organization"


def test_revocation_follows_the_same_rules_and_not_of_ones_own_role(cast):
    curator_role = Membership.objects.get(user=cast.curator, role=Role.CURATOR)
    with pytest.raises(DomainError):
        services.membership_revoke(membership=curator_role, revoked_by=cast.curator)
    director_role = Membership.objects.get(user=cast.director, role=Role.DIRECTOR)
    with pytest.raises(DomainError):
        services.membership_revoke(membership=director_role, revoked_by=cast.curator)
    assert services.membership_revoke(membership=curator_role, revoked_by=cast.director).is_active is False


# --- The journal and the notification ----------------------------------------------------------


def test_a_grant_is_journaled_and_the_director_sees_it_and_is_notified(client_for, cast):
    target = UserFactory(username="newcomer", last_name="Грантова", first_name="Римма", patronymic="Львовна")
    membership = services.membership_grant(
        user=target, role=Role.PSYCHOLOGIST, organization=cast.school, granted_by=cast.curator
    )
    event = AccessEvent.objects.get(action=AccessEvent.Action.GRANT)
    assert (event.user, event.target_user, event.target_role, event.organization) == (
        cast.curator,
        target,
        Role.PSYCHOLOGIST,
        cast.school,
    )
    assert event.object_id == str(membership.pk)
    page = client_for("director").get(reverse("audit:event-list")).content.decode()
    assert "Грантова Римма Львовна: педагог-психолог" in page
    assert "выдача роли" in page
    note = Notification.objects.get(user=cast.director, kind=Notification.Kind.ROLE_CHANGE)
    assert (
        note.text
        == "Роль «Педагог-психолог» (МБОУ СОШ № 7) выдана: Грантова Р. Л. Кем выдана: Соловьёва Е. П."
    )
    assert Notification.objects.filter(user=target, kind=Notification.Kind.ROLE_CHANGE).exists()
    assert not Notification.objects.filter(user=cast.curator).exists()  # not the one who did it


def test_a_revocation_is_journaled_and_notified(cast):
    membership = Membership.objects.get(user=cast.mentor, role=Role.MENTOR)
    services.membership_revoke(membership=membership, revoked_by=cast.curator)
    event = AccessEvent.objects.get(action=AccessEvent.Action.REVOKE)
    assert (event.user, event.target_user, event.target_role) == (cast.curator, cast.mentor, Role.MENTOR)
    note = Notification.objects.get(user=cast.director, kind=Notification.Kind.ROLE_CHANGE)
    assert "снята" in note.text


def test_a_director_who_switched_the_kind_off_gets_no_notification(cast):
    NotificationPreference.objects.create(
        user=cast.director, kind=Notification.Kind.ROLE_CHANGE, channel=Channel.OFF
    )
    services.membership_grant(
        user=UserFactory(username="newcomer"),
        role=Role.MENTOR,
        organization=cast.school,
        granted_by=cast.curator,
    )
    assert not Notification.objects.filter(user=cast.director).exists()
    assert AccessEvent.objects.filter(action=AccessEvent.Action.GRANT).exists()  # the journal keeps it


def test_a_grant_that_is_refused_leaves_no_trace(cast):
    with pytest.raises(DomainError):
        services.membership_grant(
            user=UserFactory(username="newcomer"),
            role=Role.CURATOR,
            organization=cast.school,
            granted_by=cast.curator,
        )
    assert not AccessEvent.objects.exists()
    assert not Notification.objects.exists()


# --- The staff invitation goes through the same service -------------------------------------------


def test_the_director_appoints_the_curator_by_an_invitation(cast, client_for):
    person = PersonFactory(organization=cast.school, email="new.curator@example.ru")
    response = client_for("director").get(reverse("staff:person-invite", args=[person.pk]))
    assert 'value="curator"' in response.content.decode()
    response = client_for("director").post(
        reverse("staff:person-invite", args=[person.pk]), {"role": "curator"}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert Membership.objects.filter(user=person.user, role=Role.CURATOR, organization=cast.school).exists()
    assert AccessEvent.objects.filter(action=AccessEvent.Action.GRANT, user=cast.director).exists()


def test_the_curator_is_not_offered_the_curator_role(cast, client_for):
    person = PersonFactory(organization=cast.school, email="x@example.ru")
    page = client_for("curator").get(reverse("staff:person-invite", args=[person.pk])).content.decode()
    assert 'value="mentor"' in page and 'value="curator"' not in page
    curators = Membership.objects.filter(role=Role.CURATOR, organization=cast.school)
    before = set(curators.values_list("pk", flat=True))
    response = client_for("curator").post(
        reverse("staff:person-invite", args=[person.pk]), {"role": "curator"}
    )
    assert response.status_code == 200
    assert set(curators.values_list("pk", flat=True)) == before


def test_the_curator_cannot_invite_her_own_card(cast):
    person = PersonFactory(organization=cast.school, user=cast.curator, email=cast.curator.email)
    with pytest.raises(DomainError) as error:
        staff_services.person_invite(
            person=person, role=Role.MENTOR, invited_by=cast.curator, site_url="http://x/"
        )
    assert "самому себе" in error.value.message
    assert not Membership.objects.filter(user=cast.curator, role=Role.MENTOR).exists()


# --- The Django admin ---------------------------------------------------------------------------------


def test_the_admin_granting_himself_a_school_role_is_refused_at_the_field(client, cast, portal_admin):
    client.force_login(portal_admin)
    response = _grant_post(client, portal_admin, Role.DIRECTOR, organization=cast.school)
    assert response.status_code == 200
    assert "Роль самому себе выдать нельзя" in response.content.decode()
    assert not Membership.objects.filter(user=portal_admin, organization=cast.school).exists()
    for url in (reverse("staff:person-list"), reverse("audit:event-list")):
        assert client.get(url).status_code in (403, 404)


def test_the_admin_appoints_a_director_and_it_is_journaled(client, cast, portal_admin):
    client.force_login(portal_admin)
    target = UserFactory(username="newdirector")
    response = _grant_post(client, target, Role.DIRECTOR, organization=cast.other_school)
    assert response.status_code == 302
    membership = Membership.objects.get(user=target, role=Role.DIRECTOR, organization=cast.other_school)
    event = AccessEvent.objects.get(action=AccessEvent.Action.GRANT)
    assert (event.user, event.target_user, event.organization) == (portal_admin, target, cast.other_school)
    assert Notification.objects.filter(user=cast.other_director, kind=Notification.Kind.ROLE_CHANGE).exists()
    # Switching the role off in the admin is a revocation, journaled too.
    url = reverse("admin:accounts_membership_change", args=[membership.pk])
    data = form_data(client.get(url).content.decode(), "membership_form")
    data.pop("is_active")
    assert client.post(url, data).status_code == 302
    membership.refresh_from_db()
    assert not membership.is_active
    assert AccessEvent.objects.filter(action=AccessEvent.Action.REVOKE, target_user=target).exists()


def test_the_admin_may_not_appoint_a_curator(client, cast, portal_admin):
    client.force_login(portal_admin)
    response = _grant_post(client, UserFactory(username="x"), Role.CURATOR, organization=cast.school)
    assert response.status_code == 200
    assert "Вы не можете выдавать роль «Куратор наставничества»" in response.content.decode()


def test_an_existing_role_is_not_moved_to_another_school_by_a_crafted_post(client, cast, portal_admin):
    client.force_login(portal_admin)
    membership = Membership.objects.get(user=cast.director, role=Role.DIRECTOR)
    url = reverse("admin:accounts_membership_change", args=[membership.pk])
    data = form_data(client.get(url).content.decode(), "membership_form")
    data.update({"organization": [cast.other_school.pk], "user": [portal_admin.pk], "role": ["curator"]})
    client.post(url, data)
    membership.refresh_from_db()
    assert (membership.user, membership.role, membership.organization) == (
        cast.director,
        Role.DIRECTOR,
        cast.school,
    )


def test_a_role_is_not_deleted_in_the_admin(client, cast, portal_admin):
    client.force_login(portal_admin)
    membership = Membership.objects.get(user=cast.director, role=Role.DIRECTOR)
    response = client.post(reverse("admin:accounts_membership_delete", args=[membership.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_the_admin_granting_himself_a_role_in_his_own_user_form_is_refused(client, cast, portal_admin):
    client.force_login(portal_admin)
    url = reverse("admin:accounts_user_change", args=[portal_admin.pk])
    data = form_data(client.get(url).content.decode(), "user_form")
    total = int(data["memberships-TOTAL_FORMS"][0])
    data.update(
        {
            "memberships-TOTAL_FORMS": [str(total + 1)],
            f"memberships-{total}-role": ["director"],
            f"memberships-{total}-organization": [cast.school.pk],
            f"memberships-{total}-is_active": ["on"],
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Роль самому себе выдать нельзя" in response.content.decode()
    assert not Membership.objects.filter(user=portal_admin, organization=cast.school).exists()


def test_the_inline_grant_of_a_director_goes_through_the_service(client, cast, portal_admin):
    client.force_login(portal_admin)
    target = UserFactory(username="newdirector")
    url = reverse("admin:accounts_user_change", args=[target.pk])
    data = form_data(client.get(url).content.decode(), "user_form")
    data.update(
        {
            "memberships-TOTAL_FORMS": ["1"],
            "memberships-0-role": ["director"],
            "memberships-0-organization": [cast.school.pk],
            "memberships-0-is_active": ["on"],
        }
    )
    assert client.post(url, data).status_code == 302
    assert Membership.objects.filter(user=target, role=Role.DIRECTOR, organization=cast.school).exists()
    assert AccessEvent.objects.filter(action=AccessEvent.Action.GRANT, target_user=target).exists()


PRIVILEGES = ("is_superuser", "is_staff", "groups", "user_permissions")


def test_the_admin_sees_no_privilege_field_in_a_user_form(client, cast, portal_admin):
    client.force_login(portal_admin)
    page = client.get(reverse("admin:accounts_user_change", args=[cast.director.pk])).content.decode()
    assert 'name="first_name"' in page
    for name in PRIVILEGES:
        assert f'name="{name}"' not in page


def test_a_crafted_post_of_privilege_fields_by_the_admin_changes_nothing(client, cast, portal_admin):
    client.force_login(portal_admin)
    for user in (cast.director, portal_admin):
        url = reverse("admin:accounts_user_change", args=[user.pk])
        data = form_data(client.get(url).content.decode(), "user_form")
        data.update(
            {
                "first_name": ["Изменённое"],
                "is_superuser": ["on"],
                "is_staff": ["on"],
                "groups": [str(g.pk) for g in portal_admin.groups.all()],
                "user_permissions": ["1"],
            }
        )
        assert client.post(url, data).status_code == 302
        user.refresh_from_db()
        assert user.first_name == "Изменённое"  # the post was saved …
        assert not user.is_superuser  # … without the privileges
        assert not user.user_permissions.exists()
    assert not cast.director.is_staff and not cast.director.groups.exists()


def test_a_crafted_post_of_privilege_fields_on_the_add_form_changes_nothing(client, cast, portal_admin):
    client.force_login(portal_admin)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "crafted",
            "usable_password": "true",
            "password1": "Slozhnyi-parol-2026",
            "password2": "Slozhnyi-parol-2026",
            "is_superuser": "on",
            "is_staff": "on",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="crafted")
    assert not user.is_superuser and not user.is_staff
    # Nor the password he typed: nobody but the account's owner knows it.
    assert not user.has_usable_password() and not user.check_password("Slozhnyi-parol-2026")


def test_the_admins_add_form_asks_no_password(client, cast, portal_admin):
    client.force_login(portal_admin)
    page = client.get(reverse("admin:accounts_user_add")).content.decode()
    assert 'name="username"' in page and 'name="email"' in page
    assert 'type="password"' not in page and 'name="usable_password"' not in page


def test_the_admin_sets_no_password_of_a_school_person(client, cast, portal_admin):
    """With the director's password he would sign in as her and read the school's personal data."""
    client.force_login(portal_admin)
    url = reverse("admin:auth_user_password_change", args=[cast.director.pk])
    assert client.get(url).status_code == 403
    response = client.post(url, {"password1": "Chuzhoi-parol-2026", "password2": "Chuzhoi-parol-2026"})
    assert response.status_code == 403
    cast.director.refresh_from_db()
    assert not cast.director.check_password("Chuzhoi-parol-2026")
    page = client.get(reverse("admin:accounts_user_change", args=[cast.director.pk])).content.decode()
    assert url not in page


def test_the_admin_does_not_redirect_a_school_persons_mail_to_himself(client, cast, portal_admin):
    """A changed address would bring the director's password-reset letter to his mailbox."""
    client.force_login(portal_admin)
    url = reverse("admin:accounts_user_change", args=[cast.director.pk])
    data = form_data(client.get(url).content.decode(), "user_form")
    data.update({"email": ["admin-mailbox@example.ru"], "username": ["director2"], "first_name": ["Наталия"]})
    assert client.post(url, data).status_code == 302
    cast.director.refresh_from_db()
    assert (cast.director.email, cast.director.username) != ("admin-mailbox@example.ru", "director2")
    assert cast.director.username == "director" and cast.director.first_name == "Наталия"


def test_a_superuser_still_sets_a_password(client, cast, superuser):
    client.force_login(superuser)
    url = reverse("admin:auth_user_password_change", args=[cast.director.pk])
    assert client.get(url).status_code == 200


def test_the_admin_may_not_change_a_superuser_or_another_administrator(client, cast, portal_admin, superuser):
    other_admin = UserFactory(username="admin2", is_staff=True)
    client.force_login(portal_admin)
    for user in (superuser, other_admin):
        url = reverse("admin:accounts_user_change", args=[user.pk])
        assert client.post(url, {"username": user.username, "first_name": "Взлом"}).status_code == 403
        password = reverse("admin:auth_user_password_change", args=[user.pk])
        assert client.post(password, {"password1": "x-2026-Y", "password2": "x-2026-Y"}).status_code == 403
        user.refresh_from_db()
        assert user.first_name != "Взлом" and user.check_password("pass-2026")


def test_a_superuser_edits_the_privilege_fields(client, cast, superuser):
    client.force_login(superuser)
    url = reverse("admin:accounts_user_change", args=[cast.admin.pk])
    page = client.get(url).content.decode()
    for name in PRIVILEGES:
        assert f'name="{name}"' in page
    data = form_data(page, "user_form")
    data["is_staff"] = ["on"]
    assert client.post(url, data).status_code == 302
    cast.admin.refresh_from_db()
    assert cast.admin.is_staff
