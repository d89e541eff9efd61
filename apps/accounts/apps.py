"""Users, their roles in scopes, and sign-in."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "apps.accounts"
    verbose_name = "Пользователи и роли"
