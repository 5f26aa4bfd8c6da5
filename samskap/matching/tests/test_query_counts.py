"""A need's suggestion panel and the search page ("Finn kompetanse") answer with a fixed number of queries,
however large the catalogue and however many decisions were taken."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from samskap.core.actors import SYSTEM
from samskap.core.tests.querycount import assert_constant_queries
from samskap.matching import actions, services
from samskap.matching.models import CatalogItem, Suggestion
from samskap.needs.models import Need

DATA = Path(__file__).parent / "data"
_seq = itertools.count()


@pytest.fixture
def catalog(db):
    services.reset_cache()
    actions.import_catalog((DATA / "catalog.jsonl").read_bytes(), actor=SYSTEM)
    services.embed_pending()
    yield
    services.reset_cache()


def add_items(k: int) -> None:
    """k more experts and groups about the elderly (they all match the queries below)."""
    lines = []
    for _ in range(k):
        n = next(_seq)
        lines.append(json.dumps({
            "id": f"x-{n}", "kind": "person" if n % 2 else "group", "title": f"Forsker {n}",
            "text": f"Velferdsteknologi og digital hjemmeoppfølging av eldre som bor hjemme, studie {n}.",
            "organisation": "NTNU", "keywords": ["velferdsteknologi"], "language": "nb"}))
    actions.import_catalog("\n".join(lines).encode(), actor=SYSTEM)
    services.embed_pending()


def test_search_page(client, catalog):
    assert_constant_queries(client, "/megling/?q=velferdsteknologi+for+eldre+som+bor+hjemme", add_items)


@pytest.mark.parametrize("htmx", [True, False])
def test_suggestion_panel(client, catalog, coordinator, htmx):
    need = Need.objects.create(municipality_id="5006", title="Eldre som bor hjemme",
                               description="Velferdsteknologi og digital hjemmeoppfølging av eldre.", sector="health")
    client.force_login(coordinator.user)

    def grow(k: int) -> None:
        add_items(k)
        for item in CatalogItem.objects.filter(external_id__startswith="x-").exclude(suggestions__need=need)[:k]:
            Suggestion.objects.create(need=need, item=item, decision="accepted" if item.pk % 2 else "rejected")
    assert_constant_queries(client, f"/megling/behov/{need.pk}/forslag/", grow,
                            headers={"HX-Request": "true"} if htmx else None)
