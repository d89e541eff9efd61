"""The Django admin in the permission matrix: for every role of the cast, the answer to GET of
``/admin/``, the role form and a user form, and to POST of the role form and the user form.

Decided from the requirement: only the portal administrator (staff in «Администраторы портала») and a
superuser reach the admin; every school role, coordinator or user without a role is sent to the
admin's sign-in page (Django's answer for a non-staff user) and nothing they post is saved.
"""

import pytest
from django.urls import reverse

from apps.accounts import services
from apps.accounts.admin_group import ensure_portal_admin_group
from apps.accounts.models import ExternalIdentity, IdentityInvitation, Membership, Role
from apps.audit.models import AccessEvent
from tests.accounts.adminforms import form_data
from tests.factories.accounts import UserFactory
from tests.trust.permission_matrix import ROLES

pytestmark = pytest.mark.django_db

ADMIN_ROLES = [*ROLES, "superuser"]
REACHES_ADMIN = {"admin", "superuser"}
# Staff without a group or permission: Django shows him the admin's empty index and refuses every page.
STAFF_WITHOUT_RIGHTS = {"staff_user"}


def _refused(role: str) -> str:
    """The answer of a role that may not use the admin: 403 for a staff user, the admin's sign-in otherwise."""
    return "403" if role in STAFF_WITHOUT_RIGHTS else "302"


def _answer(response) -> str:
    if response.status_code == 302:
        return "302" if "/login/" in response["Location"] else "302R"
    return str(response.status_code)


@pytest.fixture
def admin_cast(cast):
    cast.admin.is_staff = True
    cast.admin.save(update_fields=["is_staff"])
    cast.admin.groups.add(ensure_portal_admin_group())
    cast.superuser = UserFactory(username="root", is_staff=True, is_superuser=True)
    cast.anonymous = None
    return cast


def _client(client, cast, role):
    client.logout()
    if role != "anonymous":
        client.force_login(getattr(cast, role))
    return client


@pytest.mark.parametrize("role", ADMIN_ROLES)
def test_get_of_the_admin_pages(role, admin_cast, client):
    client = _client(client, admin_cast, role)
    urls = [
        reverse("admin:index"),
        reverse("admin:accounts_membership_add"),
        reverse("admin:accounts_user_change", args=[admin_cast.director.pk]),
    ]
    if role in REACHES_ADMIN:
        expected = dict.fromkeys(urls, "200")
    else:
        expected = {url: _refused(role) for url in urls}
        if role in STAFF_WITHOUT_RIGHTS:
            expected[urls[0]] = "200"  # the index, listing nothing
    got = {url: _answer(client.get(url)) for url in urls}
    assert got == expected
    if expected[urls[0]] == "302":
        assert reverse("admin:login") in client.get(urls[0])["Location"]


@pytest.mark.parametrize("role", ADMIN_ROLES)
def test_post_of_the_role_form(role, admin_cast, client):
    """A grant the portal administrator may make: a director of the other school for a user without a role."""
    client = _client(client, admin_cast, role)
    target = admin_cast.nobody
    data = {
        "user": target.pk,
        "role": Role.DIRECTOR,
        "organization": admin_cast.other_school.pk,
        "is_active": "on",
    }
    got = _answer(client.post(reverse("admin:accounts_membership_add"), data))
    granted = Membership.objects.filter(user=target, role=Role.DIRECTOR).exists()
    if role in REACHES_ADMIN:
        assert (got, granted) == ("302R", True)
    else:
        assert (got, granted) == (_refused(role), False)


@pytest.mark.parametrize("role", ADMIN_ROLES)
def test_post_of_the_role_form_granting_oneself_is_refused_for_everyone(role, admin_cast, client):
    if role == "anonymous":
        pytest.skip("an anonymous visitor has no self")
    client = _client(client, admin_cast, role)
    me = getattr(admin_cast, role)
    before = set(Membership.objects.filter(user=me).values_list("pk", "is_active"))
    data = {"user": me.pk, "role": Role.DIRECTOR, "organization": admin_cast.far_school.pk, "is_active": "on"}
    response = client.post(reverse("admin:accounts_membership_add"), data)
    expected = "200" if role in REACHES_ADMIN else _refused(role)
    assert _answer(response) == expected
    assert set(Membership.objects.filter(user=me).values_list("pk", "is_active")) == before


@pytest.mark.parametrize("role", ADMIN_ROLES)
def test_post_of_a_user_form_with_privilege_fields(role, admin_cast, client):
    """Only a superuser makes an account staff or superuser; the portal administrator's post is saved
    without them; everyone else is sent to the admin's sign-in page."""
    root = _client(client, admin_cast, "superuser")
    url = reverse("admin:accounts_user_change", args=[admin_cast.mentor.pk])
    data = form_data(root.get(url).content.decode(), "user_form")
    data.update({"first_name": ["Отмечено"], "is_superuser": ["on"], "is_staff": ["on"]})
    client = _client(client, admin_cast, role)
    got = _answer(client.post(url, data))
    mentor = admin_cast.mentor
    mentor.refresh_from_db()
    if role == "superuser":
        assert (got, mentor.first_name, mentor.is_superuser, mentor.is_staff) == (
            "302R",
            "Отмечено",
            True,
            True,
        )
    elif role == "admin":
        assert (got, mentor.first_name, mentor.is_superuser, mentor.is_staff) == (
            "302R",
            "Отмечено",
            False,
            False,
        )
    else:
        assert (got, mentor.first_name == "Отмечено", mentor.is_superuser) == (_refused(role), False, False)


