from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "samskap.matching"
    label = "matching"
    default_auto_field = "django.db.models.BigAutoField"
