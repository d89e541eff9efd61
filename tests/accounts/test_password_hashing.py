"""Passwords are stored with Argon2id at OWASP's parameters; older hashes verify and are re-hashed at sign-in
(apps/accounts/hashers.py). The test settings use MD5 for speed: these tests put the portal's list back."""

import pytest
from django.contrib.auth.hashers import check_password, identify_hasher, make_password
from django.test import override_settings

from mentoring_portal import settings as portal_settings
from tests.factories.accounts import UserFactory

PORTAL_HASHERS = override_settings(PASSWORD_HASHERS=portal_settings.PASSWORD_HASHERS)


@PORTAL_HASHERS
def test_a_new_password_is_an_argon2id_hash_at_owasp_parameters():
    encoded = make_password("Наставник-2026")
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert check_password("Наставник-2026", encoded)
    assert not check_password("наставник-2026", encoded)


@PORTAL_HASHERS
@pytest.mark.parametrize("old_hasher", ["pbkdf2_sha256", "pbkdf2_sha1", "scrypt"])
def test_an_older_hash_still_verifies_and_is_rehashed(old_hasher):
    encoded = make_password("demo2026", hasher=old_hasher)
    rehashed = []
    assert check_password("demo2026", encoded, setter=rehashed.append)
    assert rehashed == ["demo2026"]


@PORTAL_HASHERS
def test_an_argon2_hash_at_djangos_heavier_parameters_is_rehashed_at_ours():
    from django.contrib.auth.hashers import Argon2PasswordHasher

    encoded = Argon2PasswordHasher().encode("demo2026", Argon2PasswordHasher().salt())
    assert "m=102400" in encoded
    assert identify_hasher(encoded).must_update(encoded)
    assert not identify_hasher(make_password("demo2026")).must_update(make_password("demo2026"))


@PORTAL_HASHERS
@pytest.mark.django_db
def test_the_check_at_sign_in_replaces_a_pbkdf2_hash_with_argon2id(client):
    user = UserFactory(username="old_hash")
    user.password = make_password("Старый-пароль-1", hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])
    assert user.check_password("Старый-пароль-1")
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert user.check_password("Старый-пароль-1")
