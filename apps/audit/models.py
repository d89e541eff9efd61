"""An access event: who touched which personal-data object and how. No personal values are stored."""

from django.apps import apps
from django.conf import settings
from django.db import models


class AccessEvent(models.Model):
    class Action(models.TextChoices):
        VIEW = "view", "просмотр"
        CHANGE = "change", "изменение"
        EXPORT = "export", "выгрузка"
        PRINT = "print", "печать"
        DELETE = "delete", "удаление"
        GRANT = "grant", "выдача роли"
        REVOKE = "revoke", "снятие роли"
        CODE_ISSUE = "code_issue", "выдача кода входа"
        CODE_SIGN_IN = "code_login", "вход по коду"
        SSO_LINK = "sso_link", "привязка внешнего входа"
        SSO_UNLINK = "sso_unlink", "отвязка внешнего входа"
        SSO_INVITE = "sso_invite", "приглашение привязать внешний вход"
        SSO_SIGN_IN = "sso_login", "вход через поставщика"
        SSO_REFUSED = "sso_refuse", "отказ во входе через поставщика"
        MESSENGER_LINK = "msg_link", "подключение мессенджера"
        MESSENGER_UNLINK = "msg_unlink", "отключение мессенджера"

    at = models.DateTimeField("когда", auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,  # the journal outlives nothing it names: users are deactivated, not deleted
        null=True,
        related_name="+",
        verbose_name="кто",
    )
    role = models.CharField("роль", max_length=200, blank=True)
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="организация",
    )
    action = models.CharField("действие", max_length=10, choices=Action.choices)
    # For a role granted or revoked and a sign-in code: to whom, and which role.
    target_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="кому",
    )
    target_role = models.CharField("какая роль", max_length=20, blank=True)
    # What the action needs besides the object, as the reader reads it: the messenger of a linked chat
    # («Telegram»), never the chat's identifier.
    detail = models.CharField("уточнение", max_length=40, blank=True)
    object_type = models.CharField("вид данных", max_length=100)
    object_id = models.CharField("номер объекта", max_length=40, blank=True)
    url_name = models.CharField("страница", max_length=100, blank=True)

    class Meta:
        verbose_name = "событие доступа"
        verbose_name_plural = "журнал доступа к персональным данным"
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["organization", "-at"], name="audit_org_at")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_type} {self.object_id}"

    @property
    def target_role_label(self) -> str:
        from apps.accounts.models import Role

        return Role(self.target_role).label if self.target_role in Role.values else self.target_role

    @property
    def page_label(self) -> str:
        """The page in Russian: «Карточка педагога», not «staff:person-detail»."""
        from .policy import page_name

        return page_name(self.url_name) if self.url_name else "—"

    @property
    def object_label(self) -> str:
        """«работник» for staff.person, «список «Реестр педагогов»» for a list export."""
        if self.object_type.startswith("list:"):
            from .policy import page_name

            return f"список «{page_name(self.object_type.removeprefix('list:'))}»"
        try:
            return str(apps.get_model(self.object_type)._meta.verbose_name)
        except (LookupError, ValueError):
            return self.object_type
