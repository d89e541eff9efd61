"""Audit of access to personal data: who viewed, changed, exported, printed or deleted what."""

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "apps.audit"
    verbose_name = "Журнал доступа к персональным данным"

    def ready(self):
        from apps.accounts.signals import external_identity_event, role_changed, sign_in_code_event

        from .receivers import record_external_identity, record_role_change, record_sign_in_code

        role_changed.connect(record_role_change, dispatch_uid="audit.role_changed")
        sign_in_code_event.connect(record_sign_in_code, dispatch_uid="audit.sign_in_code")
        external_identity_event.connect(record_external_identity, dispatch_uid="audit.external_identity")
