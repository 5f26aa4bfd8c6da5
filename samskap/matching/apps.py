from typing import Any

from django.apps import AppConfig


def _on_catalogue_changed(sender: Any, kind: str, pk: int, **kwargs: Any) -> None:
    from samskap.matching.tasks import reindex_object

    reindex_object.enqueue(kind, pk)


class MatchingConfig(AppConfig):
    name = "samskap.matching"
    label = "matching"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from samskap.core.signals import catalogue_changed

        catalogue_changed.connect(_on_catalogue_changed, dispatch_uid="matching-reindex")
