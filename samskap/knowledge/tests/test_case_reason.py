"""A suggested case says who tried it, when and how far it got, in words and in the page's language."""

from django.utils.translation import override

from samskap.knowledge.reasons import reason_for


def test_case_reason_uses_names_and_the_stage_label_not_codes():
    meta = {"municipality_names": ["Steinkjer", "Verdal"], "year": 2019, "stage": "testing"}
    with override("nb"):
        text = reason_for(meta)
    assert "Steinkjer og Verdal" in text and "2019" in text
    assert "testing" not in text  # the stage's code is never shown


def test_case_reason_in_nynorsk_and_english():
    meta = {"municipality_names": ["Surnadal"], "year": 2021, "stage": "implemented"}
    with override("en"):
        assert reason_for(meta) == "Tried by Surnadal in 2021 · Implemented"
    with override("nn"):
        assert "Surnadal" in reason_for(meta) and "Tried by" not in reason_for(meta)


def test_items_indexed_with_codes_only_get_names_from_the_directory(reference):
    with override("nb"):
        text = reason_for({"municipalities": ["5006"], "year": 2018, "stage": "bogus"})
    assert "Steinkjer" in text and "5006" not in text and "bogus" not in text


def test_nothing_known_gives_an_empty_reason():
    assert reason_for({}) == ""
