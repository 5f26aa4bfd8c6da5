from django.apps import AppConfig


class OutlookConfig(AppConfig):
    name = "samskap.outlook"
    label = "outlook"
    default_auto_field = "django.db.models.BigAutoField"
