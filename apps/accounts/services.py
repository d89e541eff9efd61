"""Writes of the accounts app: granting and revoking roles, one-time sign-in codes, lifting a sign-in lock.

Every grant goes through ``membership_grant`` (the Django admin, the staff invitation), so the rules
are the same everywhere: nobody grants a role to himself, and each user grants only the roles of
``rules.grantable_roles`` (README «Security and data protection»). Each change is journaled by the
``signals.role_changed`` receivers.
"""

import hashlib
import hmac
import logging
import secrets
import smtplib
from datetime import timedelta

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from apps.core.exceptions import DomainError
from apps.core.russian import by_sex, full_name_in
from apps.organizations.models import Municipality, Organization, Region

from .models import (
    ORGANIZATION_ROLES,
    ExternalIdentity,
    IdentityInvitation,
    Membership,
    Role,
    SignInCode,
    User,
)
from .rules import grantable_roles, rank_in
from .signals import external_identity_event, role_changed, sign_in_code_event

log = logging.getLogger(__name__)

# --- Roles ----------------------------------------------------------------------------------------


def _scope_error(*, role: str, organization, municipality, region) -> DomainError | None:
    if role in ORGANIZATION_ROLES:
        if organization is None or municipality is not None or region is not None:
            return DomainError(
                "Эта роль выдаётся в организации: выберите только организацию.", field="organization"
            )
    elif role == Role.MUNICIPAL:
        if municipality is None or organization is not None or region is not None:
            return DomainError(
                "Роль муниципального координатора выдаётся в муниципалитете: выберите только муниципалитет.",
                field="municipality",
            )
    elif role == Role.REGIONAL:
        if region is None or organization is not None or municipality is not None:
            return DomainError(
                "Роль регионального оператора выдаётся в регионе: выберите только регион.", field="region"
            )
    elif organization is not None or municipality is not None or region is not None:
        return DomainError(
            "Роль администратора портала действует на весь портал: организацию, муниципалитет и регион "
            "не указывают.",
            field="role",
        )
    return None


def membership_check(
    *,
    actor: User,
    user: User,
    role: str,
    organization: Organization | None = None,
    municipality: Municipality | None = None,
    region: Region | None = None,
    revoke: bool = False,
) -> None:
    """Raise ``DomainError`` (at the form field) when ``actor`` may not grant (or revoke) ``role`` in
    that scope to ``user``."""
    if role not in Role.values:
        raise DomainError("Выберите роль из списка.", field="role")
    if user.pk is not None and user.pk == actor.pk:
        raise DomainError(
            "Свою роль снять нельзя: это делает тот, кто её выдаёт."
            if revoke
            else "Роль самому себе выдать нельзя: её выдаёт руководитель организации или администратор "
            "портала.",
            field="user",
        )
    error = _scope_error(role=role, organization=organization, municipality=municipality, region=region)
    if error is not None:
        raise error
    if role not in grantable_roles(actor, organization):
        where = f" в организации «{organization.short_name}»" if organization is not None else ""
        verb = "снимать" if revoke else "выдавать"
        raise DomainError(f"Вы не можете {verb} роль «{Role(role).label}»{where}.", field="role")
    if not revoke and not user.is_active:
        raise DomainError("Учётная запись отключена: роль ей не выдаётся.", field="user")


@transaction.atomic
def membership_grant(
    *,
    user: User,
    role: str,
    granted_by: User,
    organization: Organization | None = None,
    municipality: Municipality | None = None,
    region: Region | None = None,
) -> Membership:
    """Give ``user`` the role in the scope (or make an inactive one act again), journaled. A role the
    user holds already is returned unchanged."""
    membership_check(
        actor=granted_by,
        user=user,
        role=role,
        organization=organization,
        municipality=municipality,
        region=region,
    )
    membership, created = Membership.objects.select_for_update().get_or_create(
        user=user, role=role, organization=organization, municipality=municipality, region=region
    )
    if not created:
        if membership.is_active:
            return membership
        membership.is_active = True
        membership.save(update_fields=["is_active", "updated_at"])
    user.__dict__.pop("active_memberships", None)
    role_changed.send(sender=Membership, membership=membership, granted=True, by=granted_by)
    return membership


