"""The thesaurus of municipal topics: file format, word and phrase matching, and its effect on search.

Pure engine tests (no database) except the last two, which check the explanation text shown in the
web, API and CLI.
"""

from __future__ import annotations

import numpy as np
import pytest

from samskap.core.actors import SYSTEM
from samskap.matching import concepts, engine, textnorm
from samskap.matching.engine import Index, Item

LONELINESS = Item(
    "p-ensom",
    "person",
    "Astrid Dal – forsker på sosial isolasjon blant eldre",
    "Dal forsker på ensomhet og sosial isolasjon i eldre år, og på møteplasser som frivillige driver.",
    organisation="NOVA, OsloMet",
)
DRINKING_WATER = Item(
    "p-vann",
    "person",
    "Jon Li – forsker på drikkevannsforsyning",
    "Li forsker på lekkasjer i ledningsnett og fornyelse av gamle vannledninger.",
    organisation="SINTEF",
)
PLAYGROUND = Item(
    "c-lek",
    "case",
    "Ny lekeplass i sentrum",
    "Kommunen bygde en lekeplass der barn leker ute hele året.",
    organisation="Levanger kommune",
)
CATALOGUE = [LONELINESS, DRINKING_WATER, PLAYGROUND]
ZERO = np.zeros((len(CATALOGUE), engine.EMBEDDING_DIM), np.float32)


def ids(matches):
    return [m.id for m in matches]


def test_shipped_thesaurus_loads_with_labels_in_both_written_standards():
    th = concepts.load_thesaurus()
    assert len(th) >= 60
    lonely = th.concepts["ensomhet"]
    assert lonely.label("nb") == "ensomhet" and lonely.label("nn") == "einsemd" and lonely.label("en") == "loneliness"
    assert lonely.label("se") == "ensomhet"  # other languages fall back to bokmål
    assert th.by_token(concepts.CONCEPT_PREFIX + "ensomhet") is lonely
    assert th.by_token("ensomhet") is None


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("ensomhet | ensomhet | einsemd | ensom", "line 2: expected"),
        ("to ord | a | b | c | d", "line 2: the key 'to ord'"),
        ("x | a | b | c | ", "line 2: labels and at least one term"),
        ("x | a | b |  | y", "line 2: labels and at least one term"),
    ],
)
def test_malformed_lines_are_reported_with_their_number(line, message):
    with pytest.raises(concepts.ThesaurusError, match=message):
        concepts.parse_thesaurus(["# comment", line])


def test_a_key_used_twice_is_refused():
    with pytest.raises(concepts.ThesaurusError, match="line 2: the key 'a' is used twice"):
        concepts.parse_thesaurus(["a | A | A | A | x", "a | A | A | A | y"])


def test_phrases_need_their_words_in_order_and_ignore_stop_words():
    th = concepts.parse_thesaurus(["ensomhet | ensomhet | einsemd | loneliness | bor alene, ingen å snakke med"])
    idx = Index([], np.zeros((0, engine.EMBEDDING_DIM), np.float32), thesaurus=th)
    m = th.matcher(idx.analyzer.word_key, textnorm.words)

    def keys(text: str) -> list[str]:
        return [idx.analyzer.word_key(w)[0] for w in textnorm.words(text)]

    assert [k for _, k in m.phrase_hits(keys("Mange eldre bor alene i bygda"))] == ["ensomhet"]
    assert m.phrase_hits(keys("Alene bor de ikke")) == []  # wrong order
    # the stop words of a phrase count: "ingen å snakke med" is not just "snakke"
    assert [k for _, k in m.phrase_hits(keys("Dei har ingen å snakke med"))] == ["ensomhet"]
    assert m.phrase_hits(keys("Vi må snakke med dei")) == []
    assert m.single == {}


def test_everyday_nynorsk_wording_finds_research_on_loneliness_without_shared_words():
    query = "Mange bur åleine og har ingen å prate med"
    without = Index(CATALOGUE, ZERO, concepts=False).search(query, mode="bm25")
    assert "p-ensom" not in ids(without)
    res = Index(CATALOGUE, ZERO).search(query, mode="bm25")
    assert ids(res)[:1] == ["p-ensom"]
    assert res[0].shared_concepts == ["ensomhet"]
    # the best sentence is the one that carries the concept
    assert "ensomhet" in res[0].best_sentence


