"""Demo data: SSB's genuine figures shipped in fixtures/ (observed population by age group for every
municipality 2005-2026, the county projection 14288 and the 2026-round projection 14746 for the Telemark
municipalities) plus the ILLUSTRATIVE projection by age group for the Trøndelag municipalities and Surnadal
(generated; labelled as such everywhere). Idempotent: a file already imported (same checksum) is not imported
again."""

from __future__ import annotations

import hashlib
from typing import Any

from samskap.outlook import actions, shipped
from samskap.outlook.models import DataImport

OBSERVED_FILE = "population_by_age_municipalities_2005-2026.csv"
TELEMARK_FILE = "14746_telemark_projections_2026-2050.csv"
DEMO_FILES = [
    # (file, table id, title, publisher) - the genuine SSB figures first, then the illustrative projection,
    # then SSB's 2026-round projection for Telemark.
    (OBSERVED_FILE, "07459", "Befolkning 1. januar etter kommune og aldersgruppe, 2005-2026 (SSB, via FHIs csdata)",
     "Statistisk sentralbyrå (via Folkehelseinstituttet, csdata)"),
    ("14288_fylker_2024-2050_3alt.csv", "14288", "14288: Framskrevet folkemengde 1. januar, etter fylke, "
                                                 "alternativ og år, 2024-2050 (flattened CSV)", ""),
    ("illustrative_projection_trondelag_2024-2050.json", "", "", ""),
    (TELEMARK_FILE, "14746", "14746: Framskrevet folkemengde 1. januar, etter region, alder, statistikkvariabel "
                             "og år, 2026-2050 (Telemark-kommunene)", "Statistisk sentralbyrå"),
]


def load(stdout: Any) -> None:
    for name, table_id, title, publisher in DEMO_FILES:
        data = shipped.fixture_bytes(name)
        checksum = hashlib.sha256(data).hexdigest()
        if DataImport.objects.filter(checksum=checksum, figure_count__gt=0).exists():
            continue
        if name.endswith(".csv"):
            report = actions.import_csv(data, source_name=name, table_id=table_id, title=title, publisher=publisher,
                                        actor=actions.SYSTEM)
        else:
            report = actions.import_jsonstat(data, source_name=name, actor=actions.SYSTEM)
        stdout.write(f"Outlook: {report.lines()[0]}")
