"""A world built once per test module (inside a transaction rolled back at the end)."""

import pytest
from django.db import transaction
from django.test import override_settings

from tests.trust.world import build_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        override_settings(
            MEDIA_ROOT=media,
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        ),
        transaction.atomic(),
    ):
        built = build_world()
        built.media = media
        yield built
        transaction.set_rollback(True)
