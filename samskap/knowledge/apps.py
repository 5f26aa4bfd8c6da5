from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "samskap.knowledge"
    verbose_name = _("Knowledge")
    label = "knowledge"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from samskap.core.registry import registry
        from samskap.knowledge import api, catalog, demo, front, reasons, receivers

        receivers.connect()  # catalogue models -> catalogue_changed after commit
        registry.add_catalogue_source("case", catalog.entries, order=40, visible=catalog.visible)
        registry.add_match_reason(catalog.KIND, reasons.reason_for)  # worded in the page's language
        registry.add_api_router("knowledge", api.router, tag="knowledge", order=70)
        registry.add_front_panel("knowledge", front.front_panel, order=60)
        registry.add_demo_loader("knowledge", demo.load, order=40)
