"""Users and their roles in the Django admin.

Roles are granted and revoked only through ``services.membership_grant``/``membership_revoke`` (who
grants what: ``rules.grantable_roles``; nobody grants a role to himself), so each change is journaled.
The privilege fields of an account are the superuser's alone: the portal administrator neither sees
them nor can post them, and may not change the account of a superuser or of another staff member.

Nor does he hold anybody's credentials, which would let him sign in as a school's director and read what
the README promises he never reads: he sets no password (the form has no password field, the password page
answers 403; a new account has an unusable password and its owner sets one through «Забыли пароль?» or a
one-time code of the school), and he does not change the login or the e-mail address of a person who holds
a role in a school (a reset letter would then reach his own mailbox).
"""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.forms.models import BaseInlineFormSet

from apps.core.exceptions import DomainError

from . import services
from .models import ExternalIdentity, IdentityInvitation, Membership, User

PRIVILEGE_FIELDS = ("is_staff", "is_superuser", "groups", "user_permissions")
# Fields of an account that give its credentials away: the superuser's alone (see the module docstring).
CREDENTIAL_FIELDS = ("password", "usable_password", "password1", "password2")
IDENTITY_FIELDS = ("username", "email")


class AccountCreationForm(forms.ModelForm):
    """The portal administrator's form for a new account: no password (it is unusable until its owner
    sets one)."""

    class Meta:
        model = User
        fields = ("username", "last_name", "first_name", "patronymic", "email")

    def save(self, commit=True):
        user = super().save(commit=False)
        user.set_unusable_password()
        if commit:
            user.save()
        return user


SCOPE_FIELDS = ("role", "organization", "municipality", "region")