# --- Sign-ins through the identity provider: read-only lists, unlinking journaled ------------------------

SUBJECT = "ab12-secret-subject-99"


@pytest.fixture
def linked(admin_cast):
    identity = ExternalIdentity.objects.create(
        user=admin_cast.mentor,
        issuer="https://id.example.ru/realms/school",
        subject=SUBJECT,
        linked_by=ExternalIdentity.LinkedBy.PROFILE,
    )
    invitation, _ = services.identity_invitation_issue(
        user=admin_cast.mentee,
        organization=admin_cast.school,
        issued_by=admin_cast.curator,
        snils="112-233-445 95",
    )
    return identity, invitation


@pytest.mark.parametrize("role", ADMIN_ROLES)
def test_get_of_the_identity_pages(role, admin_cast, linked, client):
    identity, invitation = linked
    client = _client(client, admin_cast, role)
    urls = [
        reverse("admin:accounts_externalidentity_changelist"),
        reverse("admin:accounts_externalidentity_change", args=[identity.pk]),
        reverse("admin:accounts_identityinvitation_changelist"),
        reverse("admin:accounts_identityinvitation_change", args=[invitation.pk]),
    ]
    expected = dict.fromkeys(urls, "200" if role in REACHES_ADMIN else _refused(role))
    got = {url: _answer(client.get(url)) for url in urls}
    assert got == expected
    if role in REACHES_ADMIN:
        pages = "".join(client.get(url).content.decode() for url in urls)
        assert "ab12…99" in pages and SUBJECT not in pages  # the provider's identifier masked
        assert invitation.snils_hash not in pages and invitation.token_hash not in pages
        # Read-only: nobody adds or edits a link there.
        assert _answer(client.get(reverse("admin:accounts_externalidentity_add"))) == "403"
        assert _answer(client.get(reverse("admin:accounts_identityinvitation_add"))) == "403"
        assert 'name="subject"' not in pages


@pytest.mark.parametrize("role", ADMIN_ROLES)
def test_post_of_the_identity_deletion_unlinks_it_with_a_journal_row(role, admin_cast, linked, client):
    identity, invitation = linked
    client = _client(client, admin_cast, role)
    got = _answer(
        client.post(reverse("admin:accounts_externalidentity_delete", args=[identity.pk]), {"post": "yes"})
    )
    kept = ExternalIdentity.objects.filter(pk=identity.pk).exists()
    unlinked_by = list(
        AccessEvent.objects.filter(
            action=AccessEvent.Action.SSO_UNLINK, target_user=admin_cast.mentor
        ).values_list("user__username", flat=True)
    )
    if role in REACHES_ADMIN:
        assert (got, kept, unlinked_by) == ("302R", False, [getattr(admin_cast, role).username])
    else:
        assert (got, kept, unlinked_by) == (_refused(role), True, [])
    # An invitation is never deleted there, not even by a superuser.
    client.post(reverse("admin:accounts_identityinvitation_delete", args=[invitation.pk]), {"post": "yes"})
    assert IdentityInvitation.objects.filter(pk=invitation.pk).exists()


@pytest.mark.parametrize("role", ["admin", "superuser"])
def test_the_bulk_deletion_is_journaled_and_spares_a_staff_account_for_the_administrator(
    role, admin_cast, linked, client
):
    identity, _ = linked
    root_identity = ExternalIdentity.objects.create(
        user=admin_cast.superuser,
        issuer=identity.issuer,
        subject="root-subject-000",
        linked_by=ExternalIdentity.LinkedBy.PROFILE,
    )
    client = _client(client, admin_cast, role)
    single = client.post(
        reverse("admin:accounts_externalidentity_delete", args=[root_identity.pk]), {"post": "yes"}
    )
    bulk = client.post(
        reverse("admin:accounts_externalidentity_changelist"),
        {"action": "delete_selected", "_selected_action": [identity.pk, root_identity.pk], "post": "yes"},
    )
    left = set(ExternalIdentity.objects.values_list("pk", flat=True))
    if role == "admin":
        # A superuser's link is not the administrator's to remove, alone or among others.
        assert (_answer(single), _answer(bulk), left) == ("403", "403", {identity.pk, root_identity.pk})
        assert not AccessEvent.objects.filter(action=AccessEvent.Action.SSO_UNLINK).exists()
    else:
        assert left == set()
        assert AccessEvent.objects.filter(action=AccessEvent.Action.SSO_UNLINK).count() == 2
