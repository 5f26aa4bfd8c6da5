"""The lexical build: the catalogue's words read once, in batches, and distinct values found by sorting.

Pure engine tests (no Django, no database). A straightforward reading, one word at a time, is the
reference the batched reading must equal.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from samskap.matching import textnorm
from samskap.matching.engine import Index, Item, arrays, config
from samskap.matching.engine.analyzer import READ_BATCH, Analyzer, _field_texts, read_words

TEXTS = [
    ("Ensomhet blant eldre", "Mange eldre bor alene og har ingen å prate med. Kommunen vil prøve besøksvenner."),
    ("Einsemd hjå eldre", "Fleire eldre bur åleine; kommunen vil prøve ut besøksvener og møteplassar."),
    ("Frafall i videregående", "Elever som står i fare for å slutte, og overgangen fra ungdomsskolen."),
    ("Matsvinn på sykehjem", "Kjøkken på hvert sykehjem: beboerne spiser mer, og svinnet går ned. Café Ørsta!"),
    ("", "Velferdsteknologi, digitalt tilsyn og trygghetsalarmer i hjemmetjenesten."),
]


def _catalogue(n: int) -> list[Item]:
    """``n`` items cycling through the texts, each with a word of its own (so every batch has new words)."""
    out = []
    for i in range(n):
        title, text = TEXTS[i % len(TEXTS)]
        out.append(Item(f"i{i}", ("need", "person", "case")[i % 3], title, f"{text} ord{i}",
                        keywords=[f"emne{i % 7}"], organisation="NTNU" if i % 2 else ""))
    return out


def _read_one_word_at_a_time(items: list[Item]) -> tuple[list[str], dict[str, list[int]], dict[str, list[int]]]:
    ids: dict[str, int] = {}
    flat: dict[str, list[int]] = {f: [] for f in config.FIELDS}
    lengths: dict[str, list[int]] = {f: [] for f in config.FIELDS}
    for it in items:
        for f, txt in _field_texts(it).items():
            ws = textnorm.words(txt)
            lengths[f].append(len(ws))
            for w in ws:
                flat[f].append(ids.setdefault(w, len(ids)))
    return list(ids), flat, lengths


def test_words_read_in_batches_are_numbered_as_if_read_one_at_a_time():
    items = _catalogue(2 * READ_BATCH + 17)  # three batches, the last one short
    words = read_words(items)
    surfaces, flat, lengths = _read_one_word_at_a_time(items)
    assert words.n_docs == len(items)
    assert words.surfaces == surfaces
    assert "ord4000" in words.surfaces  # a word first seen in the second batch
    for f in config.FIELDS:
        assert words.flat[f].tolist() == flat[f]
        assert words.lengths[f].tolist() == lengths[f]


def test_no_items_read_as_no_words():
    words = read_words([])
    assert words.surfaces == [] and all(len(words.flat[f]) == 0 for f in config.FIELDS)


def test_analysers_sharing_the_words_index_what_each_reads_itself():
    items = _catalogue(300)
    words = read_words(items)
    for make in (Analyzer, lambda: Analyzer(normalize=False, decompound=False, thesaurus=None, snowball=True)):
        shared, own = make(), make()
        a, b = shared.fit(items, words), own.fit(items)
        assert a.vocab == b.vocab and shared.known == own.known and shared.display == own.display
        for f in config.FIELDS:
            for x, y in zip(a.field_tokens(f), b.field_tokens(f), strict=True):
                assert np.array_equal(x, y)
        assert np.array_equal(a.concept_docs, b.concept_docs) and np.array_equal(a.concept_tokens, b.concept_tokens)


def test_words_of_other_items_are_refused():
    items = _catalogue(10)
    with pytest.raises(ValueError, match="same items"):
        Analyzer().fit(items, read_words(items[:9]))


def test_an_index_finds_a_word_first_seen_in_a_later_batch():
    items = _catalogue(READ_BATCH + 5)
    rng = np.random.default_rng(3)
    vectors = rng.standard_normal((len(items), config.EMBEDDING_DIM)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    items[-1] = dataclasses.replace(items[-1], text="Kystkultur og havbruk i Austevoll.")
    index = Index(items, vectors, ann_min_items=None)
    assert [m.id for m in index.search("havbruk", top=3, mode="bm25")] == [items[-1].id]


@given(st.lists(st.integers(min_value=-(2**62), max_value=2**62), max_size=300))
def test_distinct_values_by_sorting_equal_numpys(values):
    x = np.asarray(values, dtype=np.int64)
    assert np.array_equal(arrays.unique(x), np.unique(x))
    got, counts = arrays.unique_counts(x)
    want, want_counts = np.unique(x, return_counts=True)
    assert np.array_equal(got, want) and np.array_equal(counts, want_counts)
    assert got.dtype == x.dtype and counts.dtype == np.int64
