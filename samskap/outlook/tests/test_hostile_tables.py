"""Tables the property tests found to crash the parser (AttributeError, RecursionError, OverflowError,
TypeError, UnicodeDecodeError, csv.Error, figures too large for the database): each is now a JsonStatError."""

from __future__ import annotations

import json

import pytest

from samskap.outlook import jsonstat
from samskap.outlook.shipped import fixture_bytes


def _doc(**changes):  # type: ignore[no-untyped-def]
    doc = json.loads(fixture_bytes("sample_population_by_age.json"))
    doc.update(changes)
    return doc


def _dumps(doc) -> bytes:  # type: ignore[no-untyped-def]
    return json.dumps(doc).encode()


def test_the_sample_still_parses():
    assert jsonstat.parse(fixture_bytes("sample_population_by_age.json")).cells


@pytest.mark.parametrize(("data", "message"), [
    (_dumps(_doc(extension="2024")), None),  # AttributeError: 'str' object has no attribute 'get'
    (b"[" * 5000 + b"]" * 5000, "nested more than 32 levels"),  # RecursionError
    (b'{"class": "dataset", "x": ' + b"[" * 40 + b"]" * 40 + b"}", "nested more than 32 levels"),
    (_dumps(_doc(value=[1e30] + _doc()["value"][1:])), "Some values are not numbers: 1e+30"),
    (_dumps(_doc(value=[10**30] + _doc()["value"][1:])), "Some values are not numbers"),
    (_dumps(_doc()).replace(b'"value": [2500', b'"value": [1e309'), "Some values are not numbers: inf"),
    (_dumps(_doc()).replace(b'"value": [2500', b'"value": [' + b"9" * 5000), "invalid JSON"),
    (_dumps(_doc()).replace(b'"value": [2500', b'"value": [NaN'), "invalid JSON"),
    (_dumps(_doc()).replace(b'"2022": 0', b'"2022": "0"'), "broken category index"),  # TypeError in sorted
    (_dumps(_doc(role={"geo": 5})), None),  # TypeError: 'int' object is not iterable
    (_dumps(_doc(value={"\u00b2": 5})), "keys outside the cube"),  # ValueError: int('²')
    (_dumps(_doc(label="A\u0000")), "NUL character"),
])
def test_hostile_json_stat_is_a_clear_error(data, message):
    try:
        jsonstat.parse(data)
    except jsonstat.JsonStatError as exc:
        assert message is None or message in str(exc), str(exc)
    else:
        assert message is None


def test_a_cube_too_large_to_loop_over_is_refused():
    size = 3000
    doc = {"class": "dataset", "version": "2.0", "id": ["Region", "Tid", "Kjonn"], "size": [size, size, size],
           "dimension": {d: {"category": {"index": [f"{d}{i}" if d != "Tid" else str(1000 + i)
                                                    for i in range(size)]}} for d in ("Region", "Tid", "Kjonn")},
           "value": {}}
    with pytest.raises(jsonstat.JsonStatError, match="describe 27000000000 cells"):
        jsonstat.parse(json.dumps(doc))


CODES = {"Agder": "42"}


@pytest.mark.parametrize(("data", "message"), [
    (b"\x80Tid,Agder_Hoved (MMMM)\n2024,1\n", "not UTF-8"),  # UnicodeDecodeError
    (b"Tid,Agder_Hoved (MMMM)\n2024,inf\n", "not a number: inf"),  # OverflowError
    (b"Tid,Agder_Hoved (MMMM)\n2024,1e30\n", "not a number: 1e30"),
    (b'Tid,Agder_Hoved (MMMM)\n2024,"' + b"1" * 200_000 + b'"\n', "unreadable CSV"),  # csv.Error
])
def test_hostile_flat_csv_is_a_clear_error(data, message):
    with pytest.raises(jsonstat.JsonStatError) as caught:
        jsonstat.parse_flat_projection_csv(data, CODES)
    assert message is None or message in str(caught.value), str(caught.value)


def test_sums_larger_than_any_population_are_refused():
    """Each value is plausible, but their sum over sex would overflow the database column (2**31 - 1)."""
    doc = _doc()
    doc["value"] = [90_000_000] * len(doc["value"])
    with pytest.raises(jsonstat.JsonStatError, match="more than any population"):
        jsonstat.parse(json.dumps(doc))
