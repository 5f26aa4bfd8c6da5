"""The relevance floor on a realistic catalogue (the 220 items of bench/data/catalogue.jsonl):
queries made only of common municipal words get no suggestion above it; a specific one keeps its
item."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from samskap.matching import engine
from samskap.matching.engine import Index, Item

DATA = Path(__file__).resolve().parents[3] / "bench" / "data" / "catalogue.jsonl"
KINDS = ("person", "group", "instrument", "case", "need")


@pytest.fixture(scope="module")
def index() -> Index:
    items = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            items.append(Item(id=d["id"], kind=d["kind"], title=d["title"], text=d["text"],
                              keywords=d.get("keywords", []), organisation=d.get("organisation", ""),
                              language=d.get("language", "nb")))
    return Index(items, engine.embed_passages(items))


@pytest.mark.parametrize("query", ["kommune", "kommunen vår", "tjenester i kommunen", "Hva gjør kommunen?"])
def test_a_query_of_common_words_only_has_no_match_above_the_floor(index: Index, query: str) -> None:
    for kind in KINDS:
        res = index.search(query, kinds=[kind], top=5)
        assert res, "the items are found; only the floor leaves them out"
        assert engine.above_floor(res) == []


def test_a_specific_query_keeps_its_item_above_the_floor(index: Index) -> None:
    res = index.search("Blodforgifting hos bebuarar på sjukeheimen blir oppdaga for seint", kinds=["need"], top=5)
    kept = engine.above_floor(res)
    assert kept and kept[0].id == "n001"
    res = index.search("lege og forsker i akuttmedisin, sepsis", kinds=["person"], top=5)
    assert "p002" in [m.id for m in engine.above_floor(res)]
