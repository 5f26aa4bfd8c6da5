"""Round tables in the admin, for coordinators (imported at the end of ``admin.py``)."""

from django.contrib import admin

from samskap.workshops.roundtable_models import Presenter, Rating, RoundTableSettings, TablePlan


@admin.register(RoundTableSettings)
class RoundTableSettingsAdmin(admin.ModelAdmin):
    list_display = ["event", "enabled", "rounds", "tables", "seats", "max_presentations", "min_visits", "max_visits"]


@admin.register(Presenter)
class PresenterAdmin(admin.ModelAdmin):
    list_display = ["title", "registration", "event"]
    list_filter = ["event"]
    search_fields = ["title", "registration__name"]
    raw_id_fields = ["registration"]


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ["registration", "presenter", "value"]
    list_filter = ["presenter__event"]
    raw_id_fields = ["registration", "presenter"]


@admin.register(TablePlan)
class TablePlanAdmin(admin.ModelAdmin):
    list_display = ["event", "status", "published", "score", "bound", "seconds", "created_at"]
    list_filter = ["status", "published"]
    readonly_fields = ["rounds", "stats", "errors"]
