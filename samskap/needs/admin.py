from django.contrib import admin

from samskap.needs.models import Call, Need


@admin.register(Need)
class NeedAdmin(admin.ModelAdmin):
    list_display = ["title", "municipality", "sector", "status", "language", "created_at"]
    list_filter = ["status", "sector", "language", "municipality__county"]
    search_fields = ["title", "description"]


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["title", "deadline", "county", "closed_at"]
