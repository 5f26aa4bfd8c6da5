from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from samskap.accounts.models import AccountChange, Invitation, ProfileClaim


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("email", "role", "invited_by", "sent_at", "expires_at", "accepted_at", "revoked_at")
    search_fields = ("email", "name")
    exclude = ("nonce",)
    readonly_fields = ("invited_by", "accepted_by", "accepted_at", "created_at", "sent_at")


@admin.register(ProfileClaim)
class ProfileClaimAdmin(admin.ModelAdmin):
    list_display = ("user", "person", "status", "created_at", "decided_by")
    list_filter = ("status",)


@admin.register(AccountChange)
class AccountChangeAdmin(admin.ModelAdmin):
    list_display = ("at", "by_name", "user", "what", "detail")
    list_filter = ("what",)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
