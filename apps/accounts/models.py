"""The portal's user and the memberships that give a user a role in a scope."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property

from apps.core.models import RU_COLLATION, TimeStampedModel
from apps.organizations.models import Municipality, Organization, Region


class Role(models.TextChoices):
    ADMIN = "admin", "Администратор портала"
    DIRECTOR = "director", "Руководитель организации"
    CURATOR = "curator", "Куратор наставничества"
    COUNCIL = "council", "Член совета наставников"
    PSYCHOLOGIST = "psychologist", "Педагог-психолог"
    MENTOR = "mentor", "Наставник"
    MENTEE = "mentee", "Наставляемый"
    # Reads the monthly basis of the mentors' allowance (apps.allowances) and nothing else about people.
    ACCOUNTANT = "accountant", "Бухгалтер"
    MUNICIPAL = "municipal", "Муниципальный координатор"
    REGIONAL = "regional", "Региональный оператор"


ORGANIZATION_ROLES = (
    Role.DIRECTOR,
    Role.CURATOR,
    Role.COUNCIL,
    Role.PSYCHOLOGIST,
    Role.MENTOR,
    Role.MENTEE,
    Role.ACCOUNTANT,
)


class User(AbstractUser):
    first_name = models.CharField("имя", max_length=150, blank=True, db_collation=RU_COLLATION)
    last_name = models.CharField("фамилия", max_length=150, blank=True, db_collation=RU_COLLATION)
    patronymic = models.CharField("отчество", max_length=150, blank=True, db_collation=RU_COLLATION)
    email = models.EmailField("электронная почта", blank=True)

    class Meta:
        verbose_name = "пользователь"
        verbose_name_plural = "пользователи"
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def get_full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.patronymic) if p)

    def get_short_name(self) -> str:
        """«Иванова А. П.»: surname and initials, as on Russian documents."""
        initials = " ".join(f"{p[0]}." for p in (self.first_name, self.patronymic) if p)
        return f"{self.last_name} {initials}".strip() or self.username

    @cached_property
    def active_memberships(self) -> list["Membership"]:
        """Loaded once per request: every role question is answered from this list."""
        if not self.pk:
            return []
        return list(
            self.memberships.filter(is_active=True).select_related(
                "organization__municipality__region", "municipality__region", "region"
            )
        )

    def roles_in(self, organization: Organization | None) -> set[str]:
        if organization is None:
            return set()
        return {m.role for m in self.active_memberships if m.organization_id == organization.pk}

    @property
    def role_set(self) -> set[str]:
        return {m.role for m in self.active_memberships}


class Membership(TimeStampedModel):
    """A role of a user in a scope: an organisation, a municipality, a region, or the whole portal."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name="пользователь"
    )
    role = models.CharField("роль", max_length=20, choices=Role.choices)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name="организация",
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name="муниципалитет",
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name="регион",
    )
    is_active = models.BooleanField("действует", default=True)

    class Meta:
        verbose_name = "роль пользователя"
        verbose_name_plural = "роли пользователей"
        ordering = ["user", "role"]
        constraints = [
            models.CheckConstraint(
                name="membership_scope_matches_role",
                condition=(
                    Q(
                        role__in=[r.value for r in ORGANIZATION_ROLES],
                        organization__isnull=False,
                        municipality__isnull=True,
                        region__isnull=True,
                    )
                    | Q(
                        role=Role.MUNICIPAL,
                        organization__isnull=True,
                        municipality__isnull=False,
                        region__isnull=True,
                    )
                    | Q(
                        role=Role.REGIONAL,
                        organization__isnull=True,
                        municipality__isnull=True,
                        region__isnull=False,
                    )
                    | Q(
                        role=Role.ADMIN,
                        organization__isnull=True,
                        municipality__isnull=True,
                        region__isnull=True,
                    )
                ),
                violation_error_message=(
                    "Роль школы выдаётся в организации, роль муниципального координатора — в муниципалитете, "
                    "регионального оператора — в регионе, администратора портала — без области."
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "organization", "municipality", "region"],
                name="membership_unique_role_in_scope",
                nulls_distinct=False,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.scope}"

    @property
    def scope(self):
        return self.organization or self.municipality or self.region or "весь портал"


class SignInCode(models.Model):
    """A one-time sign-in code that a school's curator or director issues to a person who cannot reset
    the password by e-mail. Only its hash is kept; it is valid for a day, once, and after it the person
    must set a new password (``apps.accounts.middleware.PasswordSetRequiredMiddleware``)."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="sign_in_codes", verbose_name="пользователь"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name="организация"
    )
    issued_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="выдал"
    )
    code_hash = models.CharField("хеш кода", max_length=128)
    created_at = models.DateTimeField("выдан", auto_now_add=True)
    expires_at = models.DateTimeField("действует до")
    used_at = models.DateTimeField("использован", null=True, blank=True)
    voided_at = models.DateTimeField("аннулирован", null=True, blank=True)
    failed_attempts = models.PositiveSmallIntegerField("неверных попыток", default=0)

    class Meta:
        verbose_name = "одноразовый код входа"
        verbose_name_plural = "одноразовые коды входа"
        ordering = ["-created_at", "-pk"]
        constraints = [
            # A new code voids the previous one: a person never has two codes that work.
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(used_at__isnull=True, voided_at__isnull=True),
                name="sign_in_code_one_open_per_user",
            )
        ]

    def __str__(self) -> str:
        return f"код входа от {self.created_at:%d.%m.%Y %H:%M}"


class ExternalIdentity(models.Model):
    """A person's account at the region's identity provider (OpenID Connect), linked to a portal user by
    a step the person or the school took: never created by a sign-in alone (README «Sign-in through a
    regional identity provider»). Only the provider's address and its identifier of the person are kept."""

    class LinkedBy(models.TextChoices):
        PROFILE = "profile", "в профиле"
        INVITATION = "invitation", "по приглашению школы"
        PASSWORD = "password", "при входе по паролю"

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="external_identities", verbose_name="пользователь"
    )
    issuer = models.CharField("поставщик входа", max_length=255)
    subject = models.CharField("идентификатор у поставщика", max_length=255)
    linked_by = models.CharField("как привязана", max_length=20, choices=LinkedBy.choices)
    linked_at = models.DateTimeField("привязана", auto_now_add=True)
    last_used_at = models.DateTimeField("последний вход", null=True, blank=True)

    class Meta:
        verbose_name = "внешняя учётная запись"
        verbose_name_plural = "внешние учётные записи"
        ordering = ["user", "issuer"]
        constraints = [
            # One person at the provider signs in to one account; an account has one identity per provider.
            models.UniqueConstraint(fields=["issuer", "subject"], name="external_identity_unique_subject"),
            models.UniqueConstraint(fields=["user", "issuer"], name="external_identity_one_per_provider"),
        ]

    def __str__(self) -> str:
        return f"вход через {self.issuer}"


class IdentityInvitation(models.Model):
    """The school's invitation to link the person's account at the identity provider: a one-time link
    (only its hash is kept), valid for a week; with the СНИЛС entered by the curator, kept only as a keyed
    hash, the identity that follows it must carry the same СНИЛС."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="identity_invitations", verbose_name="пользователь"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name="организация"
    )
    issued_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="выдал"
    )
    token_hash = models.CharField("хеш ссылки", max_length=64, unique=True)
    snils_hash = models.CharField("ключевой хеш СНИЛС", max_length=64, blank=True)
    created_at = models.DateTimeField("выдано", auto_now_add=True)
    expires_at = models.DateTimeField("действует до")
    used_at = models.DateTimeField("использовано", null=True, blank=True)
    voided_at = models.DateTimeField("аннулировано", null=True, blank=True)

    class Meta:
        verbose_name = "приглашение привязать внешний вход"
        verbose_name_plural = "приглашения привязать внешний вход"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(used_at__isnull=True, voided_at__isnull=True),
                name="identity_invitation_one_open_per_user",
            )
        ]

    def __str__(self) -> str:
        return f"приглашение от {self.created_at:%d.%m.%Y %H:%M}"
