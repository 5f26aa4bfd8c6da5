"""Sessions made with allauth's backend path carry on with ``samskap.accounts.backends.AccountBackend``."""

from django.db import migrations

from samskap.accounts.sessions import ACCOUNT_BACKEND, ALLAUTH_BACKEND, move_sessions


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    move_sessions(apps.get_model("sessions", "Session").objects, ALLAUTH_BACKEND, ACCOUNT_BACKEND)


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    move_sessions(apps.get_model("sessions", "Session").objects, ACCOUNT_BACKEND, ALLAUTH_BACKEND)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("sessions", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
