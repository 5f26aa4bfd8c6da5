from django.contrib import admin

from samskap.directory.models import ApiToken, County, Municipality, Organisation, Person, ResearchGroup, Role


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "active"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "county", "language_form", "population", "active"]
    list_filter = ["county", "language_form", "active"]
    search_fields = ["code", "name"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "org_type", "org_number", "county"]
    list_filter = ["org_type", "county"]
    search_fields = ["name", "org_number"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "position", "listed_in_directory"]
    list_filter = ["listed_in_directory", "organisation__org_type"]
    search_fields = ["name", "email"]


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "municipality"]
    list_filter = ["kind"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "created_at", "last_used_at"]
    readonly_fields = ["key_hash"]


@admin.register(ResearchGroup)
class ResearchGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "language"]
    search_fields = ["name", "description", "keywords"]
