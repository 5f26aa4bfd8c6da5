"""Property test of the municipality import: any file gives a report or KlassFormatError (with rows),
never another exception, and a refused file changes nothing."""

from __future__ import annotations

from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samskap.core.tests.fuzz import FUZZ_DB, cell_text, checksum, mutated
from samskap.directory import klass
from samskap.directory.actions import import_municipalities
from samskap.directory.models import County, Municipality, Organisation

KLASS = resources.files("samskap.directory").joinpath("data", "klass131_kommuner.csv").read_bytes()
HEADER = '"code","parentCode","level","name","shortName","presentationName","validFrom","validTo","notes"\n'


def _tables():  # type: ignore[no-untyped-def]
    return [Municipality.objects.all(), County.objects.all(), Organisation.objects.all()]


rows = st.lists(st.tuples(st.one_of(st.sampled_from(["5006", "5007", "5001", "0301", "9999", "7777"]), cell_text),
                          cell_text), max_size=8).map(
    lambda rs: (HEADER + "".join(f'"{c}",,"1","{n}","","",,,""\n' for c, n in rs)).encode("utf-8", "surrogatepass"))


@pytest.mark.postgres
@FUZZ_DB
@given(st.one_of(st.binary(max_size=1500), mutated(KLASS), rows), st.booleans())
def test_any_municipality_file_imports_or_fails_cleanly(reference, coordinator, data, dry_run):
    before = checksum(_tables())
    try:
        report = import_municipalities(data, actor=coordinator.user, dry_run=dry_run)
    except klass.KlassFormatError as exc:
        assert exc.errors and all(isinstance(e, str) and e for e in exc.errors)
        assert checksum(_tables()) == before
    else:
        assert len(report.retired) <= 10  # more is refused without allow_retire
        if dry_run:
            assert checksum(_tables()) == before
