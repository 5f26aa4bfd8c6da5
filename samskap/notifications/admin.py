from django.contrib import admin

from samskap.notifications.models import MailOptOut, Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["kind", "recipient", "email", "created_at", "read_at", "emailed_at"]
    list_filter = ["kind", "delivery"]
    readonly_fields = ["created_at"]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "delivery"]


@admin.register(MailOptOut)
class MailOptOutAdmin(admin.ModelAdmin):
    list_display = ["email", "unsubscribed_at"]
    readonly_fields = ["token"]
