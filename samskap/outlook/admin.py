from django.contrib import admin

from samskap.outlook.models import CareBaseline, DataImport, PopulationFigure


@admin.register(DataImport)
class DataImportAdmin(admin.ModelAdmin):
    list_display = ["table_id", "title", "illustrative", "figure_count", "imported_at", "imported_by"]
    list_filter = ["illustrative", "table_id"]
    readonly_fields = ["checksum", "report", "figure_count", "imported_at", "imported_by"]


@admin.register(PopulationFigure)
class PopulationFigureAdmin(admin.ModelAdmin):
    list_display = ["level", "municipality", "county", "year", "age_group", "series", "value", "source"]
    list_filter = ["level", "series", "age_group", "year"]
    search_fields = ["municipality__name", "municipality__code", "county__name"]
    list_select_related = ["municipality", "county", "source"]
    raw_id_fields = ["municipality", "county", "source"]


@admin.register(CareBaseline)
class CareBaselineAdmin(admin.ModelAdmin):
    list_display = ["municipality", "year", "fte", "source", "updated_at"]
    raw_id_fields = ["municipality"]
