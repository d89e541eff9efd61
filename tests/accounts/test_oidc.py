"""Sign-in through a regional identity provider, against a real OpenID provider (django-oauth-toolkit in a
second process on 127.0.0.1): the redirect with state, nonce and PKCE, the provider's sign-in, the code
exchanged over HTTP, the ID token's signature checked against the provider's keys, linking from the
profile and by the school's invitation (with the СНИЛС as a keyed hash only), the sign-in of a linked
identity, the refusal of an unlinked one, and the sign-out that ends the provider's session too."""

import json
import smtplib
import time
from urllib.parse import parse_qs, urlparse

import pytest
import requests
from axes.models import AccessAttempt, AccessLog
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings
from django.test import Client
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.formats import date_format
from joserfc.jwk import RSAKey

from apps.accounts import oidc, oidc_views, services
from apps.accounts.forms import IdentityInvitationForm
from apps.accounts.models import ExternalIdentity, IdentityInvitation, User
from apps.audit.models import AccessEvent
from tests.oidc_provider import process

pytestmark = pytest.mark.django_db

CALLBACK = "http://testserver/login/oidc/callback/"
PASSWORD = "at-the-provider-2026"
MENTOR_SNILS = "112-233-445 95"
PEOPLE = [
    {
        "username": "morozova",
        "password": PASSWORD,
        "email": "m@example.ru",
        "claims": {"snils": MENTOR_SNILS},
    },
    {"username": "stranger", "password": PASSWORD, "email": "s@example.ru"},
]


@pytest.fixture(scope="session")
def provider(tmp_path_factory):
    running = process.start(
        workdir=tmp_path_factory.mktemp("oidc_provider"),
        users=PEOPLE,
        redirect_uris=[CALLBACK],
        post_logout_uris=["http://testserver/login/"],
    )
    yield running
    running.stop()


@pytest.fixture
def oidc_on(settings, provider):
    settings.OIDC_ISSUER = provider.issuer
    settings.OIDC_CLIENT_ID = provider.client_id
    settings.OIDC_CLIENT_SECRET = provider.client_secret
    settings.OIDC_SCOPES = "openid email snils"
    settings.OIDC_SNILS_CLAIM = "snils"
    settings.OIDC_PROVIDER_NAME = "Госуслуги"
    settings.PORTAL_BASE_URL = ""
    return provider


@pytest.fixture
def person():
    """The person's browser at the provider (the portal's own pages go through Django's test client)."""
    with requests.Session() as session:
        yield session


def _callback(client, location):
    assert location.startswith(CALLBACK), location
    parsed = urlparse(location)
    return client.get(parsed.path, {key: values[0] for key, values in parse_qs(parsed.query).items()})


def _sign_in_through_provider(client, person, username):
    start = client.get(reverse("accounts:oidc-login"))
    assert start.status_code == 302
    return _callback(client, process.sign_in_at_provider(person, start["Location"], username, PASSWORD))


def _link(client, person, username):
    start = client.post(reverse("accounts:oidc-link"))
    assert start.status_code == 302
    return _callback(client, process.sign_in_at_provider(person, start["Location"], username, PASSWORD))


# --- The whole way -----------------------------------------------------------------------------------


