from django.contrib import admin

from samskap.knowledge.models import BarometerItem, Case, Recipient, Survey


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["title", "year", "sector", "innovation_type", "category", "stage", "status", "language"]
    list_filter = ["status", "sector", "innovation_type", "category", "stage", "language"]
    search_fields = ["title", "summary"]
    filter_horizontal = ["municipalities"]
    readonly_fields = ["status", "created_by", "reviewed_by", "submitted_at", "published_at"]


@admin.register(BarometerItem)
class BarometerItemAdmin(admin.ModelAdmin):
    list_display = ["code", "text", "category", "kind", "innovation_type", "order", "active"]
    list_filter = ["category", "kind", "active"]
    list_editable = ["order", "active"]


class RecipientInline(admin.TabularInline):
    model = Recipient
    fields = ["unit_name", "municipality", "sector", "email", "sent_at", "answered_at"]
    readonly_fields = ["sent_at", "answered_at"]
    raw_id_fields = ["municipality"]
    extra = 0


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "year", "scale", "status", "previous_round"]
    list_filter = ["status", "scale"]
    filter_horizontal = ["items"]
    inlines = [RecipientInline]
