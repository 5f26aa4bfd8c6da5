"""Property test of the population imports (JSON-stat and the flattened CSV): any file gives a report or
OutlookImportError, never another exception, and a refused file changes nothing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samskap.core.tests.fuzz import FUZZ_DB, checksum, mutated
from samskap.core.tests.test_importer_properties import FLAT_CSV, JSONSTAT, PROJECTION, edited_jsonstat
from samskap.outlook import actions
from samskap.outlook.models import DataImport, PopulationFigure


def _tables():  # type: ignore[no-untyped-def]
    return [PopulationFigure.objects.all(), DataImport.objects.all()]


@pytest.mark.postgres
@FUZZ_DB
@given(st.one_of(st.binary(max_size=1500), mutated(JSONSTAT), mutated(PROJECTION), edited_jsonstat()),
       st.booleans())
def test_any_json_stat_file_imports_or_fails_cleanly(reference, data, allow_unmapped):
    before = checksum(_tables())
    try:
        report = actions.import_jsonstat(data, source_name="fuzz.json",
                                         allow_unmapped=allow_unmapped, actor=actions.SYSTEM)
    except actions.OutlookImportError as exc:
        assert exc.messages and all(exc.messages)
        assert checksum(_tables()) == before
    else:
        assert report.figures > 0


@pytest.mark.postgres
@FUZZ_DB
@given(st.one_of(st.binary(max_size=1500), mutated(FLAT_CSV[:3000])))
def test_any_flat_csv_imports_or_fails_cleanly(reference, data):
    before = checksum(_tables())
    try:
        actions.import_flat_csv(data, source_name="14288_fuzz.csv", actor=actions.SYSTEM)
    except actions.OutlookImportError as exc:
        assert exc.messages and all(exc.messages)
        assert checksum(_tables()) == before