@transaction.atomic
def membership_revoke(*, membership: Membership, revoked_by: User) -> Membership:
    """The role stops acting (the row stays: the journal and the history refer to it), journaled."""
    membership = (
        Membership.objects.select_for_update(of=("self",))
        .select_related("user", "organization")
        .get(pk=membership.pk)
    )
    membership_check(
        actor=revoked_by,
        user=membership.user,
        role=membership.role,
        organization=membership.organization,
        municipality=membership.municipality,
        region=membership.region,
        revoke=True,
    )
    if not membership.is_active:
        return membership
    membership.is_active = False
    membership.save(update_fields=["is_active", "updated_at"])
    membership.user.__dict__.pop("active_memberships", None)
    role_changed.send(sender=Membership, membership=membership, granted=False, by=revoked_by)
    return membership


# --- One-time sign-in codes -----------------------------------------------------------------------

# No 0/O, 1/I/L: the code is read out over the phone or copied from paper.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10
# Cyrillic letters that look like Latin ones, typed by a person with the Russian layout on.
_LOOKALIKES = str.maketrans("АВЕКМНОРСТУХ", "ABEKMHOPCTYX")


def normalize_code(raw: str) -> str:
    return "".join(ch for ch in (raw or "").upper().translate(_LOOKALIKES) if ch.isalnum())


def format_code(code: str) -> str:
    return f"{code[:5]}-{code[5:]}"


def sign_in_code_check(*, actor: User, user: User, organization: Organization) -> None:
    """Raise ``DomainError`` when ``actor`` may not issue a code for ``user`` in ``organization``."""
    actor_rank = rank_in(actor, organization)
    if actor_rank < 2:
        raise DomainError("Одноразовый код входа выдают куратор наставничества и руководитель организации.")
    if user.pk == actor.pk:
        raise DomainError("Себе код выдать нельзя: войдите по паролю или восстановите его по почте.")
    if not user.is_active:
        raise DomainError("Учётная запись отключена: код входа для неё не выдаётся.")
    user_rank = rank_in(user, organization)
    if user_rank == 0:
        raise DomainError("У пользователя нет роли в вашей организации.")
    if user_rank > actor_rank:
        raise DomainError(
            f"У пользователя роль выше вашей ({Role(Role.DIRECTOR).label.lower()}): код выдаёт "
            "администратор портала."
        )
    elsewhere = [m for m in user.active_memberships if m.organization_id != organization.pk]
    if elsewhere or user.is_staff or user.is_superuser:
        raise DomainError(
            "У пользователя есть роли вне вашей организации: код входа для него выдаёт администратор портала."
        )


@transaction.atomic
def sign_in_code_issue(*, user: User, organization: Organization, issued_by: User) -> tuple[SignInCode, str]:
    """Issue a code for ``user``; returns the record and the code itself, which is shown once and never
    stored (only its hash). A code issued before and not used stops working."""
    user = User.objects.select_for_update().get(pk=user.pk)
    sign_in_code_check(actor=issued_by, user=user, organization=organization)
    now = timezone.now()
    SignInCode.objects.filter(user=user, used_at__isnull=True, voided_at__isnull=True).update(voided_at=now)
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    record = SignInCode.objects.create(
        user=user,
        organization=organization,
        issued_by=issued_by,
        code_hash=make_password(code),
        expires_at=now + timedelta(seconds=settings.SIGN_IN_CODE_VALID_SECONDS),
    )
    sign_in_code_event.send(sender=SignInCode, code=record, action="issue", by=issued_by)
    return record, format_code(code)


WRONG_CODE = "Неверный логин или код, или срок действия кода истёк. Попросите куратора выдать новый код."


def sign_in_code_redeem(*, username: str, code: str) -> User:
    """The user whose open code matches, the code spent; ``DomainError`` (the same message whatever is
    wrong) otherwise. After ``SIGN_IN_CODE_MAX_ATTEMPTS`` wrong codes the code stops working."""
    user = None
    with transaction.atomic():  # committed even when the code is wrong: the failure must count
        record = (
            SignInCode.objects.select_for_update(of=("self",))
            .select_related("user")
            .filter(
                user__username__iexact=(username or "").strip(),
                used_at__isnull=True,
                voided_at__isnull=True,
            )
            .first()
        )
        now = timezone.now()
        if record is None or not record.user.is_active:
            pass
        elif record.expires_at <= now:
            record.voided_at = now
            record.save(update_fields=["voided_at"])
        elif not check_password(normalize_code(code), record.code_hash):
            record.failed_attempts += 1
            fields = ["failed_attempts"]
            if record.failed_attempts >= settings.SIGN_IN_CODE_MAX_ATTEMPTS:
                record.voided_at = now
                fields.append("voided_at")
            record.save(update_fields=fields)
        else:
            record.used_at = now
            record.save(update_fields=["used_at"])
            sign_in_code_event.send(sender=SignInCode, code=record, action="use", by=record.user)
            user = record.user
    if user is None:
        raise DomainError(WRONG_CODE)
    return user


