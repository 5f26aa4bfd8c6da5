from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """In-app notifications and their e-mail (at once or in a weekly digest). A low app: every domain app
    emits through ``samskap.notifications.actions.notify`` and registers its kinds with
    ``registry.add_notification_kind`` from its ``ready()``; this app imports no domain app."""

    name = "samskap.notifications"
    label = "notifications"
    default_auto_field = "django.db.models.BigAutoField"
