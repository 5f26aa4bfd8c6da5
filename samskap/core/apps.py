from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "samskap.core"
    verbose_name = _("Core")
    label = "core"
    default_auto_field = "django.db.models.BigAutoField"