def test_linked_in_profile_then_signs_in_through_the_provider_and_out_of_both(
    client, cast, oidc_on, person, settings
):
    settings.OIDC_SCOPES, settings.OIDC_SNILS_CLAIM = "openid email", ""  # an ID token without a СНИЛС
    client.force_login(cast.mentor)  # the person's own step: signed in with the password
    start = client.post(reverse("accounts:oidc-link"))
    query = parse_qs(urlparse(start["Location"]).query)
    assert start["Location"].startswith(oidc_on.issuer + "/authorize/")
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"]
    assert query["state"] and query["nonce"] and "openid" in query["scope"][0].split()
    back = _callback(client, process.sign_in_at_provider(person, start["Location"], "morozova", PASSWORD))
    assert back.status_code == 302 and back["Location"] == reverse("accounts:profile")
    identity = ExternalIdentity.objects.get(user=cast.mentor)
    assert identity.issuer == oidc_on.issuer and identity.linked_by == ExternalIdentity.LinkedBy.PROFILE
    assert AccessEvent.objects.filter(action=AccessEvent.Action.SSO_LINK, target_user=cast.mentor).exists()
    assert "Привязать вход через" not in client.get(reverse("accounts:profile")).content.decode()

    client.post(reverse("accounts:logout"))
    signed_in = _sign_in_through_provider(client, person, "morozova")  # still signed in at the provider
    assert signed_in.status_code == 302 and signed_in["Location"] == reverse("accounts:dashboard")
    assert client.get(reverse("accounts:dashboard")).context["user"] == cast.mentor
    assert AccessEvent.objects.filter(action=AccessEvent.Action.SSO_SIGN_IN, target_user=cast.mentor).exists()
    assert AccessLog.objects.filter(username=cast.mentor.username).exists()  # axes' journal of sign-ins

    out = client.post(reverse("accounts:logout"))
    end = urlparse(out["Location"])
    assert out["Location"].startswith(oidc_on.issuer + "/logout/")
    assert parse_qs(end.query)["id_token_hint"]
    assert client.get(reverse("accounts:dashboard")).status_code == 302  # the portal's session is over
    back_home = person.get(out["Location"], allow_redirects=False, timeout=30)
    assert back_home.status_code == 302 and back_home.headers["Location"] == "http://testserver/login/"
    # The provider's session is over too: the next sign-in asks for the password again.
    again = person.get(client.get(reverse("accounts:oidc-login"))["Location"], allow_redirects=False)
    assert urlparse(again.headers["Location"]).path == "/login/"


def test_an_id_token_carrying_the_snils_is_not_kept_and_sign_out_names_the_client(
    client, cast, oidc_on, person
):
    client.force_login(cast.mentor)
    _link(client, person, "morozova")
    client.logout()
    _sign_in_through_provider(client, person, "morozova")
    assert "oidc_id_token" not in client.session and client.session["oidc_signed_in"]
    out = client.post(reverse("accounts:logout"))
    query = parse_qs(urlparse(out["Location"]).query)
    assert "id_token_hint" not in query and query["client_id"] == [oidc_on.client_id]


def test_an_unlinked_identity_is_refused_and_no_account_is_made(client, cast, oidc_on, person):
    users_before = User.objects.count()
    answer = _sign_in_through_provider(client, person, "stranger")
    assert answer.status_code == 403
    assert "не привязана ни к одной учётной записи портала" in answer.content.decode()
    assert "s@example.ru" in answer.content.decode()  # which account at the provider, from the e-mail claim
    assert User.objects.count() == users_before and not ExternalIdentity.objects.exists()
    assert "_auth_user_id" not in client.session
    assert AccessEvent.objects.filter(action=AccessEvent.Action.SSO_REFUSED, user=None).exists()
    # Counted by axes as a failure from this address, under a hash of the identity, never the identifier.
    attempt = AccessAttempt.objects.get()
    assert attempt.username.startswith("oidc:") and attempt.failures_since_start == 1


def test_a_linked_identity_of_a_locked_account_is_refused(client, cast, oidc_on, person, settings):
    client.force_login(cast.mentor)
    _link(client, person, "morozova")
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": cast.mentor.username, "password": "wrong"})
    answer = _sign_in_through_provider(client, person, "morozova")
    assert answer.status_code == 429 and "_auth_user_id" not in client.session


def test_a_disabled_account_does_not_open_through_the_provider(client, cast, oidc_on, person):
    client.force_login(cast.mentor)
    _link(client, person, "morozova")
    client.logout()
    User.objects.filter(pk=cast.mentor.pk).update(is_active=False)
    assert _sign_in_through_provider(client, person, "morozova").status_code == 403


