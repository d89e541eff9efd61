"""Sign-in lock behind a proxy: it keys on the username and the real client address, a password reset
lifts it, the director (her school's accounts) and the administrator (all) unlock in one click, journaled."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client, RequestFactory
from django.urls import reverse

from apps.accounts.admin_group import GROUP_NAME, ensure_portal_admin_group
from apps.audit.models import AccessEvent
from apps.core.net import client_ip
from apps.core.templatetags.ru import ru_duration

pytestmark = pytest.mark.django_db

PROXY = "127.0.0.1"  # nginx on the same machine: every request's REMOTE_ADDR
HER_ADDRESS = "203.0.113.10"  # the director's school
ATTACKER = "198.51.100.66"
PASSWORD = "pass-2026"  # the cast's password


@pytest.fixture
def behind_nginx(settings):
    """The production setting AXES_PROXY_COUNT=1 (one nginx in front of gunicorn)."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.AXES_IPWARE_PROXY_COUNT = 0
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR",)
    return settings


def _from(forwarded_for: str) -> Client:
    """A browser behind nginx: nginx appends the address it saw to X-Forwarded-For."""
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)


def _login(client: Client, username: str, password: str):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def _lock(username: str, settings, forwarded_for: str = ATTACKER) -> None:
    browser = _from(forwarded_for)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(browser, username, "wrong-password")


# The client address -----------------------------------------------------------------------------


def test_behind_one_proxy_the_client_is_the_address_nginx_forwarded(behind_nginx):
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=HER_ADDRESS)
    assert client_ip(request) == HER_ADDRESS


def test_addresses_the_client_put_in_x_forwarded_for_are_not_trusted(behind_nginx):
    # The attacker sent «X-Forwarded-For: <her address>»; nginx appended the attacker's real address.
    request = RequestFactory().get(
        "/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"10.9.9.9, {HER_ADDRESS}, {ATTACKER}"
    )
    assert client_ip(request) == ATTACKER


def test_behind_two_proxies_the_client_is_the_second_entry_from_the_right(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    settings.AXES_IPWARE_PROXY_COUNT = 1
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR",)
    request = RequestFactory().get(
        "/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"{HER_ADDRESS}, {ATTACKER}, 10.0.0.2"
    )
    assert client_ip(request) == ATTACKER


def test_without_a_proxy_x_forwarded_for_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    settings.AXES_IPWARE_PROXY_COUNT = None
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)
    request = RequestFactory().get("/", REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=HER_ADDRESS)
    assert client_ip(request) == ATTACKER


def test_axes_records_the_forwarded_client_address_not_the_proxy(behind_nginx, cast):
    _login(_from(ATTACKER), "director", "wrong-password")
    assert list(AccessAttempt.objects.values_list("username", "ip_address")) == [("director", ATTACKER)]


# Who is locked out ------------------------------------------------------------------------------


def test_failures_from_an_attacker_do_not_lock_the_user_out_from_her_own_address(behind_nginx, cast):
    _lock("director", behind_nginx, ATTACKER)
    assert _login(_from(ATTACKER), "director", PASSWORD).status_code == 429
    assert _login(_from(HER_ADDRESS), "director", PASSWORD).status_code == 302


def test_a_forged_x_forwarded_for_does_not_lock_her_address(behind_nginx, cast):
    _lock("director", behind_nginx, f"{HER_ADDRESS}, {ATTACKER}")
    assert _login(_from(HER_ADDRESS), "director", PASSWORD).status_code == 302


def test_failures_at_her_own_address_lock_her_there(behind_nginx, cast):
    _lock("director", behind_nginx, HER_ADDRESS)
    response = _login(_from(HER_ADDRESS), "director", PASSWORD)
    assert response.status_code == 429


def test_one_address_failing_for_many_usernames_is_refused_for_all(behind_nginx, cast):
    behind_nginx.LOGIN_IP_FAILURE_LIMIT = 3
    sprayer = _from(ATTACKER)
    for username in ("council", "psychologist", "mentor"):
        _login(sprayer, username, "wrong-password")
    response = _login(sprayer, "mentee", PASSWORD)
    assert response.status_code == 429
    assert "под разными логинами" in response.content.decode()
    assert _login(_from(HER_ADDRESS), "mentee", PASSWORD).status_code == 302


def test_lockout_page_says_the_wait_in_russian_words(client, cast, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "curator", "wrong")
    response = _login(client, "curator", PASSWORD)
    text = response.content.decode()
    assert response.status_code == 429
    assert "заблокирован на 15 минут." in text
    assert "PT15M" not in text


