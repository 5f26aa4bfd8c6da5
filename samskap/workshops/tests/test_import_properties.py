"""Property test of the registration import: any file gives a successful import or ImportFailed with
messages, never another exception, and a failed import changes nothing in the database."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samskap.core.tests.fuzz import FUZZ_DB, checksum, mutated
from samskap.core.tests.test_importer_properties import REG_CSV, REG_XLSX, _xlsx, sheet
from samskap.workshops import actions
from samskap.workshops.models import Choice, Registration, Theme, WorkshopSession


def _tables():  # type: ignore[no-untyped-def]
    return [Registration.objects.all(), Theme.objects.all(), WorkshopSession.objects.all(), Choice.objects.all()]


@st.composite
def registration_file(draw):  # type: ignore[no-untyped-def]
    kind = draw(st.sampled_from(["bytes", "csv", "xlsx", "cells"]))
    if kind == "bytes":
        return draw(st.binary(max_size=2000)), draw(st.sampled_from(["p.csv", "p.xlsx"]))
    if kind == "csv":
        return draw(mutated(REG_CSV)), "p.csv"
    if kind == "xlsx":
        return draw(mutated(REG_XLSX)), "p.xlsx"
    rows = draw(sheet())
    data = _xlsx(rows) if draw(st.booleans()) else "\n".join(
        ";".join("" if c is None else str(c) for c in row) for row in rows).encode("utf-8", "surrogatepass")
    return (data or b""), "p.xlsx" if data and data.startswith(b"PK") else "p.csv"


@pytest.mark.postgres
@FUZZ_DB
@given(registration_file())
def test_any_registration_file_imports_or_fails_cleanly(coordinator, event, upload):
    data, name = upload
    before = checksum(_tables())
    try:
        result = actions.import_registrations(event, data, name, actor=coordinator.user)
    except actions.ImportFailed as exc:
        assert exc.errors and all(isinstance(e, str) and e for e in exc.errors)
        assert checksum(_tables()) == before
    else:
        assert result.created + len(result.warnings) >= 1
