from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkshopsConfig(AppConfig):
    name = "samskap.workshops"
    verbose_name = _("Workshops")
    label = "workshops"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from samskap.core.registry import registry
        from samskap.workshops import api, challenge_views, demo, front, notices, roundtable_notices, views

        registry.add_api_router("workshops", api.router, tag="workshops", order=50)
        registry.add_demo_loader("workshops", demo.load, order=60)
        notices.register()
        roundtable_notices.register()
        registry.add_start_panel("workshops", views.start_panel, order=30)
        registry.add_front_panel("workshops", front.front_panel, order=20)
        registry.add_page_context("matching:shared_challenges", "workshops",
                                  challenge_views.shared_challenges_context)
