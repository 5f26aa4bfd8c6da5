"""Admin for coordinators. Brokering re-indexes after admin saves too (`receivers.py`)."""
from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from samskap.opportunities.models import Agreement, Opportunity, Sketch, VettingContact


@admin.register(Opportunity)
class OpportunityAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "level", "organisation", "status", "expires_on", "updated_at"]
    list_filter = ["status", "kind", "level", "field", "sector", "language"]
    search_fields = ["title", "summary", "problem", "keywords", "organisation__name"]
    raw_id_fields = ["need", "contact"]


@admin.register(Sketch)
class SketchAdmin(admin.ModelAdmin):
    """Coordinators see that a sketch exists and its status, not its text or file (only the owner and the
    sender read those)."""

    list_display = ["opportunity", "status", "created_at"]
    list_filter = ["status"]
    fields = ["opportunity", "status", "created_at"]
    readonly_fields = ["opportunity", "status", "created_at"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(VettingContact)
class VettingContactAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "created_at"]
    raw_id_fields = ["user"]


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["sketch", "supervisor", "start_date", "end_date"]
    fields = ["sketch", "start_date", "end_date"]
    readonly_fields = ["sketch", "start_date", "end_date"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