# --- Sign-in locks --------------------------------------------------------------------------------


@transaction.atomic
def lockouts_clear(*, username: str) -> int:
    """Forget every failed sign-in of ``username`` from every address, so the lock is lifted at once
    (after a password reset, or the director's or administrator's «Разблокировать»). Returns how many
    records of failures were removed."""
    if not username:
        return 0
    return axes_reset(username=username)


# --- Sign-in through the identity provider ----------------------------------------------------------

LINKED_ELSEWHERE = (
    "Эта учётная запись поставщика входа уже привязана к другому пользователю портала. Отвязать её можно в "
    "профиле того пользователя; если вы его не знаете, сообщите куратору наставничества своей школы."
)


@transaction.atomic
def external_identity_link(
    *, user: User, issuer: str, subject: str, linked_by: str, by: User, organization=None
) -> ExternalIdentity:
    """Link the provider's identity ``(issuer, subject)`` to ``user``, journaled. Refused when the identity
    belongs to another account or the account has another identity of this provider already."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.is_active:
        raise DomainError("Учётная запись отключена: вход через поставщика к ней не привязывается.")
    existing = ExternalIdentity.objects.filter(issuer=issuer, subject=subject).first()
    if existing is not None:
        if existing.user_id == user.pk:
            return existing
        raise DomainError(LINKED_ELSEWHERE)
    if ExternalIdentity.objects.filter(user=user, issuer=issuer).exists():
        raise DomainError(
            "К вашей учётной записи уже привязана другая учётная запись этого поставщика. Сначала "
            "отвяжите её "
            "в профиле."
        )
    identity = ExternalIdentity.objects.create(user=user, issuer=issuer, subject=subject, linked_by=linked_by)
    external_identity_event.send(
        sender=ExternalIdentity, action="link", identity=identity, user=user, by=by, organization=organization
    )
    return identity


EMAIL_OF_ANOTHER_ACCOUNT = (
    "У поставщика входа вы вошли как {email}, а этот адрес указан в другой учётной записи портала: "
    "похоже, у поставщика вошёл другой человек (например, на общем компьютере). Вход не привязан. "
    "Выйдите из учётной записи у поставщика, войдите в неё своей учётной записью и повторите."
)


@transaction.atomic
def external_identity_link_at_sign_in(
    *, user: User, issuer: str, subject: str, email_claim: str
) -> ExternalIdentity:
    """Link the identity of a sign-in at the provider that matched no account to the account whose
    password the person has just given: the password proves the account, the provider's sign-in the
    identity. Refused when the provider's e-mail is the address of another account (the provider's
    session of somebody else, left open on a shared computer, would otherwise open this account). The
    account's owner gets a letter about the link (a password known to a stranger would let him keep a
    way in through his own identity)."""
    email_claim = (email_claim or "").strip()
    if (
        email_claim
        and email_claim.lower() != (user.email or "").strip().lower()
        and User.objects.filter(email__iexact=email_claim, is_active=True).exclude(pk=user.pk).exists()
    ):
        raise DomainError(EMAIL_OF_ANOTHER_ACCOUNT.format(email=email_claim))
    identity = external_identity_link(
        user=user, issuer=issuer, subject=subject, linked_by=ExternalIdentity.LinkedBy.PASSWORD, by=user
    )
    if identity.linked_by == ExternalIdentity.LinkedBy.PASSWORD:
        transaction.on_commit(lambda: identity_linked_notice(identity=identity))
    return identity


@transaction.atomic
def external_identity_unlink(*, identity: ExternalIdentity, by: User) -> None:
    """The identity no longer signs in to the account; the password stays the way in, so an account
    without a usable password keeps its identity until a password is set."""
    identity = ExternalIdentity.objects.select_for_update().select_related("user").get(pk=identity.pk)
    if identity.user_id != by.pk:
        raise DomainError("Отвязать вход может только сам владелец учётной записи.")
    if not identity.user.has_usable_password():
        raise DomainError(
            "У учётной записи ещё нет пароля: без этого входа вы не сможете войти. Сначала задайте пароль "
            "(«Забыли пароль?» на странице входа или одноразовый код от куратора)."
        )
    external_identity_event.send(
        sender=ExternalIdentity,
        action="unlink",
        identity=identity,
        user=identity.user,
        by=by,
        organization=None,
    )
    identity.delete()


@transaction.atomic
def external_identity_remove(*, identity: ExternalIdentity, by: User) -> None:
    """The portal administrator (or a superuser) unlinks a person's identity in the Django admin — a
    wrong link, or an identity the person lost — journaled like the person's own unlinking. The password
    stays the way in; an account without one gets it through «Забыли пароль?» or the school's code."""
    identity = (
        ExternalIdentity.objects.select_for_update().select_related("user").filter(pk=identity.pk).first()
    )
    if identity is None:
        return
    external_identity_event.send(
        sender=ExternalIdentity,
        action="unlink",
        identity=identity,
        user=identity.user,
        by=by,
        organization=None,
    )
    identity.delete()


