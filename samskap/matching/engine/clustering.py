"""Clustering of needs into shared challenges ("felles utfordringer").

Similarity of two needs blends their passage vectors (rescaled e5 cosine) with a tf-idf cosine of
their normalised, stemmed words; needs are merged by average-linkage agglomerative clustering.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np

from .. import textnorm
from . import config
from .types import Cluster


def _lexical_similarity(texts: Sequence[str]) -> tuple[np.ndarray, list[dict[str, str]], Counter[str]]:
    """Cosine similarity of tf-idf vectors over normalised stems (idf from ``texts`` itself)."""
    docs: list[Counter[str]] = []
    surfaces: list[dict[str, str]] = []
    df: Counter[str] = Counter()
    for t in texts:
        c: Counter[str] = Counter()
        surf: dict[str, str] = {}
        for sw, w in textnorm.analyze(t or ""):
            if w.isdigit():
                continue
            st = textnorm.stem(w)
            c[st] += 1
            surf.setdefault(st, sw)
        docs.append(c)
        surfaces.append(surf)
        df.update(c.keys())
    n = len(texts)
    vocab = {t: i for i, t in enumerate(df)}
    M = np.zeros((n, max(1, len(vocab))), dtype=np.float32)
    for r, c in enumerate(docs):
        for t, k in c.items():
            M[r, vocab[t]] = (1.0 + math.log(k)) * math.log((1.0 + n) / (1.0 + df[t]))
    M /= np.maximum(np.linalg.norm(M, axis=1, keepdims=True), 1e-12)
    return M @ M.T, surfaces, df


def cluster_needs(
    ids: Sequence[str],
    vectors: np.ndarray,
    texts: Sequence[str],
    threshold: float = config.CLUSTER_THRESHOLD,
    min_size: int = 2,
    max_terms: int = 3,
) -> list[Cluster]:
    """Group similar needs (for example a region's needs) into shared challenges.

    Similarity of two needs = ``0.5 * dense + 0.5 * lexical``, where ``dense`` is the cosine of
    their passage vectors rescaled from [floor, 1] to [0, 1] (clipped; floor = the median cosine
    between the given needs, at least :data:`CLUSTER_DENSE_FLOOR`) and
    ``lexical`` the tf-idf cosine of their normalised, stemmed words (nb/nn-insensitive). Needs are
    merged by average-linkage agglomerative clustering while the average similarity between two
    clusters is at least ``threshold``. O(n^2) memory and at worst O(n^3) time with numpy inner
    loops: milliseconds for a region's few hundred needs, seconds for 2,000.

    Each cluster is labelled with its most distinctive terms (used by most members, rare in the
    other needs; shown in the members' own wording); ``central_id`` is the member most similar to
    the others, whose title is a good alternative label. Clusters smaller than ``min_size`` are
    dropped; the result is sorted biggest first (ties: tightest first).
    """
    n = len(ids)
    if not (len(texts) == n and len(vectors) == n):
        raise ValueError("ids, vectors and texts must have the same length")
    if n == 0:
        return []
    V = np.asarray(vectors, dtype=np.float32).reshape(n, -1)
    V = V / np.maximum(np.linalg.norm(V, axis=1, keepdims=True), 1e-12)
    cos = V @ V.T
    # e5 puts most Norwegian municipal texts at 0.8-0.95 cosine, higher still when the texts share
    # a template (sector, "X kommune"): rescale from the typical level of this set of needs
    floor = config.CLUSTER_DENSE_FLOOR
    if n >= 3:
        floor = max(floor, float(np.median(cos[~np.eye(n, dtype=bool)])))
    dense = np.clip((cos - floor) / (1.0 - floor), 0.0, 1.0)
    lexical, surfaces, df = _lexical_similarity(texts)
    base = 0.5 * dense + 0.5 * lexical
    S = base.astype(np.float64)
    np.fill_diagonal(S, -np.inf)
    sizes = np.ones(n, dtype=np.float64)
    members: list[list[int]] = [[i] for i in range(n)]
    while n > 1:
        flat = int(np.argmax(S))
        i, j = divmod(flat, n)
        if not S[i, j] >= threshold:
            break
        new = (sizes[i] * S[i] + sizes[j] * S[j]) / (sizes[i] + sizes[j])
        S[i, :] = new
        S[:, i] = new
        S[i, i] = -np.inf
        S[j, :] = -np.inf
        S[:, j] = -np.inf
        sizes[i] += sizes[j]
        members[i].extend(members[j])
        members[j] = []

    clusters = []
    for g in (sorted(m) for m in members if len(m) >= max(1, min_size)):
        sub = base[np.ix_(g, g)]
        centrality = (sub.sum(axis=1) - np.diag(sub)) / max(1, len(g) - 1)
        central = g[int(np.argmax(centrality))]
        cdf: Counter[str] = Counter()
        forms: dict[str, Counter[str]] = {}
        for m in g:
            for st, surf in surfaces[m].items():
                cdf[st] += 1
                forms.setdefault(st, Counter())[surf] += 1
        need = 2 if len(g) >= 2 else 1
        scored = []
        for st, c in cdf.items():
            if c < need or len(st) < 3:
                continue
            outside = df[st] - c  # share of members using the term x rarity outside the cluster
            scored.append((c / len(g) * math.log((1 + n) / (1 + outside + 0.5 * c)), st))
        scored.sort(key=lambda x: (-x[0], x[1]))
        terms = [forms[st].most_common(1)[0][0] for _, st in scored[:max_terms]]
        if terms:
            label = ", ".join(terms)
            label = label[0].upper() + label[1:]
        else:
            first = textnorm.split_sentences(texts[central] or "") or [str(ids[central])]
            label = first[0][:80]
        tightness = float(centrality.mean()) if len(g) > 1 else 1.0
        clusters.append((len(g), tightness, Cluster(label, [ids[m] for m in g], ids[central], terms)))
    clusters.sort(key=lambda x: (-x[0], -x[1]))
    return [c for _, _, c in clusters]
