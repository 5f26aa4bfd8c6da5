from django.apps import AppConfig


class PartneringConfig(AppConfig):
    name = "samskap.partnering"
    label = "partnering"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from samskap.core.registry import registry
        from samskap.partnering import demo, notices, views

        notices.register()
        registry.add_start_panel("partnering", views.start_panel, order=35)
        registry.add_demo_loader("partnering", demo.load, order=65)
