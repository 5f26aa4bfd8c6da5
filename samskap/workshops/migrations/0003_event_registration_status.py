"""Registration opens when the coordinator opens it. Events that existed before stay open (as they were)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("workshops", "0002_registration_language_reason_code"),
    ]

    operations = [
        # existing events keep their behaviour: open (until the deadline)
        migrations.AddField(
            model_name="event",
            name="registration_status",
            field=models.CharField(
                choices=[("not_open", "Not opened yet"), ("open", "Open"), ("closed", "Closed")],
                default="open", max_length=10, verbose_name="registration"),
        ),
        # new events: not opened until the coordinator opens them
        migrations.AlterField(
            model_name="event",
            name="registration_status",
            field=models.CharField(
                choices=[("not_open", "Not opened yet"), ("open", "Open"), ("closed", "Closed")],
                default="not_open", max_length=10, verbose_name="registration"),
        ),
    ]
