"""Read-only views for the portal administrator: which letters failed and why."""

from django.contrib import admin

from .models import EmailDelivery, Notification


@admin.register(EmailDelivery)
class EmailDeliveryAdmin(admin.ModelAdmin):
    list_display = ["day", "user", "kind", "status", "attempts", "error", "sent_at"]
    list_filter = ["status", "kind", "day"]
    readonly_fields = [f.name for f in EmailDelivery._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "kind", "channel", "text", "read_at", "emailed_at"]
    list_filter = ["kind", "channel"]
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request):
        return False
