from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    name = "samskap.needs"
    verbose_name = _("Needs")
    label = "needs"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        import datetime as dt

        from samskap.core.periodic import enqueues
        from samskap.core.registry import registry
        from samskap.needs import api, catalog, demo, front, notices, receivers, tasks, views

        receivers.connect()  # catalogue models -> catalogue_changed after commit
        registry.add_catalogue_source("need", catalog.entries, order=50, visible=catalog.visible)
        registry.add_api_router("needs", api.router, tag="needs", order=20)
        registry.add_demo_loader("needs", demo.load, order=20)
        registry.add_front_panel("needs", front.front_panel, order=10)
        registry.add_page_context("directory:municipality", "needs", views.municipality_context)
        notices.register()
        registry.add_start_panel("needs", views.start_panel, order=10)
        registry.add_periodic_job("needs.remind_call_deadlines", dt.timedelta(days=1),
                                  enqueues(tasks.remind_call_deadlines), order=20)
