"""Brokering on top of the pure engine: catalogue sync, vectors, the in-process index, filters, reasons.

Reads go through `search()`, `matches_for_need()`, `similar_needs()` and `shared_challenges()`.
Catalogue writes (`upsert_entries`, `sync_kind`, `embed_pending`) are called by the catalogue actions,
the background task and the `catalog` command.

One module per concept; callers use the names re-exported here (`services.search(...)`), a sibling
imports from the module that defines the name:

- `catalogue` -- catalogue writes (`upsert_entries`, `sync_kind`) and the index version;
- `vectors` -- embedding what lacks a current vector (`embed_pending`, `ensure_current`), stored query vectors;
- `parts` -- what a search reads: index parts and the view over them;
- `index` -- the process's index: the worker's snapshot loaded and switched, the delta beside it (`get_view`);
- `delta` -- the items changed since the snapshot, and merging their matches into its ranking;
- `snapshot` -- the worker's build of a new snapshot (`build_snapshot`);
- `live` -- the live visibility filter every result passes;
- `results` -- `Result` and `Results`, with the reasons shown beside each match;
- `searching` -- query checks, filters and `search` itself (free search);
- `panels` -- brokering for a need (`matches_for_need`);
- `similar` -- similar needs while a need is written (`similar_needs`);
- `challenges` -- shared challenges, clustered by the worker (`compute_challenges`, `shared_challenges`).
"""

from samskap.matching.services.catalogue import (
    QUERY_VECTOR_KINDS,
    bump_version,
    lock_catalogue,
    passage_hash,
    query_vector_kinds,
    sync_all,
    sync_kind,
    upsert_entries,
)
from samskap.matching.services.challenges import Challenge, compute_challenges, shared_challenges
from samskap.matching.services.delta import DELTA_MARGIN, DELTA_MAX
from samskap.matching.services.index import get_view, index_dir, index_status, reset_cache
from samskap.matching.services.panels import clear_panel_cache, matches_for_need
from samskap.matching.services.results import Result, Results, concept_labels, kind_reason
from samskap.matching.services.searching import QueryError, check_kinds, clean_query, search
from samskap.matching.services.similar import similar_needs
from samskap.matching.services.snapshot import ann_min_items, build_snapshot
from samskap.matching.services.vectors import (
    EMBED_BATCH,
    MEMO_SIZE,
    embed_pending,
    ensure_current,
    need_query_text,
    pending_vectors,
    stored_query_vector,
)

__all__ = [
    "DELTA_MARGIN",
    "DELTA_MAX",
    "EMBED_BATCH",
    "MEMO_SIZE",
    "QUERY_VECTOR_KINDS",
    "Challenge",
    "QueryError",
    "Result",
    "Results",
    "ann_min_items",
    "build_snapshot",
    "bump_version",
    "check_kinds",
    "clean_query",
    "compute_challenges",
    "concept_labels",
    "embed_pending",
    "ensure_current",
    "get_view",
    "index_dir",
    "index_status",
    "kind_reason",
    "lock_catalogue",
    "matches_for_need",
    "need_query_text",
    "passage_hash",
    "pending_vectors",
    "query_vector_kinds",
    "reset_cache",
    "clear_panel_cache",
    "search",
    "shared_challenges",
    "similar_needs",
    "stored_query_vector",
    "sync_all",
    "sync_kind",
    "upsert_entries",
]
