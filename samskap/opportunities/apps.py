import datetime as dt

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpportunitiesConfig(AppConfig):
    name = "samskap.opportunities"
    label = "opportunities"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Cooperation opportunities")

    def ready(self) -> None:
        from samskap.core.registry import registry
        from samskap.opportunities import api, catalog, demo, front, reasons, receivers

        receivers.connect()  # catalogue models -> catalogue_changed after commit
        registry.add_catalogue_source(catalog.KIND, catalog.entries, order=45,
                                      label=_("Cooperation opportunities"), query_vector=True,
                                      visible=catalog.visible)
        registry.add_match_reason(catalog.KIND, reasons.reason_for)
        registry.add_api_router("opportunities", api.router, tag="opportunities", order=75)
        registry.add_front_panel("opportunities", front.front_panel, order=50)
        registry.add_demo_loader("opportunities", demo.load, order=45)
        registry.add_periodic_job("opportunities.renewal_reminders", dt.timedelta(days=1), renewal_reminders,
                                  order=45)


def renewal_reminders() -> str:
    from samskap.core.actors import SystemActor
    from samskap.opportunities import actions

    return f"renewal reminders queued: {len(actions.claim_renewal_reminders(actor=SystemActor('periodic')))}"
