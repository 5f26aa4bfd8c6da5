"""The suggestion panel is cached per process for the index view it was computed on, and a cached panel is
still filtered through the live visibility rules (issue 14: no search repeated for the same need; issue 11:
drafts and withdrawn items never shown, whatever state the index or the cache is in)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samskap.directory import testing
from samskap.directory.models import Municipality
from samskap.matching import services
from samskap.needs import actions as need_actions
from samskap.needs.models import Need


def _need(persona: testing.Persona, code: str, title: str, text: str, language: str = "nb") -> Need:
    return need_actions.submit_need(Municipality.objects.get(code=code), {
        "title": title, "sector": "health", "description": text, "language": language}, actor=persona.user)


@pytest.fixture
def needs(contact_steinkjer: testing.Persona, contact_surnadal: testing.Persona,
          contact_namsos: testing.Persona) -> tuple[Need, Need, Need]:
    a = _need(contact_steinkjer, "5006", "Rekruttering av sykepleiere",
              "Vi får ikke tak i sykepleiere til hjemmetjenesten.")
    b = _need(contact_surnadal, "1566", "Rekruttering av sjukepleiarar",
              "Vi får ikkje tak i sjukepleiarar til heimetenesta.", "nn")
    c = _need(contact_namsos, "5007", "Sykepleiere i hjemmetjenesten mangler",
              "Namsos mangler sykepleiere i hjemmetjenesten og på sykehjem.")
    services.reset_cache()
    services.clear_panel_cache()
    services.sync_kind("need")
    services.embed_pending()
    return a, b, c


def _ids(grouped: dict[str, Any]) -> dict[str, list[str]]:
    return {kind: [r.id for r in results] for kind, results in grouped.items()}


def test_a_second_panel_is_served_from_the_cache_without_searching(needs: Any) -> None:
    mine = needs[0]
    first = services.matches_for_need(mine)
    assert {f"need:{needs[1].pk}", f"need:{needs[2].pk}"} <= set(_ids(first)["need"])
    first["need"].clear()  # the caller's copy: the cache is not touched
    with CaptureQueriesContext(connection) as captured:
        second = services.matches_for_need(mine)
    assert _ids(second) == _ids(services.matches_for_need(mine))
    assert len(_ids(second)["need"]) >= 2
    # a hit searches nothing: only the live check (the rows, and one query per kind shown)
    assert len(captured.captured_queries) <= 1 + len(second) + 1, [q["sql"] for q in captured.captured_queries]


def test_a_cached_panel_still_hides_what_is_no_longer_visible(needs: Any) -> None:
    mine, theirs, _other = needs
    assert f"need:{theirs.pk}" in _ids(services.matches_for_need(mine))["need"]
    # Back to draft behind the catalogue's back (no signal, no new index version): the cache key is the same.
    Need.objects.filter(pk=theirs.pk).update(status="draft")
    assert f"need:{theirs.pk}" not in _ids(services.matches_for_need(mine))["need"]


def test_a_catalogue_change_gives_a_fresh_panel(needs: Any, coordinator: testing.Persona) -> None:
    mine = needs[0]
    before = _ids(services.matches_for_need(mine))["need"]
    new = _need(coordinator, "5001", "Rekruttering av sykepleiere til hjemmetjenesten",
                "Trondheim får ikke tak i sykepleiere til hjemmetjenesten.")
    services.sync_kind("need")
    services.embed_pending()
    services.reset_cache()  # the next read sees the new index version at once
    after = _ids(services.matches_for_need(mine))["need"]
    services.clear_panel_cache()
    assert after == _ids(services.matches_for_need(mine))["need"]  # the same as with no cache at all
    assert f"need:{new.pk}" in after and f"need:{new.pk}" not in before


def test_the_panel_for_another_language_is_not_the_cached_one(needs: Any) -> None:
    from django.utils import translation

    mine = needs[0]
    with translation.override("nb"):
        nb = services.matches_for_need(mine)
    with translation.override("en"):
        en = services.matches_for_need(mine)
    assert _ids(nb) == _ids(en)
    assert all(a is not b for a, b in zip(nb["need"], en["need"], strict=True))  # computed anew
