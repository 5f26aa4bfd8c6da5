from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "samskap.directory"
    label = "directory"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from samskap.core.registry import registry
        from samskap.directory import api, catalog, demo, receivers

        receivers.connect()  # catalogue models -> catalogue_changed after commit
        registry.add_catalogue_source("person", catalog.person_entries, order=10, visible=catalog.person_visible)
        registry.add_catalogue_source("group", catalog.group_entries, order=20, visible=catalog.group_visible)
        registry.add_api_router("municipalities", api.router, tag="directory", order=10)
        registry.add_demo_loader("reference", demo.load_reference, order=0)
        registry.add_demo_loader("directory", demo.load, order=10)
