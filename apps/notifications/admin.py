"""Read-only views for the portal administrator: which letters and messenger messages failed and why."""

from django.contrib import admin

from .models import EmailDelivery, MessengerDelivery, Notification


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


@admin.register(MessengerDelivery)
class MessengerDeliveryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "messenger", "status", "attempts", "error", "sent_at"]
    list_filter = ["status", "messenger"]
    readonly_fields = [f.name for f in MessengerDelivery._meta.fields]

    def has_add_permission(self, request):
        return False
