"""Property test of the catalogue import: any JSONL gives an import or CatalogImportError naming lines,
never another exception, and a refused file changes nothing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samskap.core.actors import SYSTEM
from samskap.core.tests.fuzz import FUZZ_DB, checksum, mutated
from samskap.core.tests.test_importer_properties import CATALOG, catalog_line
from samskap.matching import actions
from samskap.matching.catalog_file import CatalogImportError
from samskap.matching.models import CatalogItem

lines = st.lists(catalog_line, min_size=1, max_size=4).map(
    lambda items: "\n".join(__import__("json").dumps(x, allow_nan=True) for x in items).encode(
        "utf-8", "surrogatepass"))


@pytest.mark.postgres
@FUZZ_DB
@given(st.one_of(st.binary(max_size=1500), mutated(CATALOG[:2000]), lines))
def test_any_catalogue_file_imports_or_fails_cleanly(db, data):
    before = checksum([CatalogItem.objects.all()])
    try:
        actions.import_catalog(data, actor=SYSTEM)
    except CatalogImportError as exc:
        assert exc.errors and all(e.startswith(("Line ", "Linje ", "The file", "Filen ", "Fila ")) for e in exc.errors), exc.errors
        assert checksum([CatalogItem.objects.all()]) == before
