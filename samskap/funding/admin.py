"""Admin for coordinators. Saves here also tell brokering to re-index (as the actions do)."""

from django.contrib import admin
from django.db import transaction

from samskap.core.signals import catalogue_changed
from samskap.funding.models import Deadline, Instrument


def _notify(instrument_pk: int, deleted: bool) -> None:
    transaction.on_commit(lambda: catalogue_changed.send(sender=Instrument, kind="instrument", pk=instrument_pk,
                                                         deleted=deleted))


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

    def save_related(self, request, form, formsets, change):  # type: ignore[no-untyped-def]
        super().save_related(request, form, formsets, change)
        _notify(form.instance.pk, deleted=not form.instance.active)

    def delete_model(self, request, obj):  # type: ignore[no-untyped-def]
        pk = obj.pk
        super().delete_model(request, obj)
        _notify(pk, deleted=True)

    def delete_queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        pks = list(queryset.values_list("pk", flat=True))
        super().delete_queryset(request, queryset)
        for pk in pks:
            _notify(pk, deleted=True)


@admin.register(Deadline)
class DeadlineAdmin(admin.ModelAdmin):
    list_display = ["instrument", "date", "time", "label"]
    list_filter = ["date"]
    date_hierarchy = "date"
    search_fields = ["instrument__name", "label"]

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        super().save_model(request, obj, form, change)
        _notify(obj.instrument_id, deleted=not obj.instrument.active)

    def delete_model(self, request, obj):  # type: ignore[no-untyped-def]
        instrument = obj.instrument
        super().delete_model(request, obj)
        _notify(instrument.pk, deleted=not instrument.active)
