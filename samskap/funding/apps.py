from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "samskap.funding"
    verbose_name = _("Funding")
    label = "funding"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from samskap.core.registry import registry
        from samskap.funding import api, catalog, demo, front, reasons, receivers, views

        receivers.connect()  # catalogue models -> catalogue_changed after commit
        registry.add_catalogue_source("instrument", catalog.entries, order=30, visible=catalog.visible)
        registry.add_match_reason("instrument", reasons.reason_for)  # worded in the page's language
        registry.add_api_router("funding", api.router, tag="funding", order=30)
        registry.add_demo_loader("funding", demo.load, order=30)
        registry.add_page_context("directory:municipality", "funding", views.municipality_context)
        registry.add_front_panel("funding", front.front_panel, order=30)
