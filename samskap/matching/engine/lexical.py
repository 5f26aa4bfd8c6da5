"""Lexical retrieval: BM25 (Lucene variant, k1=1.2, b=0.75) over the word field and a concept field.

Each of :data:`config.FIELDS` has a BM25 index of its own, and field scores are added with
:data:`FIELD_WEIGHTS`. Today there is one word field holding title, keywords, text and
organisation (separate title and keyword fields measured worse, docs/benchmarks.md). Thesaurus
concept tokens are scored in a field of their own, so that they do not change the length
normalisation of the word field.

This is the only module that uses bm25s' internals (its scoring and CSC functions, see
:func:`bm25_matrix`); an upgrade of bm25s is checked by ``test_bm25_matrix_equals_bm25s_index``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from bm25s import scoring as _bm25s_scoring

from . import arrays, config

if TYPE_CHECKING:
    from .analyzer import Corpus


@dataclass
class FieldIndex:
    """BM25 contributions of one field as a CSC matrix over the shared token vocabulary."""

    data: np.ndarray  # BM25 contribution per posting
    indices: np.ndarray  # document index per posting
    indptr: np.ndarray

    @property
    def nbytes(self) -> int:
        return int(self.data.nbytes + self.indices.nbytes + self.indptr.nbytes)


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
    pairs, tf = arrays.unique_counts(docs * n_vocab + tokens)
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
        tf_array=tf.astype(np.float32), l_d=doc_len[d], l_avg=avg_len, k1=config.BM25_K1, b=config.BM25_B
    )
    scores = (idf[t] * tfc).astype(np.float32)
    data, indices, indptr = _bm25s_scoring._np_csc_python(
        scores, d.astype(np.int32), t.astype(np.int32), shape=(n_docs, n_vocab)
    )
    return FieldIndex(np.asarray(data, np.float32), np.asarray(indices, np.int32), np.asarray(indptr, np.int64))


class LexicalIndex:
    """One BM25 matrix per field; ``vocab`` maps index tokens to matrix columns."""

    def __init__(
        self,
        fields: dict[str, FieldIndex],
        vocab: Mapping[str, int],
        n_docs: int,
        field_weights: dict[str, float],
    ):
        self.fields = fields
        self.vocab = vocab
        self.n_docs = n_docs
        self.field_weights = field_weights

    @classmethod
    def build(cls, corpus: Corpus, field_weights: dict[str, float]) -> LexicalIndex:
        """BM25 matrices of an analysed corpus (one field at a time, to keep the peak memory low)."""
        n, n_vocab = corpus.n_docs, len(corpus.vocab)
        fields: dict[str, FieldIndex] = {}
        for f in config.FIELDS:
            docs, tokens = corpus.field_tokens(f)
            fields[f] = bm25_matrix(docs, tokens, n, n_vocab)
        if corpus.has_concepts:
            fields[config.CONCEPT_FIELD] = bm25_matrix(corpus.concept_docs, corpus.concept_tokens, n, n_vocab)
        return cls(fields, corpus.vocab, n, field_weights)

    @property
    def nbytes(self) -> int:
        """Memory of the postings."""
        return sum(fi.nbytes for fi in self.fields.values())

    def contains(self, token: str, row: int) -> bool:
        """Whether document ``row`` has ``token`` in any field.

        A column's document indices are in ascending order (:func:`bm25_matrix` sorts the postings by
        token, then document), so this is a binary search: the gate asks it for every query token of
        every ranked row, and a common word's postings are a large part of a national catalogue."""
        col = self.vocab.get(token)
        if col is None:
            return False
        key = np.int32(row)  # of the postings' own type: a Python int would make numpy convert them all
        for fi in self.fields.values():
            a, b = int(fi.indptr[col]), int(fi.indptr[col + 1])
            if a < b:
                postings = fi.indices[a:b]
                i = int(postings.searchsorted(key))
                if i < b - a and int(postings[i]) == row:
                    return True
        return False

    def contains_rows(self, token: str, rows: np.ndarray) -> np.ndarray:
        """For each of ``rows``, whether that document has ``token`` in any field (:meth:`contains` for
        many rows: one binary search of the postings per field for all of them)."""
        rows = np.asarray(rows, dtype=np.int32)
        found = np.zeros(len(rows), dtype=bool)
        col = self.vocab.get(token)
        if col is None or not len(rows):
            return found
        for fi in self.fields.values():
            a, b = int(fi.indptr[col]), int(fi.indptr[col + 1])
            if a < b:
                found |= _find(fi.indices[a:b], rows)[0]
        return found

    def _columns(self, weights: Mapping[str, float]) -> Iterator[tuple[np.ndarray, np.ndarray, np.float32]]:
        """(document indices, contributions, query weight x field weight) of each non-empty (field, token)
        column of the query, fields outer and tokens inner: the order every score is summed in."""
        cols = [(self.vocab[t], w) for t, w in weights.items() if t in self.vocab]
        for f, fi in self.fields.items():
            fw = self.field_weights.get(f, 1.0 if f == config.CONCEPT_FIELD else 0.0)
            if fw == 0.0 or not fi.data.size:
                continue
            for col, qw in cols:
                a, b = int(fi.indptr[col]), int(fi.indptr[col + 1])
                if a < b:
                    yield fi.indices[a:b], fi.data[a:b], np.float32(qw * fw)

    def scores(self, weights: Mapping[str, float]) -> np.ndarray:
        """Field-weighted BM25 score of every document for query tokens with these weights.

        A column holds each document at most once, so every (field, token) adds its contributions in
        place (``total[docs] += ...``): no concatenated postings and no float64 array over the catalogue
        per field (with a common word among a million items that was half of a search)."""
        total = np.zeros(self.n_docs, dtype=np.float32)
        for docs, data, weight in self._columns(weights):
            total[docs] += data * weight
        return total

    def scores_at(self, weights: Mapping[str, float], rows: np.ndarray) -> np.ndarray:
        """:meth:`scores` of ``rows`` only (the same float32 sums in the same order): one binary search of
        each token's postings for all of them instead of a pass over the postings."""
        rows = np.asarray(rows, dtype=np.int32)
        total = np.zeros(len(rows), dtype=np.float32)
        if not len(rows):
            return total
        for docs, data, weight in self._columns(weights):
            hit, at = _find(docs, rows)
            total[hit] += data[at[hit]] * weight
        return total


def _find(postings: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For sorted, non-empty ``postings``: whether each of ``rows`` is among them, and where it is (or
    would be)."""
    at = np.minimum(postings.searchsorted(rows), len(postings) - 1)
    return postings[at] == rows, at
