"""Demo data: SSB's genuine figures shipped in fixtures/ plus the ILLUSTRATIVE projection by age group for the
Trøndelag municipalities and Surnadal (generated; labelled as such everywhere). Idempotent: a file already
imported (same checksum) is not imported again."""

from __future__ import annotations

import hashlib
from typing import Any

from samskap.outlook import actions, shipped
from samskap.outlook.models import DataImport

DEMO_FILES = [
    # (file, kind) - the genuine SSB responses first, then the illustrative projection.
    ("07459_2022_kommuner_totals_jsonstat2.json", "jsonstat"),
    ("14288_fylker_2024-2050_3alt.csv", "csv"),
    ("illustrative_projection_trondelag_2024-2050.json", "jsonstat"),
]


def load(stdout: Any) -> None:
    for name, kind in DEMO_FILES:
        data = shipped.fixture_bytes(name)
        checksum = hashlib.sha256(data).hexdigest()
        if DataImport.objects.filter(checksum=checksum, figure_count__gt=0).exists():
            continue
        if kind == "csv":
            report = actions.import_flat_csv(data, source_name=name, table_id="14288",
                                             title="14288: Framskrevet folkemengde 1. januar, etter fylke, "
                                                   "alternativ og år, 2024-2050 (flattened CSV)", actor=actions.SYSTEM)
        else:
            report = actions.import_jsonstat(data, source_name=name, actor=actions.SYSTEM)
        stdout.write(f"Outlook: {report.lines()[0]}")
