"""Completeness rules (pure): every section filled in, long enough and in plain language."""

import pytest

from samskap.knowledge import completeness
from samskap.knowledge.tests.factories import COMPLETE

SECTIONS = {k: COMPLETE[k] for k in completeness.MIN_LENGTH}


def test_complete_case_has_no_problems():
    assert completeness.check(SECTIONS) == {}
    assert completeness.is_complete(SECTIONS)


@pytest.mark.parametrize("section", list(completeness.MIN_LENGTH))
def test_missing_section_is_reported_for_that_section(section):
    problems = completeness.check({**SECTIONS, section: "   "})
    assert list(problems) == [section]
    assert problems[section][0].code == "missing"


def test_too_short_section_states_length_and_limit():
    problems = completeness.check({**SECTIONS, "novelty": "Noe nytt."})
    assert problems["novelty"] == [completeness.Problem("too_short", 9, completeness.MIN_LENGTH["novelty"])]


def test_lix_formula():
    # 7 words, 2 sentences, 2 long words (> 6 letters): 7/2 + 100*2/7 = 32.07
    stats = completeness.readability("Kommunen prøver nye ting. Innbyggerne liker det.")
    assert (stats.words, stats.sentences, stats.long_words) == (7, 2, 2)
    assert completeness.lix("Katten sitter på matta.") == pytest.approx(4.0)
    assert stats.lix == pytest.approx(7 / 2 + 100 * 2 / 7)


HARD = ("Implementeringen av velferdsteknologiske løsninger forutsetter organisasjonsutvikling, "
        "kompetansehevingstiltak og tverrsektorielle samhandlingsarenaer mellom spesialisthelsetjenesten "
        "og kommunehelsetjenesten, samt kontinuerlig gevinstrealiseringsarbeid i driftsorganisasjonen, "
        "hvilket innebærer betydelige ressursmessige konsekvenser for virksomhetene.")


def test_hard_to_read_text_is_refused():
    problems = completeness.check({**SECTIONS, "summary": HARD})
    codes = [p.code for p in problems["summary"]]
    assert "hard_to_read" in codes
    lix = next(p for p in problems["summary"] if p.code == "hard_to_read")
    assert lix.value > completeness.MAX_LIX and lix.limit == completeness.MAX_LIX


def test_long_sentences_are_refused_even_with_short_words():
    sentence = " ".join(["vi og de tok en tur ut i sola med en hund"] * 4) + "."
    problems = completeness.check({**SECTIONS, "results": sentence * 2})
    assert "long_sentences" in [p.code for p in problems["results"]]


def test_readability_applies_to_prose_only():
    partners = "Velferdsteknologiprogrammet, Kommunesektorens organisasjon, Helsedirektoratet"
    assert completeness.check({**SECTIONS, "partners": partners}) == {}


def test_links_must_be_web_addresses():
    problems = completeness.check({**SECTIONS, "links": "https://ks.no\nse kommunens nettside"})
    assert problems["links"] == [completeness.Problem("bad_link", "se kommunens nettside")]


def test_nynorsk_plain_text_passes():
    text = ("Kommunen har teke i bruk ein ny app. Han minner brukaren på medisinen. Fleire kan bu trygt "
            "heime lenger. Brukarane var med og laga løysinga i fjor vinter.")
    assert completeness.check({**SECTIONS, "summary": text}) == {}
