from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _on_catalogue_changed(sender: Any, kind: str, pk: int, **kwargs: Any) -> None:
    from samskap.matching.tasks import reindex_object

    reindex_object.enqueue(kind, pk)


class MatchingConfig(AppConfig):
    name = "samskap.matching"
    verbose_name = _("Matching")
    label = "matching"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from samskap.core.registry import registry
        from samskap.core.signals import catalogue_changed
        from samskap.matching import api, demo, front, notices, views

        catalogue_changed.connect(_on_catalogue_changed, dispatch_uid="matching-reindex")
        registry.add_api_router("match", api.router, tag="matching", order=40)
        # /needs/{id}/matches: right after the needs app's own router (order 20), as before.
        registry.add_api_router("needs", api.needs_router, tag="needs", order=21)
        registry.add_demo_loader("matching", demo.load, order=80)
        notices.register()
        registry.add_start_panel("matching", views.start_panel, order=20)
        registry.add_front_panel("matching", front.front_panel, order=40, audience=front.audience)
        registry.add_page_context("needs:detail", "matching", views.need_detail_context)
