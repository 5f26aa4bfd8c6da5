"""Fetch population figures from Statistics Norway's API (v0, JSON-stat 2.0). No Django imports.

    samskap outlook import --from-ssb

1. Observed population by age, table 07459 ("Befolkning, etter region, kjønn, alder, statistikkvariabel og
   år"): `POST https://data.ssb.no/api/v0/no/table/07459/` with a JSON query for today's municipalities,
   single years of age 0-105+, both sexes and the newest year(s), `"response": {"format": "json-stat2"}`.
2. The newest population projection: projection table ids change every round (12882 for 2020, 14288 for
   2024), so the table is looked up with `GET https://data.ssb.no/api/v0/no/table/?query=framskrevne+folkemengde`
   and the newest table whose title says "Framskrevet folkemengde" by region/municipality is chosen
   (`pick_projection_table`). Its metadata (`GET .../table/{id}/`) gives the variables; the query asks for
   today's municipalities, single years of age, the alternatives MMMM, HHMH and LLML and every year.
   (PxWebApi v2 offers the same search at `https://data.ssb.no/api/pxwebapi/v2/tables?query=...` and data at
   `.../tables/{id}/data`; Samskap uses v0, whose query format the shipped fixtures record.)

SSB limits a query to 800 000 cells and about 30 queries a minute, so queries are split by municipality
(at most CELL_LIMIT cells each) and spaced PAUSE_SECONDS apart. The responses are parsed here and imported
by `samskap.outlook.actions.import_tables` in one transaction.

This needs the internet and is not run by the tests; the pure parts (table choice, query building,
parsing and merging the chunks) are tested with a fake `fetch`.
"""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from samskap.outlook.jsonstat import (
    AGE_IDS,
    REGION_IDS,
    SEX_IDS,
    TIME_IDS,
    TOTAL,
    ParsedTable,
    age_group_of,
    normalise_region,
    parse,
    parse_age,
)

API_V0 = "https://data.ssb.no/api/v0/no/table/"
OBSERVED_TABLE = "07459"
PROJECTION_QUERY = "framskrevne folkemengde"
ALTERNATIVES = ("MMMM", "HHMH", "LLML")
CELL_LIMIT = 300_000
PAUSE_SECONDS = 2.5
USER_AGENT = "Samskap/0.1 (municipal FoUI platform; population outlook import)"

Fetch = Callable[[str, dict[str, Any] | None], bytes]


class SsbError(RuntimeError):
    pass


def urllib_fetch(url: str, body: dict[str, Any] | None = None, *, timeout: float = 120,
                 retries: int = 3) -> bytes:
    """GET (body None) or POST a JSON body; retries on 429 and 5xx with a growing pause."""
    data = json.dumps(body).encode() if body is not None else None
    headers = {"User-Agent": USER_AGENT, "Accept": "application/json"}
    if data is not None:
        headers["Content-Type"] = "application/json"
    for attempt in range(retries + 1):
        request = urllib.request.Request(url, data=data, headers=headers, method="POST" if data else "GET")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (fixed https host)
                return bytes(response.read())
        except urllib.error.HTTPError as exc:
            if exc.code in {429, 500, 502, 503, 504} and attempt < retries:
                time.sleep(10 * (attempt + 1))
                continue
            detail = exc.read()[:300].decode("utf-8", "replace")
            raise SsbError(f"SSB answered {exc.code} for {url}: {detail}") from exc
        except urllib.error.URLError as exc:
            if attempt < retries:
                time.sleep(5 * (attempt + 1))
                continue
            raise SsbError(f"Cannot reach {url}: {exc.reason}") from exc
    raise SsbError(f"No answer from {url}")  # pragma: no cover


# --- choosing the newest projection table ----------------------------------------------------------------

@dataclass(frozen=True)
class TableInfo:
    id: str
    title: str
    published: str = ""


def _last_year(title: str) -> int:
    years = [int(y) for y in re.findall(r"\b(20\d\d)\b", title)]
    return max(years) if years else 0


def pick_projection_table(results: Iterable[dict[str, Any]]) -> TableInfo | None:
    """The newest "Framskrevet folkemengde" table by region/municipality among search results.

    Accepts v0 search results ({"id", "title", "published"}) and PxWebApi v2 table lists ({"id", "label",
    "updated"/"firstPeriod"/"lastPeriod"}). Newest = latest published date, then highest table id.
    """
    candidates = []
    for item in results:
        table_id = str(item.get("id", "")).strip()
        title = str(item.get("title") or item.get("label") or "")
        lowered = title.lower()
        if not table_id or "framskr" not in lowered or "folkemengde" not in lowered:
            continue
        if not re.search(r"kommune|region|\(k\)", lowered):
            continue
        if re.search(r"\bfylke", lowered) and not re.search(r"kommune|\(k\)", lowered):
            continue
        published = str(item.get("published") or item.get("updated") or "")
        candidates.append(TableInfo(table_id, title, published))
    if not candidates:
        return None
    candidates.sort(key=lambda t: (t.published[:10], int(re.sub(r"\D", "", t.id) or 0), _last_year(t.title)),
                    reverse=True)
    return candidates[0]


def find_projection_table(fetch: Fetch = urllib_fetch, query: str = PROJECTION_QUERY) -> TableInfo:
    url = API_V0 + "?" + urllib.parse.urlencode({"query": query})
    results = json.loads(fetch(url, None))
    table = pick_projection_table(results if isinstance(results, list) else results.get("tables", []))
    if table is None:
        raise SsbError(f"No projection table by municipality found by searching for '{query}'.")
    return table


