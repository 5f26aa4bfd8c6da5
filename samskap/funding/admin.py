"""Admin for coordinators. Brokering re-indexes after admin saves too (`samskap/funding/receivers.py`)."""

from django.contrib import admin

from samskap.funding.models import Deadline, Instrument


class DeadlineInline(admin.TabularInline):
    model = Deadline
    extra = 1


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "owner_name", "rolling", "research_partner_required", "cofunding_required",
                    "language", "active", "updated_at"]
    list_filter = ["active", "rolling", "lead_requirement", "research_partner_required", "cofunding_required",
                   "language", "owner"]
    search_fields = ["name", "summary", "description", "keywords", "owner__name", "owner_name"]
    inlines = [DeadlineInline]


@admin.register(Deadline)
class DeadlineAdmin(admin.ModelAdmin):
    list_display = ["instrument", "date", "time", "label"]
    list_filter = ["date"]
    date_hierarchy = "date"
    search_fields = ["instrument__name", "label"]
