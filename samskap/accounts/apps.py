from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "samskap.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from samskap.accounts import notices, receivers

        receivers.connect()
        notices.register()
