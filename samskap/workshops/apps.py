from django.apps import AppConfig


class WorkshopsConfig(AppConfig):
    name = "samskap.workshops"
    label = "workshops"
    default_auto_field = "django.db.models.BigAutoField"
