from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """In-app notifications and their e-mail (at once or in a weekly digest). A low app: every domain app
    emits through ``samskap.notifications.actions.notify`` and registers its kinds with
    ``registry.add_notification_kind`` from its ``ready()``; this app imports no domain app."""

    name = "samskap.notifications"
    verbose_name = _("Notifications")
    label = "notifications"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        import datetime as dt

        from samskap.core.periodic import enqueues
        from samskap.core.registry import registry
        from samskap.notifications import tasks

        registry.add_periodic_job("notifications.send_pending", dt.timedelta(hours=1), enqueues(tasks.send_pending),
                                  order=10)
        registry.add_periodic_job("notifications.send_digests", dt.timedelta(days=7), enqueues(tasks.send_digests),
                                  order=11)
