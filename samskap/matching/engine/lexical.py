"""BM25 over the catalogue's fields. The only module that touches bm25s internals, so that coupling
stays here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from bm25s import scoring as _bm25s_scoring

from samskap.matching.engine.config import BM25_B, BM25_K1
from samskap.matching.engine.types import Item


def field_texts(item: Item) -> dict[str, str]:
    return {
        "title": item.title or "",
        "keywords": " ; ".join(item.keywords or ()),
        "text": f"{item.text or ''}\n{item.organisation or ''}",
    }

@dataclass
class FieldIndex:
    data: np.ndarray  # BM25 contribution per posting (CSC over the shared token vocabulary)
    indices: np.ndarray  # document index per posting
    indptr: np.ndarray

@dataclass
class QueryTerms:
    weights: dict[str, float]  # stem -> weight
    surface: dict[str, str]  # stem -> the query's word for it

def bm25_matrix(docs: np.ndarray, tokens: np.ndarray, n_docs: int, n_vocab: int) -> FieldIndex:
    """BM25 (Lucene variant) contributions of every (document, token) pair as a CSC matrix.

    ``docs`` and ``tokens`` hold one entry per token occurrence. This is what
    ``bm25s.BM25(method="lucene").index((corpus_ids, vocab))`` computes, using bm25s' own scoring
    and CSC functions but vectorised over the corpus instead of bm25s' per-document Python loop
    (about 5x faster and a fraction of the memory at 100k items; equality with bm25s is tested).
    """
    if n_docs == 0 or tokens.size == 0:
        return FieldIndex(np.zeros(0, np.float32), np.zeros(0, np.int32), np.zeros(n_vocab + 1, np.int64))
    doc_len = np.bincount(docs, minlength=n_docs)
    avg_len = float(doc_len.mean())
    pairs, tf = np.unique(docs * n_vocab + tokens, return_counts=True)
    d, t = pairs // n_vocab, pairs % n_vocab
    del pairs
    df = np.bincount(t, minlength=n_vocab)
    idf = _bm25s_scoring._build_idf_array(
        doc_frequencies=dict(enumerate(df.tolist())),
        n_docs=n_docs,
        compute_idf_fn=_bm25s_scoring._select_idf_scorer("lucene"),
        dtype="float32",
    )
    tfc = _bm25s_scoring._select_tfc_scorer("lucene")(
        tf_array=tf.astype(np.float32), l_d=doc_len[d], l_avg=avg_len, k1=BM25_K1, b=BM25_B
    )
    scores = (idf[t] * tfc).astype(np.float32)
    data, indices, indptr = _bm25s_scoring._np_csc_python(
        scores, d.astype(np.int32), t.astype(np.int32), shape=(n_docs, n_vocab)
    )
    return FieldIndex(np.asarray(data, np.float32), np.asarray(indices, np.int32), np.asarray(indptr, np.int64))
