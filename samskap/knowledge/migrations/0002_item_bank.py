"""Seed the barometer's item bank (see samskap/knowledge/item_bank.py)."""

from django.db import migrations


def load_items(apps, schema_editor):
    from samskap.knowledge.item_bank import load_item_bank

    load_item_bank(apps.get_model("knowledge", "BarometerItem"))


def remove_items(apps, schema_editor):
    from samskap.knowledge.item_bank import ITEMS

    BarometerItem = apps.get_model("knowledge", "BarometerItem")
    BarometerItem.objects.filter(code__in=[row[0] for row in ITEMS], surveys__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]
    operations = [migrations.RunPython(load_items, remove_items)]
