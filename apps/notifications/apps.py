from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "apps.notifications"
    verbose_name = "Уведомления"

    def ready(self):
        from apps.accounts.signals import role_changed
        from apps.staff import hooks

        from . import erasure, subject_data
        from .receivers import role_changed as notify_role_changed

        role_changed.connect(notify_role_changed, dispatch_uid="notifications.role_changed")
        hooks.erasers.register(erasure.erase)
        hooks.subject_data_sections.register(subject_data.sections)
