"""Shared Hypothesis settings and strategies for the importer property tests.

The settings are bounded and derandomized (a fixed seed, no example database), so the property tests run
the same examples in every run and in CI, in well under a minute together. For a longer, random search set
SAMSKAP_FUZZ_EXAMPLES (e.g. 2000) and SAMSKAP_FUZZ_RANDOM=1.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("SAMSKAP_FUZZ_EXAMPLES", "80"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=not os.environ.get("SAMSKAP_FUZZ_RANDOM"),
                database=None, print_blob=False,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large, HealthCheck.filter_too_much])
FUZZ_DB = settings(FUZZ, max_examples=max(1, EXAMPLES // 2))  # examples that write to the database are slower

# Cell texts that have broken importers: formulas, huge and odd numbers, control and format characters,
# separators, quotes, byte-order marks, very long texts, text in other scripts.
NASTY = ["=HYPERLINK(\"http://evil.example/\",\"Klikk\")", "=1+2", "+47 99", "-1", "@SUM(A1)", "1e309", "-0",
         "NaN", "inf", "9" * 400, "0x1F", "1,5", "1 000", "\x00", "\x0b", "\x1c", "\u2028", "\u200b", "\ufeff",
         "\ud7ff", "\"", "\"\"", ";", ",", "\t", "\r", "\n", "ja", "nei", "x", "K-5006", "9999", "Økt 1 valg 1",
         "Fornavn", "Etternavn", "Organisasjon", "E-post", "Verkstedtema økt 1", "Tema 1: Folkehelse",
         "Steinkjer kommune", "NTNU", "a" * 5000, "ÆØÅ æøå", "Ã¸", "Čeština", "日本語", "🙂"]

cell_text = st.one_of(st.sampled_from(NASTY), st.text(max_size=30),
                      st.integers(min_value=-(10**30), max_value=10**30).map(str),
                      st.floats(allow_nan=True, allow_infinity=True).map(repr))


def mutated(valid: bytes) -> st.SearchStrategy[bytes]:
    """``valid`` with a few random edits: bytes flipped, cut off, inserted or a span repeated."""

    @st.composite
    def build(draw: Any) -> bytes:
        data = bytearray(valid)
        for _ in range(draw(st.integers(min_value=1, max_value=4))):
            if not data:
                break
            kind = draw(st.sampled_from(["flip", "cut", "insert", "delete", "repeat"]))
            pos = draw(st.integers(min_value=0, max_value=len(data) - 1))
            if kind == "flip":
                data[pos] = draw(st.integers(min_value=0, max_value=255))
            elif kind == "cut":
                del data[pos:]
            elif kind == "insert":
                data[pos:pos] = draw(st.binary(min_size=1, max_size=20)) + draw(st.sampled_from(
                    [b"", *(t.encode("utf-8", "surrogatepass") for t in NASTY[:25])]))
            elif kind == "delete":
                del data[pos:pos + draw(st.integers(min_value=1, max_value=50))]
            else:
                end = min(len(data), pos + draw(st.integers(min_value=1, max_value=40)))
                data[pos:pos] = data[pos:end] * draw(st.integers(min_value=1, max_value=5))
        return bytes(data)

    return build()


def encoded(text: str) -> st.SearchStrategy[bytes]:
    """``text`` in an encoding an importer may or may not expect."""
    encodings = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252", "latin-1", "utf-32", "cp865"]
    return st.sampled_from(encodings).map(lambda e: text.encode(e, errors="replace"))


def checksum(querysets: Iterable[Any]) -> str:
    """A digest of every row of the given querysets (all fields), to compare before and after a failure."""
    digest = hashlib.sha256()
    for qs in querysets:
        for row in qs.order_by("pk").values_list():
            digest.update(repr(row).encode("utf-8", "surrogatepass"))
        digest.update(b"|")
    return digest.hexdigest()
