"""Users, their roles in scopes, and sign-in."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "apps.accounts"
    verbose_name = "Пользователи и роли"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_migrate

        from .admin_group import ensure_portal_admin_group
        from .middleware import mark_refreshed_on_login

        post_migrate.connect(ensure_portal_admin_group, dispatch_uid="accounts.portal_admin_group")
        user_logged_in.connect(mark_refreshed_on_login, dispatch_uid="accounts.session_refreshed_on_login")

        from apps.core.seeding import Step, demo_steps, scale_steps

        from . import demo, scale

        # Demo and scale data: apps.seeding runs the steps in its order.
        demo_steps.register(Step("accounts", demo.seed))
        scale_steps.register(Step("accounts.users", scale.build_users))