def test_concepts_follow_nynorsk_inflection_and_spelling():
    idx = Index(CATALOGUE, ZERO)
    # "lekkasjane" (nn, definite plural) and "vassleidningane" reach the drinking-water researcher
    res = idx.search("Lekkasjane i vassleidningane våre", mode="bm25")
    assert ids(res)[:1] == ["p-vann"] and res[0].shared_concepts == ["vann"]
    # the nynorsk forms carry the concept themselves (through normalisation or the nynorsk terms)
    assert "§vann" in idx.analyzer.tokens_for_surface("vassleidningane")
    assert "§vann" in idx.analyzer.tokens_for_surface("lekkasjane")


def test_concepts_do_not_change_word_scores():
    """Concept tokens live in a field of their own: the word fields score exactly as without them."""
    query = "lekkasjer i ledningsnett"
    with_c = {m.id: m for m in Index(CATALOGUE, ZERO).search(query, mode="bm25")}
    without = {m.id: m for m in Index(CATALOGUE, ZERO, concepts=False).search(query, mode="bm25")}
    assert with_c["p-vann"].score > without["p-vann"].score  # the concept adds to the match
    assert with_c["p-vann"].shared_terms == without["p-vann"].shared_terms


def test_a_custom_thesaurus_replaces_the_shipped_one():
    th = concepts.parse_thesaurus(["lek | lek | leik | play | lekeplass, leikeplass, huske"])
    res = Index(CATALOGUE, ZERO, thesaurus=th).search("ei ny huske", mode="bm25")
    assert ids(res) == ["c-lek"] and res[0].shared_concepts == ["lek"]


@pytest.fixture
def lonely_catalogue(db):
    from samskap.matching import actions, services

    services.reset_cache()
    line = (
        '{"id": "p-ensom", "kind": "person", "title": "Astrid Dal – forsker på sosial isolasjon", '
        '"text": "Dal forsker på ensomhet blant eldre og på frivillige møteplasser.", '
        '"organisation": "NOVA", "keywords": [], "language": "nb"}\n'
    )
    actions.import_catalog(line.encode(), actor=SYSTEM)
    services.embed_pending()
    yield services
    services.reset_cache()


def test_the_reason_names_the_shared_topic_in_the_page_language(lonely_catalogue):
    from django.utils.translation import override

    services = lonely_catalogue
    with override("nb"):
        [r] = services.search("Bestefar bor alene og har ingen å snakke med", top=1)
        assert "ensomhet" in r.shared_concepts
        assert "ensomhet" in r.why.split("felles tema: ")[1]
    with override("nn"):
        [r] = services.search("Bestefar bur åleine og har ingen å snakke med", top=1)
        assert "einsemd" in r.why.split("felles tema: ")[1]
    with override("en"):
        [r] = services.search("Bestefar bor alene og har ingen å snakke med", top=1)
        assert "loneliness" in r.why.split("shared topics: ")[1]


def test_a_topic_that_is_also_a_shared_word_is_not_repeated(lonely_catalogue):
    from django.utils.translation import override

    with override("nb"):
        [r] = lonely_catalogue.search("eldre som bor alene", top=1)
    assert "eldre" in r.shared_terms and "eldre" in r.topics
    topics = r.why.split("felles tema: ")[1].split(";")[0]
    assert "ensomhet" in topics and "eldre" not in topics


def test_short_or_overcut_stems_match_only_their_spelling():
    """Snowball cuts "ledelse" to "led" (as in "ledige") and "tilgjengelighet" to "tilgjeng" (as in
    "tilgjengelig"): such terms must not tag every word that shares the stem."""
    th = concepts.parse_thesaurus([
        "ledelse | ledelse | leiing | leadership | ledelse",
        "tilgjengelighet | tilgjengelighet | tilgjenge | accessibility | tilgjengelighet",
    ])
    items = [Item("vacant", "case", "Ledige stillinger", "Bussen er tilgjengelig hele dagen."),
             Item("lead", "case", "God ledelse", "Tilgjengelighet for rullestolbrukere.")]
    idx = Index(items, np.zeros((2, engine.EMBEDDING_DIM), np.float32), thesaurus=th)
    tagged = {t for w in ("ledige", "tilgjengelig") for t in idx.analyzer.tokens_for_surface(w) if t[0] == "§"}
    assert tagged == set()
    assert "§ledelse" in idx.analyzer.tokens_for_surface("ledelse")
    assert "§tilgjengelighet" in idx.analyzer.tokens_for_surface("tilgjengelighet")
