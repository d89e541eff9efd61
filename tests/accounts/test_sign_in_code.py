"""The one-time sign-in code: the curator or director of the school issues it for a person of the
school (never for themselves, outside the school, or above their own role); it works once, for a day,
a few wrong tries void it; the person sets a new password before anything else; all journaled."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.accounts import services
from apps.accounts.models import Role, SignInCode
from apps.audit.models import AccessEvent
from apps.core.exceptions import DomainError
from tests.factories.accounts import UserFactory
from tests.factories.staff import PersonFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:code-login")


def _issue_url(user):
    return reverse("accounts:sign-in-code-issue", args=[user.pk])


def _issue(cast, user=None, by=None):
    return services.sign_in_code_issue(
        user=user or cast.mentor, organization=cast.school, issued_by=by or cast.curator
    )[1]


def _sign_in(client, username, code, ip="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "code": code}, REMOTE_ADDR=ip)


# --- Issuing ----------------------------------------------------------------------------------------


def test_the_curator_issues_a_code_shown_once_and_stored_as_a_hash(client_for, cast):
    client = client_for("curator")
    assert client.get(_issue_url(cast.mentor)).status_code == 200
    response = client.post(_issue_url(cast.mentor))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    code = response.context["code"]
    assert code in response.content.decode() and len(code) == 11
    record = SignInCode.objects.get(user=cast.mentor)
    assert code not in record.code_hash and code.replace("-", "") not in record.code_hash
    assert abs(record.expires_at - record.created_at - timedelta(days=1)) < timedelta(seconds=5)
    event = AccessEvent.objects.get(action=AccessEvent.Action.CODE_ISSUE)
    assert (event.user, event.target_user, event.organization) == (cast.curator, cast.mentor, cast.school)


def test_the_director_issues_a_code_for_the_curator(client_for, cast):
    assert client_for("director").post(_issue_url(cast.curator)).status_code == 200
    assert SignInCode.objects.filter(user=cast.curator).exists()


def test_the_curator_cannot_issue_a_code_for_the_director(client_for, cast):
    response = client_for("curator").post(_issue_url(cast.director))
    assert response.status_code == 403
    assert "роль выше вашей" in response.content.decode()
    assert not SignInCode.objects.exists()


def test_nobody_issues_a_code_for_himself(client_for, cast):
    for role in ("curator", "director"):
        response = client_for(role).post(_issue_url(getattr(cast, role)))
        assert response.status_code == 403
        assert "Себе код выдать нельзя" in response.content.decode()
    assert not SignInCode.objects.exists()


def test_a_person_of_another_school_does_not_exist_for_the_curator(client_for, cast):
    assert client_for("curator").post(_issue_url(cast.other_teacher)).status_code == 404
    assert client_for("curator").post(_issue_url(cast.municipal)).status_code == 404
    assert not SignInCode.objects.exists()


@pytest.mark.parametrize("role", ["mentor", "council", "psychologist", "admin", "municipal", "nobody"])
def test_other_roles_issue_no_code(client_for, cast, role):
    assert client_for(role).post(_issue_url(cast.mentee)).status_code == 403
    assert not SignInCode.objects.exists()


def test_no_code_for_a_person_with_a_role_elsewhere(cast):
    double = UserFactory(
        username="double", roles=[(Role.MENTOR, cast.school), (Role.DIRECTOR, cast.other_school)]
    )
    with pytest.raises(DomainError) as error:
        services.sign_in_code_issue(user=double, organization=cast.school, issued_by=cast.director)
    assert "вне вашей организации" in error.value.message


def test_a_new_code_voids_the_previous_one(client, cast):
    first = _issue(cast)
    second = _issue(cast)
    assert _sign_in(client, "mentor", first).status_code == 200
    assert _sign_in(client, "mentor", second).status_code == 302


def test_the_staff_card_offers_the_code_only_where_it_would_be_issued(client_for, cast):
    mentor_card = PersonFactory(organization=cast.school, user=cast.mentor)
    director_card = PersonFactory(organization=cast.school, user=cast.director)
    link = _issue_url(cast.mentor)
    assert (
        link
        in client_for("curator").get(reverse("staff:person-detail", args=[mentor_card.pk])).content.decode()
    )
    page = client_for("curator").get(reverse("staff:person-detail", args=[director_card.pk])).content.decode()
    assert _issue_url(cast.director) not in page


# --- Signing in with it -----------------------------------------------------------------------------


def test_the_code_signs_in_once_and_the_new_password_comes_first(client, cast):
    code = _issue(cast)
    assert "Войти по одноразовому коду" in client.get(reverse("accounts:login")).content.decode()
    # Typed without the dash, in lower case, with a Cyrillic «С» for the Latin «C»: still the code.
    typed = code.replace("-", "").lower().replace("c", "с")
    response = _sign_in(client, "MENTOR", typed)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:password-set")
    # Nothing else opens until the password is set.
    for url in (
        reverse("accounts:dashboard"),
        reverse("accounts:profile"),
        reverse("accounts:password-change"),
    ):
        assert client.get(url)["Location"] == reverse("accounts:password-set")
    response = client.post(
        reverse("accounts:password-set"),
        {"new_password1": "Novyi-Parol-2026", "new_password2": "Novyi-Parol-2026"},
    )
    assert response.status_code == 302
    assert client.get(reverse("accounts:dashboard")).status_code == 200
    cast.mentor.refresh_from_db()
    assert cast.mentor.check_password("Novyi-Parol-2026")
    event = AccessEvent.objects.get(action=AccessEvent.Action.CODE_SIGN_IN)
    assert (event.user, event.target_user) == (cast.mentor, cast.mentor)
    # Used once: it does not sign in again.
    client.logout()
    response = _sign_in(client, "mentor", code)
    assert response.status_code == 200
    assert "Неверный логин или код" in response.content.decode()


def test_an_expired_code_does_not_sign_in(client, cast):
    code = _issue(cast)
    SignInCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert _sign_in(client, "mentor", code).status_code == 200
    assert "_auth_user_id" not in client.session
    assert SignInCode.objects.get().voided_at is not None


def test_a_code_of_another_user_does_not_sign_in(client, cast):
    code = _issue(cast, user=cast.mentee)
    assert _sign_in(client, "mentor", code).status_code == 200
    assert "_auth_user_id" not in client.session


def test_wrong_codes_void_it_after_a_few_tries(client, cast, settings):
    code = _issue(cast)
    for i in range(settings.SIGN_IN_CODE_MAX_ATTEMPTS):
        response = _sign_in(client, "mentor", "AAAAA-AAAAA", ip=f"10.0.3.{i}")
        assert "Неверный логин или код" in response.content.decode()
    assert _sign_in(client, "mentor", code).status_code == 200
    assert "_auth_user_id" not in client.session
    assert SignInCode.objects.get().voided_at is not None


def test_one_client_is_limited_whatever_the_usernames(client, cast, settings):
    settings.SIGN_IN_CODE_LIMIT_PER_CLIENT = 3
    code = _issue(cast)
    for name in ("a", "b", "c"):
        _sign_in(client, name, "AAAAA-AAAAA")
    response = _sign_in(client, "mentor", code)
    assert "Слишком много попыток" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert SignInCode.objects.get().used_at is None  # the refused try did not spend the code


def test_the_password_set_page_asks_for_the_old_password_without_a_code_sign_in(client_for):
    client = client_for("mentor")
    assert client.get(reverse("accounts:password-set"))["Location"] == reverse("accounts:password-change")
