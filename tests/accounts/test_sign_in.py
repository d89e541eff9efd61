"""Sign-in: success, lockout after repeated failures, password reset by e-mail, idle expiry."""

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _login(client, username, password):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_login_with_correct_password_lands_on_dashboard(client, cast):
    response = _login(client, "curator", "pass-2026")
    assert response.status_code == 302
    assert response.url == reverse("accounts:dashboard")


def test_wrong_password_gives_a_russian_message(client, cast):
    response = _login(client, "curator", "wrong")
    assert response.status_code == 200
    assert "Неверный логин или пароль" in response.content.decode()


def test_login_is_locked_after_repeated_failures(client, cast, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "curator", "wrong")
    response = _login(client, "curator", "pass-2026")
    assert response.status_code == 429
    assert "Вход временно заблокирован" in response.content.decode()


def test_lockout_of_one_user_does_not_lock_another(client, cast, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "curator", "wrong")
    assert _login(client, "director", "pass-2026").status_code == 302


def test_password_reset_mail_is_sent_in_russian(client, cast):
    response = client.post(reverse("accounts:password-reset"), {"email": cast.curator.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [cast.curator.email]
    assert "Восстановление пароля" in message.subject
    assert "/password/reset/" in message.body


def test_password_reset_for_unknown_address_sends_nothing_and_reveals_nothing(client, cast):
    response = client.post(reverse("accounts:password-reset"), {"email": "nobody@nowhere.ru"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_reset_link_sets_a_new_password(client, cast):
    client.post(reverse("accounts:password-reset"), {"email": cast.curator.email})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password/reset/" in line)
    path = link.split("testserver", 1)[1]
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "Novyi-Parol-2026", "new_password2": "Novyi-Parol-2026"}
    )
    assert response.status_code == 302
    cast.curator.refresh_from_db()
    assert cast.curator.check_password("Novyi-Parol-2026")


def test_session_expires_after_idle_time(settings):
    assert 0 < settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    assert 0 < settings.SESSION_REFRESH_SECONDS < settings.SESSION_COOKIE_AGE


def _expiry(client):
    from django.contrib.sessions.models import Session

    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_a_request_moves_the_session_expiry_at_most_once_a_minute(client, cast, monkeypatch):
    """The idle timeout slides with activity, without a database write on every request."""
    from apps.accounts import middleware

    now = [1_800_000_000]
    monkeypatch.setattr(middleware.time, "time", lambda: now[0])
    client.force_login(cast.curator)  # signing in saves the session with its expiry
    first = _expiry(client)
    dashboard = reverse("accounts:dashboard")
    assert client.get(dashboard).status_code == 200
    assert _expiry(client) == first  # just signed in: not saved again
    now[0] += 30
    assert client.get(dashboard).status_code == 200
    assert _expiry(client) == first  # within the minute: not saved
    now[0] += 31
    assert client.get(dashboard).status_code == 200
    assert _expiry(client) > first  # a minute later: saved, the expiry moved


def test_an_idle_session_ends(client, cast, settings):
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client.force_login(cast.curator)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timezone.timedelta(seconds=1)
    )
    assert client.get(reverse("accounts:dashboard")).status_code == 302


def test_logout_requires_post_and_ends_the_session(client, cast):
    client.force_login(cast.curator)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get(reverse("accounts:dashboard")).status_code == 302
