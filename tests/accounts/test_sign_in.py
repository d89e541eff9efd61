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
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert 0 < settings.SESSION_COOKIE_AGE <= 8 * 60 * 60


def test_logout_requires_post_and_ends_the_session(client, cast):
    client.force_login(cast.curator)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get(reverse("accounts:dashboard")).status_code == 302
