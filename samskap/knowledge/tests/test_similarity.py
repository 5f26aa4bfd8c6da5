"""The similar-cases fallback counts content words only (the shared stop words and its own)."""

from __future__ import annotations

from samskap.knowledge.similarity import CaseInfo, score, stems


def test_function_words_and_kommune_are_not_shared_words():
    # "derfor" and "dersom" come from the shared list, "kommunen" and "gjennom" from the fallback's own
    assert stems("Kommunen har derfor gjennom dette testet velferdsteknologi dersom mulig") == {
        "testet", "velferd", "mulig"}
    a = CaseInfo(1, "health", "service", "Kommunen har derfor innført sensorer")
    b = CaseInfo(2, "culture", "product", "Kommunen har derfor kjøpt båter")
    assert score(a, b) == 0.0