class MembershipForm(forms.ModelForm):
    """A new role is checked against the rules of granting; an existing one changes only by being
    switched on or off (revoked), never moved to another role or scope."""

    actor: User | None = None  # the signed-in user, set per request by the admin

    class Meta:
        model = Membership
        fields = ["user", *SCOPE_FIELDS, "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in ("user", *SCOPE_FIELDS):
                if name in self.fields:
                    self.fields[name].disabled = True

    def _user(self):
        user = self.cleaned_data.get("user")
        if user is None and self.instance.user_id:
            user = self.instance.user
        return user

    def clean(self):
        cleaned = super().clean()
        user = self._user()
        if self.errors or user is None or self.actor is None:
            return cleaned
        adding = self.instance.pk is None
        if not adding and "is_active" not in self.changed_data:
            return cleaned
        try:
            services.membership_check(
                actor=self.actor,
                user=user,
                role=cleaned.get("role") or self.instance.role,
                organization=cleaned.get("organization"),
                municipality=cleaned.get("municipality"),
                region=cleaned.get("region"),
                revoke=not adding and not cleaned.get("is_active"),
            )
        except DomainError as error:
            field = self.fields.get(error.field or "")
            # In the user's own form the user is a hidden field of each row: the message goes to the row.
            shown = field is not None and not field.widget.is_hidden
            self.add_error(error.field if shown else None, error.message)
        return cleaned


def save_membership(form: MembershipForm, *, user: User, actor: User) -> Membership:
    """Save one admin form through the services: a new role is granted, an existing one is revoked or
    granted again when its «действует» changed; nothing else of a role is edited."""
    data = form.cleaned_data
    if form.instance.pk is None:
        return services.membership_grant(
            user=user,
            role=data["role"],
            organization=data.get("organization"),
            municipality=data.get("municipality"),
            region=data.get("region"),
            granted_by=actor,
        )
    membership = form.instance
    if "is_active" in form.changed_data:
        if data["is_active"]:
            return services.membership_grant(
                user=user,
                role=membership.role,
                organization=membership.organization,
                municipality=membership.municipality,
                region=membership.region,
                granted_by=actor,
            )
        return services.membership_revoke(membership=membership, revoked_by=actor)
    return membership


def _with_actor(form_class, request):
    return type(form_class.__name__, (form_class,), {"actor": request.user})


class MembershipInlineFormSet(BaseInlineFormSet):
    actor: User | None = None

    def save_new(self, form, commit=True):
        return save_membership(form, user=self.instance, actor=self.actor)

    def save_existing(self, form, obj, commit=True):
        return save_membership(form, user=self.instance, actor=self.actor)


class MembershipInline(admin.TabularInline):
    model = Membership
    form = MembershipForm
    formset = MembershipInlineFormSet
    fields = [*SCOPE_FIELDS, "is_active"]
    extra = 0
    can_delete = False  # a role is revoked (switched off), not deleted: the journal refers to it
    autocomplete_fields = ["organization", "municipality", "region"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = _with_actor(formset.form, request)
        return type(formset.__name__, (formset,), {"actor": request.user})


def _holds_school_role(user: User) -> bool:
    return user.memberships.filter(is_active=True, organization__isnull=False).exists()


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        ("Отчество", {"fields": ("patronymic",)}),
    )
    list_display = ["username", "last_name", "first_name", "patronymic", "email", "is_active"]
    search_fields = ["username", "last_name", "first_name", "email"]
    inlines = [MembershipInline]

    def get_form(self, request, obj=None, **kwargs):
        if obj is None and not request.user.is_superuser:
            kwargs["form"] = AccountCreationForm
        return super().get_form(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is None and not request.user.is_superuser:
            return ((None, {"fields": AccountCreationForm.Meta.fields}),)
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        # Not shown, so not in the form: a crafted POST of these fields changes nothing.
        hidden = PRIVILEGE_FIELDS + CREDENTIAL_FIELDS
        return tuple(
            (name, {**options, "fields": tuple(f for f in options["fields"] if f not in hidden)})
            for name, options in fieldsets
        )

    def get_readonly_fields(self, request, obj=None):
        fields = tuple(super().get_readonly_fields(request, obj))
        if obj is not None and not request.user.is_superuser and _holds_school_role(obj):
            fields += IDENTITY_FIELDS
        return fields

    def user_change_password(self, request, id, form_url=""):
        if not request.user.is_superuser:
            raise PermissionDenied  # nobody but a superuser knows or sets another person's password
        return super().user_change_password(request, id, form_url)

    def has_change_permission(self, request, obj=None):
        if (
            obj is not None
            and not request.user.is_superuser
            and (obj.is_superuser or (obj.is_staff and obj.pk != request.user.pk))
        ):
            return False  # neither a superuser's nor another administrator's password or data
        return super().has_change_permission(request, obj)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    form = MembershipForm
    list_display = ["user", "role", "organization", "municipality", "region", "is_active"]
    list_filter = ["role", "is_active"]
    list_select_related = ["user", "organization", "municipality", "region"]
    autocomplete_fields = ["user", "organization", "municipality", "region"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        return _with_actor(super().get_form(request, obj, change=change, **kwargs), request)

    def save_model(self, request, obj, form, change):
        saved = save_membership(form, user=form.cleaned_data.get("user") or obj.user, actor=request.user)
        # The admin goes on with ``obj`` (its message, its log entry, the redirect): make it the saved row.
        obj.pk, obj.is_active, obj.created_at, obj.updated_at = (
            saved.pk,
            saved.is_active,
            saved.created_at,
            saved.updated_at,
        )
        obj._state.adding = False

    def has_delete_permission(self, request, obj=None):
        return False  # a role is revoked (switched off), not deleted: the journal refers to it


def _masked(subject: str) -> str:
    """The provider's identifier of a person, enough to tell two apart, not enough to use elsewhere."""
    if len(subject) <= 8:
        return "…"
    return f"{subject[:4]}…{subject[-2:]}"


def _protected_account(request, user: User) -> bool:
    """An account the portal administrator leaves alone (the same rule as the user's change page)."""
    return not request.user.is_superuser and (
        user.is_superuser or (user.is_staff and user.pk != request.user.pk)
    )


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(admin.ModelAdmin):
    """The sign-ins through the identity provider linked to accounts: read-only; deleting one unlinks it
    through ``services.external_identity_remove`` (journaled). Only the superuser and the portal
    administrator (view and delete of the administrators' group); the provider's identifier is masked."""

    list_display = ["user", "issuer", "masked_subject", "linked_by", "linked_at", "last_used_at"]
    list_filter = ["linked_by", "issuer"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__last_name", "user__email"]
    fields = ["user", "issuer", "masked_subject", "linked_by", "linked_at", "last_used_at"]
    readonly_fields = fields

    @admin.display(description="идентификатор у поставщика")
    def masked_subject(self, obj: ExternalIdentity) -> str:
        return _masked(obj.subject)

    def has_add_permission(self, request):
        return False  # linked only by the person or the school's invitation

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        if obj is not None and _protected_account(request, obj.user):
            return False
        return super().has_delete_permission(request, obj)

    def delete_model(self, request, obj):
        services.external_identity_remove(identity=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for identity in queryset.select_related("user"):
            if _protected_account(request, identity.user):
                raise PermissionDenied
        for identity in queryset:
            services.external_identity_remove(identity=identity, by=request.user)


@admin.register(IdentityInvitation)
class IdentityInvitationAdmin(admin.ModelAdmin):
    """The school's invitations to link the provider's sign-in, to answer «did my link work?»: read-only,
    without the hashes of the link and of the СНИЛС."""

    list_display = ["user", "organization", "issued_by", "created_at", "expires_at", "used_at", "voided_at"]
    list_filter = ["organization"]
    list_select_related = ["user", "organization", "issued_by"]
    search_fields = ["user__username", "user__last_name"]
    fields = ["user", "organization", "issued_by", "created_at", "expires_at", "used_at", "voided_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # voided by a new invitation, never deleted: the journal refers to it
