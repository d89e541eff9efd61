"""Audit of access to personal data: who viewed, changed, exported, printed or deleted what."""

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "apps.audit"
    verbose_name = "Журнал доступа к персональным данным"