def external_identity_signed_in(*, identity: ExternalIdentity) -> None:
    identity.last_used_at = timezone.now()
    identity.save(update_fields=["last_used_at"])
    external_identity_event.send(
        sender=ExternalIdentity,
        action="sign_in",
        identity=identity,
        user=identity.user,
        by=identity.user,
        organization=None,
    )


def external_identity_refused() -> None:
    """A sign-in through the provider refused (an identity linked to no account, or to a disabled one):
    journaled without the identifier."""
    external_identity_event.send(
        sender=ExternalIdentity, action="refuse", identity=None, user=None, by=None, organization=None
    )


# --- The school's invitation to link the provider's sign-in ----------------------------------------


def _token_hash(token: str) -> str:
    # The token has 256 random bits: a plain SHA-256 is enough to keep the stored form useless.
    return hashlib.sha256(token.encode()).hexdigest()


INVITATION_REFUSED = (
    "Школа приглашает привязать вход только человека своей организации: с активной учётной "
    "записью, с ролью не "
    "выше вашей и без ролей в других организациях, и не себя. Остальных приглашает администратор портала."
)


def invitation_target(*, actor: User, person_id: int, wanted_org: str | None, fallback) -> tuple:
    """The organisation (one of the actor's, from ``?org=``), the person of it, and a refusal message or
    "": the same rules as the one-time sign-in code (``sign_in_code_check``). ``PermissionDenied`` when
    the actor may invite nobody there, ``Http404`` when the person is not of that organisation."""
    from django.core.exceptions import PermissionDenied
    from django.shortcuts import get_object_or_404

    from .selectors import member_organizations

    organization = next((o for o in member_organizations(actor) if str(o.pk) == wanted_org), None) or fallback
    if organization is None or not actor.has_perm("accounts.issue_sign_in_code", organization):
        raise PermissionDenied
    person = get_object_or_404(
        User.objects.filter(memberships__organization=organization, memberships__is_active=True).distinct(),
        pk=person_id,
    )
    try:
        sign_in_code_check(actor=actor, user=person, organization=organization)
    except DomainError:
        return organization, person, INVITATION_REFUSED
    return organization, person, ""


@transaction.atomic
def identity_invitation_issue(
    *, user: User, organization: Organization, issued_by: User, snils: str = ""
) -> tuple[IdentityInvitation, str]:
    """A one-time invitation for ``user`` to link the provider's sign-in; returns the record and the token,
    which is shown once and never stored (only its hash; the СНИЛС only as a keyed hash). An invitation
    issued before and not used stops working."""
    from . import oidc

    user = User.objects.select_for_update().get(pk=user.pk)
    sign_in_code_check(actor=issued_by, user=user, organization=organization)
    now = timezone.now()
    IdentityInvitation.objects.filter(user=user, used_at__isnull=True, voided_at__isnull=True).update(
        voided_at=now
    )
    token = secrets.token_urlsafe(32)
    record = IdentityInvitation.objects.create(
        user=user,
        organization=organization,
        issued_by=issued_by,
        token_hash=_token_hash(token),
        snils_hash=oidc.snils_hash(snils) if snils else "",
        expires_at=now + timedelta(seconds=settings.OIDC_INVITATION_VALID_SECONDS),
    )
    external_identity_event.send(
        sender=IdentityInvitation,
        action="invite",
        identity=None,
        user=user,
        by=issued_by,
        organization=organization,
    )
    return record, token


