"""Mirror the demo's objects into the brokering catalogue and compute their vectors."""

from typing import Any

from samskap.matching import services


def load(stdout: Any) -> None:
    counts = services.sync_all()
    embedded = services.embed_pending()
    total = sum(c[0] for c in counts.values())
    stdout.write(f"Brokering catalogue: {total} new item(s), {embedded} vector(s) computed.")