# --- The provider's answer is checked ----------------------------------------------------------------


def test_a_callback_with_another_state_or_replayed_is_refused(client, cast, oidc_on, person):
    start = client.get(reverse("accounts:oidc-login"))
    location = process.sign_in_at_provider(person, start["Location"], "morozova", PASSWORD)
    query = {k: v[0] for k, v in parse_qs(urlparse(location).query).items()}
    forged = client.get(reverse("accounts:oidc-callback"), {**query, "state": "forged"})
    assert forged.status_code == 400 and "_auth_user_id" not in client.session
    # The flow was spent by the forged try: the genuine callback afterwards is stale.
    assert client.get(reverse("accounts:oidc-callback"), query).status_code == 400


def test_a_callback_without_a_started_sign_in_is_refused(client, oidc_on):
    answer = client.get(reverse("accounts:oidc-callback"), {"code": "anything", "state": "anything"})
    assert answer.status_code == 400 and "Вход устарел" in answer.content.decode()


def test_an_id_token_not_signed_by_the_providers_key_is_refused(client, cast, oidc_on, person):
    client.force_login(cast.mentor)
    _link(client, person, "morozova")
    client.logout()
    start = client.get(reverse("accounts:oidc-login"))
    location = process.sign_in_at_provider(person, start["Location"], "morozova", PASSWORD)
    # Another key under the provider's key id: a token the provider signed no longer verifies.
    real = requests.get(oidc.metadata()["jwks_uri"], timeout=10).json()["keys"][0]
    impostor = RSAKey.import_key(rsa.generate_private_key(public_exponent=65537, key_size=2048))
    oidc.client().server_metadata["jwks"] = {
        "keys": [{**impostor.as_dict(private=False), "kid": real["kid"]}]
    }
    try:
        answer = _callback(client, location)
    finally:
        oidc.client().server_metadata.pop("jwks", None)
    assert answer.status_code == 400 and "_auth_user_id" not in client.session


def test_a_discovery_document_of_another_issuer_is_refused(client, oidc_on, settings):
    # The same provider under another name: its document names 127.0.0.1, not the configured issuer.
    settings.OIDC_ISSUER = oidc_on.issuer.replace("127.0.0.1", "localhost")
    answer = client.get(reverse("accounts:oidc-login"))
    assert answer.status_code == 503


# --- Linking rules --------------------------------------------------------------------------------------


def test_an_identity_linked_to_one_account_is_not_linked_to_another(client, cast, oidc_on, person):
    client.force_login(cast.mentor)
    _link(client, person, "morozova")
    client.force_login(cast.mentee)
    answer = _link(client, person, "morozova")
    assert answer.status_code == 302
    assert "уже привязана к другому пользователю" in client.get(answer["Location"]).content.decode()
    assert ExternalIdentity.objects.get().user == cast.mentor
    assert not ExternalIdentity.objects.filter(user=cast.mentee).exists()


def test_unlinking_is_one_click_and_the_password_stays(client, cast, oidc_on, person):
    client.force_login(cast.mentor)
    _link(client, person, "morozova")
    identity = ExternalIdentity.objects.get()
    assert client.post(reverse("accounts:oidc-unlink", args=[identity.pk])).status_code == 302
    assert not ExternalIdentity.objects.exists()
    assert AccessEvent.objects.filter(action=AccessEvent.Action.SSO_UNLINK, target_user=cast.mentor).exists()
    client.logout()
    answer = client.post(
        reverse("accounts:login"), {"username": cast.mentor.username, "password": "pass-2026"}
    )
    assert answer.status_code == 302 and client.session["_auth_user_id"] == str(cast.mentor.pk)


def test_an_account_without_a_password_keeps_its_identity(client, cast, oidc_on, person):
    client.force_login(cast.mentor)
    _link(client, person, "morozova")
    cast.mentor.set_unusable_password()
    cast.mentor.save()
    client.force_login(cast.mentor)
    client.post(reverse("accounts:oidc-unlink", args=[ExternalIdentity.objects.get().pk]))
    assert ExternalIdentity.objects.exists()


