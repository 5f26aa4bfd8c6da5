from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from samskap.followup.models import (
    Action,
    ActionChange,
    Application,
    DeletionRequest,
    OrganisationContact,
    OutcomeChange,
    OutcomeRow,
    SentDigest,
    SentReminder,
)


class ActionChangeInline(admin.TabularInline):
    model = ActionChange
    extra = 0
    can_delete = False
    readonly_fields = ["field", "old", "new", "by", "by_name", "at"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ApplicationInline(admin.TabularInline):
    model = Application
    extra = 0


@admin.register(OutcomeRow)
class OutcomeRowAdmin(admin.ModelAdmin):
    list_display = ["__str__", "group", "carried_by", "version", "updated_at"]
    search_fields = ["idea", "needs_and_challenges", "follow_up", "actors_text"]
    raw_id_fields = ["group"]
    filter_horizontal = ["actor_organisations", "actor_people", "needs"]
    readonly_fields = ["version"]


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["title", "owner_organisation", "due_date", "status"]
    list_filter = ["status", "owner_organisation__org_type"]
    search_fields = ["title", "description"]
    raw_id_fields = ["outcome_row"]
    readonly_fields = ["version"]
    inlines = [ApplicationInline, ActionChangeInline]


@admin.register(OutcomeChange)
class OutcomeChangeAdmin(admin.ModelAdmin):
    list_display = ["group", "row", "field", "by", "at"]
    readonly_fields = ["group", "row", "field", "old", "new", "by", "at"]


@admin.register(OrganisationContact)
class OrganisationContactAdmin(admin.ModelAdmin):
    list_display = ["organisation", "name", "email"]
    search_fields = ["organisation__name", "email", "name"]


@admin.register(SentReminder)
class SentReminderAdmin(admin.ModelAdmin):
    list_display = ["action", "kind", "due_date", "email", "sent_at"]


@admin.register(SentDigest)
class SentDigestAdmin(admin.ModelAdmin):
    list_display = ["organisation", "email", "week", "sent_at"]


@admin.register(DeletionRequest)
class DeletionRequestAdmin(admin.ModelAdmin):
    list_display = ["person_name", "status", "requested_at", "decided_at"]
    list_filter = ["status"]
    readonly_fields = ["person", "person_name", "requested_by", "requested_at", "status", "decided_by", "decided_at"]
