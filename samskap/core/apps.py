from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "samskap.core"
    verbose_name = _("Core")
    label = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.core.signals import request_finished
        from django.db.backends.signals import connection_created

        from samskap.core import changes

        # every statement goes through the write detector, so the content version follows every write
        connection_created.connect(changes.install, dispatch_uid="samskap.core.changes.install")
        request_finished.connect(changes.flush_all, dispatch_uid="samskap.core.changes.flush_all")