def test_nobody_unlinks_anothers_identity(client, cast, oidc_on, person):
    client.force_login(cast.mentor)
    _link(client, person, "morozova")
    client.force_login(cast.curator)
    answer = client.post(reverse("accounts:oidc-unlink", args=[ExternalIdentity.objects.get().pk]))
    assert answer.status_code == 404 and ExternalIdentity.objects.exists()


# --- The school's invitation, with the СНИЛС as a keyed hash ------------------------------------------


def test_an_invitation_links_only_the_identity_with_the_snils_the_school_entered(client, cast, oidc_on):
    client.force_login(cast.curator)
    page = client.post(
        reverse("accounts:identity-invitation-issue", args=[cast.mentor.pk]) + f"?org={cast.school.pk}",
        {"snils": MENTOR_SNILS},
    )
    assert page.status_code == 200
    link = page.context["link"]
    invitation = IdentityInvitation.objects.get(user=cast.mentor)
    assert (
        invitation.snils_hash == oidc.snils_hash("11223344595") and "11223344595" not in invitation.snils_hash
    )
    assert invitation.token_hash not in link  # only the hash of the token is kept
    client.logout()

    path = urlparse(link).path
    assert cast.mentor.username in client.get(path).content.decode()
    with requests.Session() as wrong:  # somebody else follows the link and signs in as himself
        start = client.post(path)
        refused = _callback(
            client, process.sign_in_at_provider(wrong, start["Location"], "stranger", PASSWORD)
        )
    assert refused.status_code == 403 and "СНИЛС" in refused.content.decode()
    assert not ExternalIdentity.objects.exists()
    assert AccessEvent.objects.filter(action=AccessEvent.Action.SSO_REFUSED).exists()

    with requests.Session() as own:
        start = client.post(path)
        done = _callback(client, process.sign_in_at_provider(own, start["Location"], "morozova", PASSWORD))
    assert done.status_code == 302 and done["Location"] == reverse("accounts:dashboard")
    assert ExternalIdentity.objects.get().user == cast.mentor
    assert ExternalIdentity.objects.get().linked_by == ExternalIdentity.LinkedBy.INVITATION
    assert client.get(path).status_code == 404  # spent
    # The СНИЛС is nowhere in the database in plain form, nor in the session.
    assert "11223344595" not in json.dumps(dict(client.session)) and MENTOR_SNILS not in json.dumps(
        dict(client.session)
    )


def test_the_curator_may_not_invite_the_director(client, cast, oidc_on):
    client.force_login(cast.curator)
    answer = client.get(
        reverse("accounts:identity-invitation-issue", args=[cast.director.pk]) + f"?org={cast.school.pk}"
    )
    assert answer.status_code == 403


def test_a_mentor_may_not_invite_anybody(client, cast, oidc_on):
    client.force_login(cast.mentor)
    answer = client.get(reverse("accounts:identity-invitation-issue", args=[cast.mentee.pk]))
    assert answer.status_code == 403


def test_a_new_invitation_voids_the_previous_one(cast, oidc_on):
    first = services.identity_invitation_issue(
        user=cast.mentor, organization=cast.school, issued_by=cast.curator
    )[1]
    services.identity_invitation_issue(user=cast.mentor, organization=cast.school, issued_by=cast.curator)
    assert services.identity_invitation_open(token=first) is None


# --- Without a provider: the button, the 404s, the СНИЛС form --------------------------------------------


def test_the_login_page_shows_the_button_only_when_a_provider_is_configured(client, settings):
    settings.OIDC_ISSUER = ""
    assert "Войти через" not in client.get(reverse("accounts:login")).content.decode()
    assert client.get(reverse("accounts:oidc-login")).status_code == 404
    settings.OIDC_ISSUER, settings.OIDC_PROVIDER_NAME = "https://id.example.ru/realms/school", "Госуслуги"
    page = client.get(reverse("accounts:login")).content.decode()
    assert "Войти через Госуслуги" in page and 'name="password"' in page  # the password stays a way in