def identity_invitation_mail(*, invitation: IdentityInvitation, link: str) -> str:
    """The invitation's letter to the person's own address, with the link, its expiry and who invited;
    returns the address it went to, or "" when the person has no address or the letter could not be
    sent (the page then tells the curator to hand the link over personally). The link is not stored:
    it is passed in by the caller, which holds the token only for this request."""
    from . import oidc

    user = invitation.user
    if not user.email:
        return ""
    context = {
        "user": user,
        "person_genitive": full_name_in(user, "genitive") or user.get_username(),
        "issued_by": invitation.issued_by,
        "issued_verb": by_sex(invitation.issued_by, "выдал", "выдала"),
        "organization": invitation.organization,
        "provider_name": oidc.provider_name(),
        "link": link,
        "expires_at": timezone.localtime(invitation.expires_at),
        "has_snils": bool(invitation.snils_hash),
    }
    subject = " ".join(render_to_string("accounts/email/identity_invitation_subject.txt", context).split())
    body = render_to_string("accounts/email/identity_invitation_body.txt", context)
    try:
        send_mail(subject, body, None, [user.email])
    except (OSError, smtplib.SMTPException) as error:
        log.warning("identity invitation letter to user %s not sent: %s", user.pk, error)
        return ""
    return user.email


def identity_linked_notice(*, identity: ExternalIdentity) -> None:
    """A letter to the account's own address after a link made at a sign-in with the password: if it was
    not the owner, the owner learns of it and unlinks it in the profile. Nothing when there is no address."""
    from . import oidc

    user = identity.user
    if not user.email:
        return
    context = {
        "user": user,
        "provider_name": oidc.provider_name(),
        "linked_at": timezone.localtime(identity.linked_at),
    }
    subject = " ".join(render_to_string("accounts/email/identity_linked_subject.txt", context).split())
    body = render_to_string("accounts/email/identity_linked_body.txt", context)
    try:
        send_mail(subject, body, None, [user.email])
    except (OSError, smtplib.SMTPException) as error:
        log.warning("identity link notice to user %s not sent: %s", user.pk, error)


def identity_invitation_open(*, token: str) -> IdentityInvitation | None:
    """The open, unexpired invitation of this token (to an active account), or None."""
    return (
        IdentityInvitation.objects.select_related("user", "organization")
        .filter(
            token_hash=_token_hash(token or ""),
            used_at__isnull=True,
            voided_at__isnull=True,
            expires_at__gt=timezone.now(),
            user__is_active=True,
        )
        .first()
    )


@transaction.atomic
def identity_invitation_redeem(
    *, invitation_id: int | None, issuer: str, subject: str, snils_hash: str
) -> ExternalIdentity:
    """Link the identity the provider vouched for to the invited account and spend the invitation.
    Refused (``DomainError``) when the invitation is no longer open or the СНИЛС the school entered is
    not the identity's."""
    invitation = (
        IdentityInvitation.objects.select_for_update(of=("self",))
        .select_related("user", "organization")
        .filter(pk=invitation_id, used_at__isnull=True, voided_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if invitation is None:
        raise DomainError("Приглашение уже использовано или его срок истёк. Попросите куратора выдать новое.")
    if invitation.snils_hash and not hmac.compare_digest(invitation.snils_hash, snils_hash or ""):
        raise DomainError(
            "СНИЛС в учётной записи поставщика входа не совпадает с указанным школой: вход не привязан. "
            "Проверьте, под чьей учётной записью вы вошли, или попросите куратора выдать новое приглашение."
        )
    identity = external_identity_link(
        user=invitation.user,
        issuer=issuer,
        subject=subject,
        linked_by=ExternalIdentity.LinkedBy.INVITATION,
        by=invitation.user,
        organization=invitation.organization,
    )
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    return identity
