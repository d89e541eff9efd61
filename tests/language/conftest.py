"""The world of the permission matrix, its people named with the hard names of issue 13."""

import pytest
from django.db import transaction
from django.test import override_settings

from tests.trust.world import build_world

# role → (last name, first name, patronymic, sex): indeclinable surnames of both sexes (Черных, Дюма, Гусь for a
# woman), a double surname, ё in every part, a Korean surname and patronymic, women and men.
HARD_NAMES = {
    "director": ("Черных", "Игорь", "Павлович", "m"),
    "curator": ("Васильева", "Анна", "Дмитриевна", "f"),
    "mentor": ("Кузьмина-Караваева", "Елизавета", "Юрьевна", "f"),
    "mentee": ("Ким", "Виктор", "Енгунович", "m"),
    "council": ("Ёлкина", "Алёна", "Петровна", "f"),
    "psychologist": ("Гусь", "Марина", "Олеговна", "f"),
    "distance_mentor": ("Дюма", "Виктор", "Александрович", "m"),
    "candidate_mentor": ("Ёлкин", "Пётр", "Фомич", "m"),
    "candidate_mentee": ("Гусь", "Ирина", "Сергеевна", "f"),
    "distance_mentee": ("Черных", "Ольга", "Ивановна", "f"),
}


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
        built = build_world(HARD_NAMES)
        built.media = media
        yield built
        transaction.set_rollback(True)