# --- queries ---------------------------------------------------------------------------------------------

def _variable(variables: Sequence[dict[str, Any]], names: set[str], *, time: bool = False) -> dict[str, Any] | None:
    for variable in variables:
        if time and variable.get("time"):
            return variable
    for variable in variables:
        if str(variable.get("code", "")).lower() in names:
            return variable
    return None


def _age_values(variable: dict[str, Any]) -> list[str]:
    """Single years of age (and the open top group) if the table has them, else ranges within one group."""
    singles: list[str] = []
    ranges: list[str] = []
    for code, text in zip(variable["values"], variable.get("valueTexts", variable["values"]), strict=False):
        parsed = parse_age(code, text)
        if parsed is None or parsed == TOTAL:
            continue
        assert isinstance(parsed, tuple)
        if age_group_of(*parsed) is None:
            continue
        (singles if parsed[0] == parsed[1] or parsed[1] is None else ranges).append(code)
    return singles or ranges


def build_queries(metadata: dict[str, Any], municipality_codes: Iterable[str], *,
                  alternatives: Sequence[str] | None = None, last_years: int | None = None,
                  cell_limit: int = CELL_LIMIT) -> list[dict[str, Any]]:
    """v0 queries (json-stat2) for today's municipalities, split so none exceeds cell_limit cells."""
    variables = metadata.get("variables") or []
    wanted = set(municipality_codes)
    region = _variable(variables, REGION_IDS)
    tid = _variable(variables, TIME_IDS, time=True)
    if region is None or tid is None:
        raise SsbError("The table has no region or no time variable.")
    region_values = [v for v in region["values"] if normalise_region(v) in wanted]
    if not region_values:
        raise SsbError("The table has no values for today's municipalities.")
    selections: list[dict[str, Any]] = []
    counts = 1
    for variable in variables:
        code = variable["code"]
        if variable is region:
            continue
        if variable is tid:
            values = list(variable["values"])[-last_years:] if last_years else list(variable["values"])
        elif code.lower() in AGE_IDS:
            values = _age_values(variable)
            if not values:
                raise SsbError(f"The table's age variable '{code}' has no ages Samskap can group.")
        elif code.lower() in SEX_IDS:
            if variable.get("elimination"):
                continue  # SSB sums it for us
            values = list(variable["values"])
        elif alternatives and any(re.search(rf"\b{a}\b", str(t)) for t in variable.get("valueTexts", [])
                                  for a in alternatives):
            values = [v for v, t in zip(variable["values"], variable["valueTexts"], strict=False)
                      if any(re.search(rf"\b{a}\b", str(t)) for a in alternatives)]
        elif variable.get("elimination"):
            continue
        else:
            persons = [v for v, t in zip(variable["values"], variable.get("valueTexts", variable["values"]),
                                         strict=False) if "person" in str(t).lower()]
            values = persons[:1] or list(variable["values"])[:1]
        counts *= len(values)
        selections.append({"code": code, "selection": {"filter": "item", "values": values}})
    per_chunk = max(1, cell_limit // max(counts, 1))
    queries = []
    for start in range(0, len(region_values), per_chunk):
        chunk = region_values[start:start + per_chunk]
        queries.append({
            "query": [{"code": region["code"], "selection": {"filter": "item", "values": chunk}}, *selections],
            "response": {"format": "json-stat2"},
        })
    return queries


def fetch_table(table_id: str, queries: Sequence[dict[str, Any]], fetch: Fetch = urllib_fetch,
                pause: float = PAUSE_SECONDS) -> ParsedTable:
    """Run the queries and merge the parsed parts into one table."""
    url = f"{API_V0}{table_id}/"
    merged: ParsedTable | None = None
    for number, query in enumerate(queries):
        if number and pause:
            time.sleep(pause)
        part = parse(fetch(url, query), table_id=table_id)
        if merged is None:
            merged = part
        else:
            merged.merge(part)
    if merged is None:
        raise SsbError(f"No queries for table {table_id}.")
    return merged


def fetch_observed(municipality_codes: Iterable[str], *, years: int = 1, fetch: Fetch = urllib_fetch,
                   pause: float = PAUSE_SECONDS, cell_limit: int = CELL_LIMIT) -> tuple[ParsedTable, str]:
    metadata = json.loads(fetch(f"{API_V0}{OBSERVED_TABLE}/", None))
    queries = build_queries(metadata, municipality_codes, last_years=years, cell_limit=cell_limit)
    return fetch_table(OBSERVED_TABLE, queries, fetch, pause), f"{API_V0}{OBSERVED_TABLE}/"


def fetch_projection(municipality_codes: Iterable[str], *, fetch: Fetch = urllib_fetch,
                     pause: float = PAUSE_SECONDS, cell_limit: int = CELL_LIMIT) -> tuple[ParsedTable, str]:
    info = find_projection_table(fetch)
    time.sleep(pause)
    metadata = json.loads(fetch(f"{API_V0}{info.id}/", None))
    queries = build_queries(metadata, municipality_codes, alternatives=ALTERNATIVES, cell_limit=cell_limit)
    table = fetch_table(info.id, queries, fetch, pause)
    if not table.title:
        table.title = info.title
    return table, f"{API_V0}{info.id}/"