@pytest.mark.parametrize("spelling", ["112-233-445 95", "11223344595", " 112 233 445 95 "])
def test_the_snils_hash_is_keyed_and_the_same_for_every_spelling(spelling, settings):
    assert oidc.snils_hash(spelling) == oidc.snils_hash("11223344595")
    assert len(oidc.snils_hash(spelling)) == 64 and "11223344595" not in oidc.snils_hash(spelling)
    first = oidc.snils_hash(spelling)
    settings.SNILS_HASH_KEY = "another key"
    assert oidc.snils_hash(spelling) != first


@pytest.mark.parametrize(
    ("value", "valid"), [("112-233-445 95", True), ("112-233-445 96", False), ("1234", False), ("", True)]
)
def test_the_invitation_form_checks_the_snils_check_number(value, valid):
    assert IdentityInvitationForm({"snils": value}).is_valid() is valid


# --- The invitation by e-mail ---------------------------------------------------------------------------


def _invite(client, cast, person_user):
    client.force_login(cast.curator)
    url = reverse("accounts:identity-invitation-issue", args=[person_user.pk]) + f"?org={cast.school.pk}"
    return client.post(url, {"snils": ""})


def test_the_invitation_is_emailed_with_the_link_its_expiry_and_who_invited(
    client, cast, oidc_on, mailoutbox
):
    page = _invite(client, cast, cast.mentor)
    link = page.context["link"]
    assert page.status_code == 200 and link in page.content.decode()  # the link is still shown
    assert "Письмо со ссылкой отправлено на адрес mentor@example.ru" in page.content.decode()
    [letter] = mailoutbox
    assert letter.to == ["mentor@example.ru"]
    assert letter.subject == f"Приглашение привязать вход через Госуслуги — {cast.school.short_name}"
    body = letter.body
    assert link in body and "Здравствуйте, Татьяна Сергеевна!" in body
    assert "Соловьёва Елена Петровна" in body and "выдала приглашение для Морозовой Татьяны Сергеевны" in body
    expires = timezone.localtime(IdentityInvitation.objects.get(user=cast.mentor).expires_at)
    assert f"Ссылка действует до {date_format(expires, 'j E Y')} г. {expires:%H:%M}" in body
    assert "декабря" in body or "января" in body  # the month in words, in the genitive
    # The letter's link works: it is the invitation's page of this person.
    assert cast.mentor.username in Client().get(urlparse(link).path).content.decode()
    assert (
        AccessEvent.objects.filter(action=AccessEvent.Action.SSO_INVITE, target_user=cast.mentor).count() == 1
    )


def test_a_person_without_an_email_gets_no_letter_and_the_curator_is_told(client, cast, oidc_on, mailoutbox):
    User.objects.filter(pk=cast.mentor.pk).update(email="")
    page = _invite(client, cast, cast.mentor)
    assert page.status_code == 200 and mailoutbox == []
    assert (
        "не указана электронная почта, письмо не отправлено: передайте ссылку лично" in page.content.decode()
    )
    assert page.context["link"] in page.content.decode()


def test_a_letter_that_cannot_be_sent_leaves_the_link_on_the_page(client, cast, oidc_on, monkeypatch):
    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("gone")

    monkeypatch.setattr(services, "send_mail", refuse)
    page = _invite(client, cast, cast.mentor)
    assert page.status_code == 200
    assert "Письмо на адрес mentor@example.ru отправить не удалось" in page.content.decode()
    assert services.identity_invitation_open(token=urlparse(page.context["link"]).path.split("/")[-2])


