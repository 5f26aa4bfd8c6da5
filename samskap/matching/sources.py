"""The catalogue contract: how domain apps hand their objects to brokering.

Each source module (see SOURCES) exposes::

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

Writers send `samskap.core.signals.catalogue_changed` after commit (kind=..., pk=..., deleted=bool) and
the matching app re-indexes that object in the background.
"""

# kind -> (module, function); the function has the signature of `entries` above.
SOURCES = {
    "person": ("samskap.directory.catalog", "person_entries"),
    "group": ("samskap.directory.catalog", "group_entries"),
    "need": ("samskap.needs.catalog", "entries"),
    "instrument": ("samskap.funding.catalog", "entries"),
    "case": ("samskap.knowledge.catalog", "entries"),
}
KINDS = ("person", "group", "instrument", "case", "need")