@pytest.mark.parametrize(
    ("minutes", "words"),
    [
        (1, "1 минуту"),
        (2, "2 минуты"),
        (15, "15 минут"),
        (21, "21 минуту"),
        (60, "1 час"),
        (90, "1 час 30 минут"),
        (180, "3 часа"),
        (24 * 60 * 2, "2 дня"),
    ],
)
def test_ru_duration_agrees_the_numeral(minutes, words):
    from datetime import timedelta

    assert ru_duration(timedelta(minutes=minutes)) == words


def test_password_reset_lifts_the_lock(client, cast, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "curator", "wrong")
    assert _login(client, "curator", PASSWORD).status_code == 429
    client.post(reverse("accounts:password-reset"), {"email": cast.curator.email})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password/reset/" in line)
    response = client.get(link.split("testserver", 1)[1], follow=True)
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "Novyi-Parol-2026", "new_password2": "Novyi-Parol-2026"},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="curator").exists()
    assert _login(client, "curator", "Novyi-Parol-2026").status_code == 302


# The page «Заблокированный вход» -------------------------------------------------------------------


def test_director_sees_only_the_locked_accounts_of_her_school(client_for, cast, behind_nginx):
    _lock("curator", behind_nginx)
    _lock("other_curator", behind_nginx)
    _lock("no-such-login", behind_nginx)
    response = client_for("director").get(reverse("audit:lockout-list"))
    locked = response.context["locked"]
    assert [a.user for a in locked] == [cast.curator]
    assert locked[0].addresses == [ATTACKER]
    text = response.content.decode()
    assert "Разблокировать" in text and "other_curator" not in text


def test_director_unlocks_an_account_of_her_school_and_it_is_journaled(client_for, cast, behind_nginx):
    _lock("curator", behind_nginx)
    response = client_for("director").post(reverse("audit:lockout-unlock"), {"account": cast.curator.pk})
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="curator").exists()
    event = AccessEvent.objects.get(url_name="audit:lockout-unlock")
    assert (event.user, event.organization, event.action) == (cast.director, cast.school, "change")
    assert (event.object_type, event.object_id) == ("accounts.user", str(cast.curator.pk))
    assert _login(_from(ATTACKER), "curator", PASSWORD).status_code == 302


def test_another_schools_director_cannot_unlock(client_for, cast, behind_nginx):
    _lock("curator", behind_nginx)
    response = client_for("other_director").post(
        reverse("audit:lockout-unlock"), {"account": cast.curator.pk}
    )
    assert response.status_code == 404
    assert AccessAttempt.objects.filter(username="curator").exists()
    assert not AccessEvent.objects.filter(url_name="audit:lockout-unlock").exists()


def test_an_account_that_is_not_locked_gives_404(client_for, cast):
    response = client_for("director").post(reverse("audit:lockout-unlock"), {"account": cast.curator.pk})
    assert response.status_code == 404


def test_a_teacher_may_not_unlock(client_for, cast, behind_nginx):
    _lock("mentee", behind_nginx)
    response = client_for("curator").post(reverse("audit:lockout-unlock"), {"account": cast.mentee.pk})
    assert response.status_code == 403
    assert AccessAttempt.objects.filter(username="mentee").exists()


def test_administrator_sees_and_unlocks_every_account(client_for, cast, behind_nginx):
    _lock("curator", behind_nginx)
    _lock("far_curator", behind_nginx)
    client = client_for("admin")
    locked = client.get(reverse("audit:lockout-list")).context["locked"]
    assert {a.user for a in locked} == {cast.curator, cast.far_curator}
    assert client.post(reverse("audit:lockout-unlock"), {"account": cast.far_curator.pk}).status_code == 302
    assert not AccessAttempt.objects.filter(username="far_curator").exists()
    assert AccessAttempt.objects.filter(username="curator").exists()
    event = AccessEvent.objects.get(url_name="audit:lockout-unlock")
    assert (event.user, event.organization) == (cast.admin, cast.far_school)


def test_administrator_reads_the_axes_admin_but_deletes_nothing_there(client, cast, behind_nginx):
    _lock("curator", behind_nginx)
    ensure_portal_admin_group()
    cast.admin.is_staff = True
    cast.admin.save()
    cast.admin.groups.add(Group.objects.get(name=GROUP_NAME))
    client.force_login(cast.admin)
    assert client.get(reverse("admin:axes_accessattempt_changelist")).status_code == 200
    attempt = AccessAttempt.objects.get(username="curator")
    assert client.get(reverse("admin:axes_accessattempt_delete", args=[attempt.pk])).status_code == 403
