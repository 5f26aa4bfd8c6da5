"""The catalogue contract: how domain apps hand their objects to brokering.

Each app whose objects can be brokered registers, from its ``AppConfig.ready()``, one function per kind::

    registry.add_catalogue_source("need", catalog.entries, order=50)   # samskap.core.registry

    def entries(pks: list[int] | None = None) -> list[dict]

returning one dict per object (all objects when pks is None, else only those pks that still exist):

    {
        "id": "instrument:12",        # external id: "<kind>:<pk>" for objects of our own models
        "kind": "instrument",         # person | group | instrument | case | need
        "title": str,
        "text": str,                  # the body that is indexed (no title)
        "organisation": str,
        "keywords": [str, ...],
        "language": "nb" | "nn" | "en",
        "meta": {...},                # JSON-safe facts for filters and reasons, e.g.
                                      #   need/case/person: {"municipalities": ["5006"], "counties": ["50"]}
                                      #   instrument: {"applicants": ["municipality", "county", ...],
                                      #                "deadlines": ["2027-02-15", ...], "rolling": bool,
                                      #                "research_partner_required": bool, "owner": str,
                                      #                "url": str}
        "url": "/finansiering/12/",   # where a person reads more
    }

The app that owns a source's models connects receivers for them with `samskap.core.signals.watch_catalogue`
(from its `ready()`): every save or delete, by any path (actions, admin, shell), sends `catalogue_changed`
after commit (kind=..., pk=..., deleted=bool) and the matching app re-indexes that object in the background.
The source decides what is listed: an object it no longer returns leaves the catalogue.
"""

from __future__ import annotations

from samskap.core.registry import CatalogueEntries, registry


def kinds() -> tuple[str, ...]:
    """The registered kinds, in their registered order (person, group, instrument, case, need)."""
    return tuple(source.kind for source in registry.catalogue_sources())


def source(kind: str) -> CatalogueEntries:
    """The ``entries`` function of a kind; KeyError for a kind no app registered."""
    registered = registry.catalogue_source(kind)
    if registered is None:
        raise KeyError(kind)
    return registered.entries
