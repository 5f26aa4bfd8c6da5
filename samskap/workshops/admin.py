from django.contrib import admin

from samskap.workshops.models import (
    Assignment,
    Choice,
    Event,
    Group,
    Plan,
    ProgrammeItem,
    Registration,
    StaffMember,
    Theme,
    WorkshopSession,
)


class ProgrammeInline(admin.TabularInline):
    model = ProgrammeItem
    extra = 0


class SessionInline(admin.TabularInline):
    model = WorkshopSession
    extra = 0


class StaffInline(admin.TabularInline):
    model = StaffMember
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "date", "place", "registration_deadline", "capacity"]
    search_fields = ["title", "place"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ProgrammeInline, SessionInline, StaffInline]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["title", "session", "proposed_by_name"]
    list_filter = ["session__event"]
    search_fields = ["title"]
    filter_horizontal = ["needs"]


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation_name", "event", "actor_type", "status", "created_at"]
    list_filter = ["event", "status", "actor_type"]
    search_fields = ["name", "email", "organisation_name"]
    readonly_fields = ["token"]
    inlines = [ChoiceInline]


class GroupInline(admin.TabularInline):
    model = Group
    extra = 0
    fields = ["theme", "number", "host", "note_taker", "same_org_pairs"]
    raw_id_fields = ["host", "note_taker"]


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["event", "created_at", "status", "published", "objective", "bound", "gap"]
    list_filter = ["event", "status", "published"]
    inlines = [GroupInline]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["registration", "plan", "session", "group", "reason_code", "locked"]
    list_filter = ["plan__event", "locked"]
    raw_id_fields = ["registration", "group"]


from samskap.workshops import roundtable_admin  # noqa: E402,F401  (round tables)
