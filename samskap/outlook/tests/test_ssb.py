"""The SSB client without the network: table choice, query building and merging chunks (fake fetch).

`samskap outlook import --from-ssb` itself needs the internet and is not run here.
"""

import json

import pytest

from samskap.outlook import ssb
from samskap.outlook.shipped import fixture_bytes

SEARCH = [  # the shape of v0's GET /api/v0/no/table/?query=... (entries made up for the test)
    {"id": "12882", "title": "12882: Framskrevet folkemengde 1. januar, etter region, kjønn, alder og "
                               "statistikkvariabel 2020-2050", "published": "2020-06-30T08:00:00"},
    {"id": "14288", "title": "14288: Framskrevet folkemengde 1. januar, etter region, kjønn, alder, "
                               "statistikkvariabel og år 2024-2050", "published": "2024-06-12T08:00:00"},
    {"id": "14289", "title": "14289: Framskrevet folkemengde, etter fylke og alternativ 2024-2050",
     "published": "2024-06-12T08:00:00"},
    {"id": "13599", "title": "13599: Framskrevne dødsfall, etter kjønn og alder", "published": "2024-06-12"},
]

METADATA = {  # the shape of v0's GET /api/v0/no/table/{id}/
    "title": "Framskrevet folkemengde 1. januar",
    "variables": [
        {"code": "Region", "text": "region", "values": ["0", "50", "5006", "5007", "1566", "5053", "5099"],
         "valueTexts": ["Hele landet", "Trøndelag", "Steinkjer", "Namsos", "Surnadal", "Inderøy", "Old"]},
        {"code": "Kjonn", "text": "kjønn", "values": ["1", "2"], "valueTexts": ["Menn", "Kvinner"],
         "elimination": True},
        {"code": "Alder", "text": "alder", "values": ["000", "001", "F020-066", "105+", "999"],
         "valueTexts": ["0 år", "1 år", "20-66 år", "105 år eller eldre", "Alle aldre"]},
        {"code": "ContentsCode", "text": "statistikkvariabel", "values": ["Personer", "Personer1", "Personer2",
                                                                          "Personer3"],
         "valueTexts": ["Hovedalternativet (MMMM)", "Høy nasjonal vekst (HHMH)", "Lav nasjonal vekst (LLML)",
                        "Aldring (LKML)"]},
        {"code": "Tid", "text": "år", "values": [str(y) for y in range(2024, 2051)], "time": True},
    ],
}


def test_picks_the_newest_municipal_projection_table():
    assert ssb.pick_projection_table(SEARCH).id == "14288"
    assert ssb.pick_projection_table(SEARCH[:1]).id == "12882"
    assert ssb.pick_projection_table(SEARCH[2:]) is None
    v2 = [{"id": "15000", "label": "Framskrevet folkemengde, etter kommune, alder og år 2026-2050",
           "updated": "2026-06-15T06:00:00Z"}, *SEARCH]
    assert ssb.pick_projection_table(v2).id == "15000"


def test_queries_ask_for_todays_municipalities_single_ages_and_three_alternatives():
    queries = ssb.build_queries(METADATA, ["5006", "5007", "1566", "5053"], alternatives=ssb.ALTERNATIVES,
                                cell_limit=4 * 3 * 27 * 2)
    assert len(queries) == 2  # two municipalities per query
    first = {q["code"]: q["selection"]["values"] for q in queries[0]["query"]}
    assert first["Region"] == ["5006", "5007"]
    assert first["Alder"] == ["000", "001", "105+"]  # single years and the open top group; no totals
    assert first["ContentsCode"] == ["Personer", "Personer1", "Personer2"]
    assert "Kjonn" not in first  # SSB sums an eliminable variable
    assert len(first["Tid"]) == 27
    assert queries[0]["response"] == {"format": "json-stat2"}
    observed = ssb.build_queries(METADATA, ["5006"], last_years=1)
    assert {q["code"]: q["selection"]["values"] for q in observed[0]["query"]}["Tid"] == ["2050"]
    with pytest.raises(ssb.SsbError, match="no values for today's municipalities"):
        ssb.build_queries(METADATA, ["0301"])


def test_fetch_projection_merges_the_chunks():
    calls = []
    projection = json.loads(fixture_bytes("sample_projection_3alt.json"))

    def fake_fetch(url, body):
        calls.append((url, body))
        if "?query=" in url:
            return json.dumps(SEARCH).encode()
        if body is None:
            return json.dumps(METADATA).encode()
        regions = body["query"][0]["selection"]["values"]
        doc = json.loads(json.dumps(projection))
        category = doc["dimension"]["Region"]["category"]
        keep = [category["index"][r] for r in regions]
        size = doc["size"]
        block = size[1] * size[2] * size[3]
        values = {}
        for new, old in enumerate(keep):
            for i in range(block):
                values[str(new * block + i)] = doc["value"][str(old * block + i)]
        category["index"] = {r: n for n, r in enumerate(regions)}
        category["label"] = {r: category["label"][r] for r in regions}
        size[0] = len(regions)
        doc["value"] = values
        return json.dumps(doc).encode()

    table, url = ssb.fetch_projection(["5006", "5007", "1566", "5053"], fetch=fake_fetch, pause=0,
                                      cell_limit=2 * 3 * 3 * 27)  # two municipalities per query
    assert [len(body["query"][0]["selection"]["values"]) for _url, body in calls if body] == [2, 2]
    assert url == "https://data.ssb.no/api/v0/no/table/14288/"
    assert calls[0][0] == "https://data.ssb.no/api/v0/no/table/?query=framskrevne+folkemengde"
    assert table.table_id == "14288"
    assert set(table.regions) == {"5006", "5007", "1566", "5053"}
    assert table.cells[("5053", 2040, "80+", "MMMM")] == 480
