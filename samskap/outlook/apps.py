from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutlookConfig(AppConfig):
    name = "samskap.outlook"
    verbose_name = _("Population outlook")
    label = "outlook"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from samskap.core.registry import registry
        from samskap.outlook import api, demo, trends

        registry.add_shared_trend("outlook", trends.shared_trend)
        registry.add_api_router("outlook", api.router, tag="outlook", order=80)
        registry.add_demo_loader("outlook", demo.load, order=50)
