from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organization", "municipality", "region"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        ("Отчество", {"fields": ("patronymic",)}),
    )
    list_display = ["username", "last_name", "first_name", "patronymic", "email", "is_active"]
    search_fields = ["username", "last_name", "first_name", "email"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "organization", "municipality", "region", "is_active"]
    list_filter = ["role", "is_active"]
    list_select_related = ["user", "organization", "municipality", "region"]
    autocomplete_fields = ["user", "organization", "municipality", "region"]
