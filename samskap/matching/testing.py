"""Test builders for brokering: two municipalities' needs on the same topic, one in bokmål and one in
nynorsk, indexed and embedded (the smallest shared challenge). Made through the actions."""

from __future__ import annotations

from typing import Any

from samskap.directory.models import Municipality
from samskap.matching import services
from samskap.needs import actions as need_actions
from samskap.needs.models import Call, Need


def shared_needs(steinkjer: Any, surnadal: Any, call: Call | None = None) -> tuple[Need, Need]:
    """Steinkjer's and Surnadal's recruitment needs (personas of samskap/directory/testing.py), indexed."""
    a = need_actions.submit_need(Municipality.objects.get(code="5006"), {
        "title": "Rekruttering av sykepleiere", "sector": "health",
        "description": "Vi får ikke tak i sykepleiere til hjemmetjenesten."}, actor=steinkjer.user, call=call)
    b = need_actions.submit_need(Municipality.objects.get(code="1566"), {
        "title": "Rekruttering av sjukepleiarar", "sector": "health", "language": "nn",
        "description": "Vi får ikkje tak i sjukepleiarar til heimetenesta."}, actor=surnadal.user, call=call)
    services.reset_cache()
    services.sync_kind("need")
    services.embed_pending()
    return a, b