def test_a_second_invitation_replaces_the_first_one_sent_by_email(client, cast, oidc_on, mailoutbox):
    first = _invite(client, cast, cast.mentor).context["link"]
    second = _invite(client, cast, cast.mentor).context["link"]
    assert len(mailoutbox) == 2 and first in mailoutbox[0].body and second in mailoutbox[1].body
    anonymous = Client()
    assert anonymous.get(urlparse(first).path).status_code == 404
    assert anonymous.get(urlparse(second).path).status_code == 200
    assert IdentityInvitation.objects.filter(user=cast.mentor, voided_at__isnull=True).count() == 1


# --- «Войти по паролю и связать» on the refusal page ------------------------------------------------------

LINK_PASSWORD = reverse_lazy("accounts:oidc-link-password")


def _refused_as(client, person, username="stranger"):
    answer = _sign_in_through_provider(client, person, username)
    assert answer.status_code == 403
    return answer


def test_the_refusal_page_links_the_identity_to_the_account_whose_password_is_given(
    client, cast, oidc_on, person, mailoutbox, django_capture_on_commit_callbacks
):
    refused = _refused_as(client, person)
    assert "Войти по паролю и связать" in refused.content.decode()
    subject = client.session[oidc_views.PENDING]["subject"]
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(LINK_PASSWORD, {"username": "mentor", "password": "pass-2026"})
    assert done.status_code == 302 and done["Location"] == reverse("accounts:dashboard")
    assert client.session["_auth_user_id"] == str(cast.mentor.pk) and client.session["oidc_signed_in"]
    assert oidc_views.PENDING not in client.session
    identity = ExternalIdentity.objects.get()
    assert (identity.user, identity.subject) == (cast.mentor, subject)
    assert identity.linked_by == ExternalIdentity.LinkedBy.PASSWORD
    assert AccessEvent.objects.filter(action=AccessEvent.Action.SSO_LINK, target_user=cast.mentor).exists()
    [notice] = mailoutbox
    assert notice.to == ["mentor@example.ru"] and "привязан вход через Госуслуги" in notice.body
    assert "Отвязать" in notice.body
    # From now on the provider's sign-in opens the account.
    client.post(reverse("accounts:logout"))
    again = _sign_in_through_provider(client, person, "stranger")
    assert again.status_code == 302 and client.session["_auth_user_id"] == str(cast.mentor.pk)


def test_the_identity_comes_from_the_session_never_from_the_form(client, cast, oidc_on, person):
    _refused_as(client, person)
    subject = client.session[oidc_views.PENDING]["subject"]
    forged = {
        "issuer": "https://evil.example",
        "subject": "forged",
        "sub": "forged",
        "email": "x@evil.example",
    }
    client.post(LINK_PASSWORD, {"username": "mentor", "password": "pass-2026", **forged})
    identity = ExternalIdentity.objects.get()
    assert (identity.issuer, identity.subject) == (oidc_on.issuer, subject) and subject != "forged"


def test_linking_with_a_password_needs_a_sign_in_at_the_provider_in_this_browser(
    client, cast, oidc_on, person
):
    _refused_as(client, person)
    other_browser = Client()
    answer = other_browser.post(LINK_PASSWORD, {"username": "mentor", "password": "pass-2026"})
    assert answer.status_code == 400 and "Вход устарел" in answer.content.decode()
    assert "_auth_user_id" not in other_browser.session and not ExternalIdentity.objects.exists()
    assert Client().get(LINK_PASSWORD).status_code == 400


def test_the_waiting_identity_is_spent_by_the_link_and_an_old_session_cannot_replay_it(
    client, cast, oidc_on, person
):
    _refused_as(client, person)
    old_session = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post(LINK_PASSWORD, {"username": "mentor", "password": "pass-2026"})
    ExternalIdentity.objects.all().delete()
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = old_session
    answer = replay.post(LINK_PASSWORD, {"username": "mentee", "password": "pass-2026"})
    assert answer.status_code == 400 and not ExternalIdentity.objects.exists()
    client.logout()
    assert client.post(LINK_PASSWORD, {"username": "mentee", "password": "pass-2026"}).status_code == 400


