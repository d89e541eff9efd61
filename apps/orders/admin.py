"""Read-only admin of orders: every change goes through the services (and signed ones are frozen)."""

from django.contrib import admin

from .models import Order, OrderAnnex, OrderItem, OrderParticipant


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ItemInline(_ReadOnlyInline):
    model = OrderItem
    fields = ["position", "text"]


class ParticipantInline(_ReadOnlyInline):
    model = OrderParticipant
    fields = ["full_name", "role", "name_dative", "name_genitive", "acknowledged_at"]


class AnnexInline(_ReadOnlyInline):
    model = OrderAnnex
    fields = ["number", "title"]


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ["title", "organization", "kind", "status", "number", "date"]
    list_filter = ["status", "kind", "year"]
    search_fields = ["title", "organization__short_name"]
    list_select_related = ["organization"]
    inlines = [ItemInline, ParticipantInline, AnnexInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
