"""The delta: the items changed since the snapshot was read, and merging their matches into its ranking.

The delta is indexed in the process beside the snapshot (a few items: cheap); `searching.search` searches
both and places the delta's matches among the snapshot's with `merge`.
"""

from __future__ import annotations

import datetime as dt

from samskap.matching import engine
from samskap.matching.models import CatalogItem

#: items changed this long before a snapshot started reading are searched in the delta too (clock skew)
DELTA_MARGIN = 10.0
#: at most this many changed items are searched beside the snapshot (the worker rebuilds long before)
DELTA_MAX = 5000


def changed_since(built_at: float) -> list[CatalogItem]:
    """The catalogue rows changed since a snapshot started reading at ``built_at`` (a timestamp), less
    DELTA_MARGIN: the DELTA_MAX most recently changed, in pk order."""
    since = dt.datetime.fromtimestamp(built_at - DELTA_MARGIN, tz=dt.UTC)
    rows = list(CatalogItem.objects.filter(updated_at__gte=since).order_by("-updated_at")[:DELTA_MAX])
    rows.sort(key=lambda r: r.pk)
    return rows


def merge(snap: list[engine.Match], delta: list[engine.Match], unembedded: frozenset[str],
          mode: str) -> list[engine.Match]:
    """Insert the delta's matches into the snapshot's ranking.

    Scores of two indexes are not comparable (each is normalised over its own items), but cosines
    are: a delta item goes before the first snapshot match whose cosine is lower (BM25 mode: BM25
    score) and takes that match's score and relevance. An item not embedded yet goes before the
    matches that share no word with the query or a smaller (idf-weighted) share of its words, and only
    when it shares one. Each delta item's place is found among the snapshot's matches only (never
    against other delta items, whose cosines mean nothing for an item not embedded yet); delta items
    at the same place keep the delta's own order, and the snapshot's own order is kept as it is."""
    placed: list[tuple[int, engine.Match]] = []
    for d in delta:
        if d.id in unembedded or mode == "bm25":
            if d.bm25_score <= 0:
                continue
        if d.id in unembedded:  # before the matches that share no word or fewer of the query's words
            pos = next((i for i, m in enumerate(snap) if m.bm25_score <= 0 or m.coverage < d.coverage), len(snap))
        elif mode == "bm25":
            pos = next((i for i, m in enumerate(snap) if m.bm25_score < d.bm25_score), len(snap))
        else:
            c = d.dense_score if d.dense_score is not None else -1.0
            pos = next((i for i, m in enumerate(snap) if (m.dense_score if m.dense_score is not None else -1.0) < c),
                       len(snap))
        if snap:
            ref = snap[min(pos, len(snap) - 1)]
            d.score = ref.score
            if d.relevance is not None and ref.relevance is not None:
                d.relevance = ref.relevance
        placed.append((pos, d))
    placed.sort(key=lambda t: t[0])  # stable: the delta's order among items at the same place
    out: list[engine.Match] = []
    done = 0
    for pos, d in placed:
        out.extend(snap[done:pos])
        done = max(done, pos)
        out.append(d)
    out.extend(snap[done:])
    return out
