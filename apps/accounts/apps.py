"""Users, their roles in scopes, and sign-in."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "apps.accounts"
    verbose_name = "Пользователи и роли"

    def ready(self):
        from django.db.models.signals import post_migrate

        from .admin_group import ensure_portal_admin_group

        post_migrate.connect(ensure_portal_admin_group, dispatch_uid="accounts.portal_admin_group")
