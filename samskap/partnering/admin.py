from django.contrib import admin

from samskap.partnering.models import (
    Availability,
    MeetingProfile,
    MeetingRequest,
    MeetingTable,
    ScheduledMeeting,
    ScheduleRun,
    TimeSlot,
)


@admin.register(MeetingProfile)
class MeetingProfileAdmin(admin.ModelAdmin):
    list_display = ["registration", "published", "updated_at"]
    list_filter = ["published"]
    raw_id_fields = ["registration", "person"]
    filter_horizontal = ["needs"]


@admin.register(TimeSlot)
class TimeSlotAdmin(admin.ModelAdmin):
    list_display = ["event", "start", "end", "is_break"]


@admin.register(MeetingTable)
class MeetingTableAdmin(admin.ModelAdmin):
    list_display = ["event", "name"]


@admin.register(MeetingRequest)
class MeetingRequestAdmin(admin.ModelAdmin):
    list_display = ["event", "sender", "recipient", "status", "priority", "booked_by_organiser"]
    list_filter = ["status", "booked_by_organiser"]
    raw_id_fields = ["sender", "recipient"]


@admin.register(ScheduledMeeting)
class ScheduledMeetingAdmin(admin.ModelAdmin):
    list_display = ["request", "slot", "table", "published"]
    raw_id_fields = ["request"]


@admin.register(ScheduleRun)
class ScheduleRunAdmin(admin.ModelAdmin):
    list_display = ["event", "status", "placed", "unplaced", "gap", "created_at"]


admin.site.register(Availability)