def test_the_waiting_identity_expires(client, cast, oidc_on, person):
    _refused_as(client, person)
    session = client.session
    session[oidc_views.PENDING] = {**session[oidc_views.PENDING], "until": time.time() - 1}
    session.save()
    answer = client.post(LINK_PASSWORD, {"username": "mentor", "password": "pass-2026"})
    assert answer.status_code == 400 and not ExternalIdentity.objects.exists()
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_links_nothing_counts_for_axes_and_the_offer_ends_after_a_few(
    client, cast, oidc_on, person
):
    _refused_as(client, person)
    wrong = client.post(LINK_PASSWORD, {"username": "mentor", "password": "wrong"})
    assert wrong.status_code == 400 and "Неверный логин или пароль" in wrong.content.decode()
    assert not ExternalIdentity.objects.exists() and "_auth_user_id" not in client.session
    assert AccessAttempt.objects.filter(username="mentor").exists()
    for _ in range(oidc_views.PENDING_TRIES - 1):
        last = client.post(LINK_PASSWORD, {"username": "nobody", "password": "wrong"})
    assert last.status_code == 400 and oidc_views.PENDING not in client.session
    late = client.post(LINK_PASSWORD, {"username": "mentor", "password": "pass-2026"})
    assert late.status_code == 400 and not ExternalIdentity.objects.exists()


def test_a_provider_email_of_another_account_is_not_linked_to_the_password_given(
    client, cast, oidc_on, person, mailoutbox, django_capture_on_commit_callbacks
):
    # Somebody else's provider session left open on a shared computer: its e-mail is the mentee's.
    User.objects.filter(pk=cast.mentee.pk).update(email="s@example.ru")
    _refused_as(client, person)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(LINK_PASSWORD, {"username": "mentor", "password": "pass-2026"})
    assert answer.status_code == 409
    assert "этот адрес указан в другой учётной записи портала" in answer.content.decode()
    assert not ExternalIdentity.objects.exists() and "_auth_user_id" not in client.session
    assert mailoutbox == [] and oidc_views.PENDING not in client.session


def test_the_provider_email_of_the_account_itself_links(client, cast, oidc_on, person):
    User.objects.filter(pk=cast.mentor.pk).update(email="S@example.ru")
    _refused_as(client, person)
    client.post(LINK_PASSWORD, {"username": "mentor", "password": "pass-2026"})
    assert ExternalIdentity.objects.get().user == cast.mentor


def test_an_account_with_another_identity_of_the_provider_is_not_linked_again(client, cast, oidc_on):
    with requests.Session() as own:
        client.force_login(cast.mentor)
        _link(client, own, "morozova")
    client.logout()
    with requests.Session() as other:
        _refused_as(client, other)
        answer = client.post(LINK_PASSWORD, {"username": "mentor", "password": "pass-2026"})
    assert answer.status_code == 409 and "уже привязана другая учётная запись" in answer.content.decode()
    assert ExternalIdentity.objects.get().subject != "stranger" and "_auth_user_id" not in client.session


def test_a_disabled_account_is_not_offered_a_link(client, cast, oidc_on, person):
    client.force_login(cast.mentor)
    _link(client, person, "morozova")
    client.logout()
    User.objects.filter(pk=cast.mentor.pk).update(is_active=False)
    refused = _sign_in_through_provider(client, person, "morozova")
    assert refused.status_code == 403 and "Войти по паролю и связать" not in refused.content.decode()
    assert oidc_views.PENDING not in client.session


def test_the_waiting_identity_of_another_provider_is_not_linked(client, cast, oidc_on, person, settings):
    _refused_as(client, person)
    settings.OIDC_ISSUER = "https://sso.other-region.ru/realms/schools"  # the provider changed meanwhile
    answer = client.post(LINK_PASSWORD, {"username": "mentor", "password": "pass-2026"})
    assert answer.status_code == 400 and not ExternalIdentity.objects.exists()
