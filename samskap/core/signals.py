"""Project-wide signals. `catalogue_changed` tells the matching index that an item changed."""

from django.dispatch import Signal

# Sent after commit with kind ("need", "person", "instrument", "case", "group"), pk and optionally deleted=True.
catalogue_changed = Signal()
