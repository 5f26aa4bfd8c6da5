"""One unsubscribe for all Samskap e-mail: follow-up's MailSubscription rows move into the notifications app's
MailOptOut, keeping their tokens so that links in e-mails already sent still work (through the redirect at
/oppfolging/avmelding/<token>/). An address in both keeps the notifications token and the earlier
unsubscription."""

from django.db import migrations


def move_subscriptions(apps, schema_editor):
    MailSubscription = apps.get_model("followup", "MailSubscription")
    MailOptOut = apps.get_model("notifications", "MailOptOut")
    for old in MailSubscription.objects.all().iterator():
        email = old.email.strip().lower()
        current = MailOptOut.objects.filter(email=email).first()
        if current is None:
            if MailOptOut.objects.filter(token=old.token).exists():
                MailOptOut.objects.create(email=email, unsubscribed_at=old.unsubscribed_at)
            else:
                MailOptOut.objects.create(email=email, token=old.token, unsubscribed_at=old.unsubscribed_at)
        elif old.unsubscribed_at and (current.unsubscribed_at is None or old.unsubscribed_at < current.unsubscribed_at):
            current.unsubscribed_at = old.unsubscribed_at
            current.save(update_fields=["unsubscribed_at"])


class Migration(migrations.Migration):

    dependencies = [
        ("followup", "0002_benefits"),
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(move_subscriptions, migrations.RunPython.noop),
        migrations.DeleteModel(name="MailSubscription"),
    ]
