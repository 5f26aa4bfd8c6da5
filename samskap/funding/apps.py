from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "samskap.funding"
    label = "funding"
    default_auto_field = "django.db.models.BigAutoField"
