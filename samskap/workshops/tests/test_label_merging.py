"""Theme-label merging: distinct labels never merge, spelling variants of one label always do.

Property tests (Hypothesis, the project's bounded profile) and the regression of a real registration file
whose themes are numbered "Tema 1.1: Utfordring 1-1" ... "Tema 1.20": before the fix, all twenty were read
as ONE theme ("Tema 1.1") and the planner reported an optimal plan for a problem that was not the
organiser's.
"""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command
from hypothesis import assume, given
from hypothesis import strategies as st

from samskap.core.tests.fuzz import FUZZ
from samskap.workshops.plancli import run_plan
from samskap.workshops.regimport import canonical_labels, parse_registrations, same_theme

# Content words (no small words, no code prefixes), pairwise at least two edits apart.
WORDS = [
    "helse", "eldre", "unge", "skole", "kompetanse", "samarbeid", "innovasjon", "bioøkonomi", "folkehelse",
    "næringsutvikling", "videregående", "anskaffelser", "digitalisering", "klimatilpasning", "boligpolitikk",
    "frivillighet", "kulturarv", "tjenester", "sykdom", "velferd", "omsorg", "rekruttering", "bærekraft",
    "mobilitet", "energi", "landbruk", "havbruk", "reiseliv", "beredskap", "integrering", "oppvekst",
    "barnehage", "forskning", "utdanning", "kommunen", "fylket", "regionen", "strategi", "laboratorium",
    "planlegging", "arealbruk", "vannforsyning", "avfall", "kollektivtransport", "trafikksikkerhet",
]
SMALL = ["og", "i", "for", "om", "på", "til", "med", "av"]
SEPARATORS = [": ", " – ", ". ", " - ", " "]


def _distance_at_least_two(a: str, b: str) -> bool:
    from samskap.workshops.regimport.labels import _fold, _one_typo

    return _fold(a) != _fold(b) and not _one_typo(_fold(a), _fold(b))


assert all(_distance_at_least_two(a, b) for i, a in enumerate(WORDS) for b in WORDS[i + 1:])


def _mapping_is_identity(labels: list[str]) -> bool:
    mapping, _unknown = canonical_labels(labels)
    return all(mapping[" ".join(lab.split())] == " ".join(lab.split()) for lab in labels)


# -- distinct labels never merge ------------------------------------------------------------------------

def _codes(kind: str, n: int, major: int) -> list[str]:
    if kind == "int":
        return [str(i) for i in range(1, n + 1)]
    if kind == "sub":  # 1.1, 1.2, ..., 1.N (so 1.1 and 1.10, 1.11 ...)
        return [f"{major}.{i}" for i in range(1, n + 1)]
    if kind == "major":  # 1.1, 2.1, ..., N.1 (so 1.1 and 11.1)
        return [f"{i}.1" for i in range(1, n + 1)]
    if kind == "mixed":  # 1, 1.1, 11, 1.11, 11.1 ...
        base = ["1", "1.1", "11", "1.11", "11.1", "1.1.1", "10", "1.10", "10.1", "2", "2.1", "12", "1.2", "21"]
        return base[:n]
    if kind == "letter":
        return [chr(ord("A") + i) for i in range(n)]
    if kind == "letter_digit":  # A1, A2, ... or T1, T2 ...
        return [f"{'AT'[major % 2]}{i}" for i in range(1, n + 1)]
    if kind == "roman":
        return ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV"][:n]
    raise AssertionError(kind)


@st.composite
def numbered_labels(draw) -> list[str]:  # type: ignore[no-untyped-def]
    kind = draw(st.sampled_from(["int", "sub", "major", "mixed", "letter", "letter_digit", "roman"]))
    n = draw(st.integers(min_value=2, max_value=14 if kind in ("mixed", "roman", "letter") else 25))
    major = draw(st.integers(min_value=1, max_value=9))
    codes = _codes(kind, n, major)
    shared = draw(st.lists(st.sampled_from(WORDS), min_size=0, max_size=4))
    text = " ".join(shared)
    prefix = draw(st.sampled_from(["Tema ", "Gruppe ", "Verksted ", ""]))
    sep = draw(st.sampled_from(SEPARATORS))
    form = draw(st.sampled_from(["prefix", "echo", "suffix"]))
    labels = []
    for code in codes:
        if form == "prefix" or not text:
            label = f"{prefix}{code}{sep}{text}".strip() if text else f"{prefix}{code}".strip()
            if not prefix and not text and kind in ("letter", "roman"):
                label = f"Tema {code}"
        elif form == "echo":  # "Tema 1.3: Utfordring 1-3"
            label = f"{prefix}{code}{sep}{text} {code.replace('.', '-')}"
        else:  # "Helse og omsorg 3"
            label = f"{text} {code}"
        labels.append(label)
    return labels


@st.composite
def word_labels(draw) -> list[str]:  # type: ignore[no-untyped-def]
    """Labels that share most words and differ in one (distinguishing) word at the same place."""
    n = draw(st.integers(min_value=2, max_value=8))
    distinct = draw(st.lists(st.sampled_from(WORDS), min_size=n, max_size=n, unique=True))
    shared = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4))
    small = draw(st.lists(st.sampled_from(SMALL), min_size=len(shared), max_size=len(shared)))
    where = draw(st.integers(min_value=0, max_value=len(shared)))
    prefix = draw(st.sampled_from(["", "Tema 1: ", "Verksted: "]))
    labels = []
    for word in distinct:
        words = list(shared)
        words.insert(where, word)
        parts = []
        for i, w in enumerate(words):
            parts.append(w)
            if i < len(words) - 1 and i < len(small):
                parts.append(small[i])
        label = prefix + " ".join(parts)
        labels.append(label[0].upper() + label[1:])
    return labels


@FUZZ
@given(st.one_of(numbered_labels(), word_labels()), st.randoms(use_true_random=False))
def test_distinct_labels_never_merge(labels, rnd):
    assume(len(set(labels)) == len(labels))
    repeated = [lab for lab in labels for _ in range(rnd.randint(1, 3))]
    rnd.shuffle(repeated)
    assert _mapping_is_identity(repeated)
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            assert not same_theme(a, b), (a, b)


def test_examples_of_distinct_labels():
    for a, b in [
        ("Tema 1.1: Utfordring 1-1", "Tema 1.11: Utfordring 1-11"), ("Tema 1.1", "Tema 11.1"),
        ("Tema 1", "Tema 10"), ("Tema A", "Tema B"), ("A1 Helse", "A2 Helse"), ("T3: Helse", "T4: Helse"),
        ("Eldre og helse", "Unge og helse"), ("Eldre og helse", "Eldre i helse"), ("Del I", "Del II"),
        ("A: Helse", "B: Helse"), ("Tema 1: Helse", "Helse"), ("Plan A", "Plan B"),
        ("Strategi for bioøkonomi", "Strategi for blå økonomi"),
        ("Helse og omsorg", "Omsorg og helse"),  # other order: not a spelling variant
        ("Samarbeid om skole og helse", "Samarbeid om skole og helse og omsorg"),
    ]:
        assert not same_theme(a, b), (a, b)
    mapping, _ = canonical_labels(["Tema 1.1: Utfordring 1-1"] * 5 + [f"Tema 1.{i}: Utfordring 1-{i}"
                                                                       for i in range(2, 21)])
    assert len(set(mapping.values())) == 20


# -- spelling variants of one label always merge --------------------------------------------------------

@st.composite
def base_label(draw) -> str:  # type: ignore[no-untyped-def]
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5))
    assume(any(len(w) >= 6 for w in words))
    parts = [words[0]]
    for w in words[1:]:
        if draw(st.booleans()):
            parts.append(draw(st.sampled_from(SMALL)))
        parts.append(w)
    text = " ".join(parts)
    text = text[0].upper() + text[1:]
    numbering = draw(st.sampled_from(["", "Tema {}: ", "{}. ", "Tema {} – "]))
    if numbering:
        code = draw(st.sampled_from(["1", "3", "1.1", "1.11", "11.1", "A", "B2", "T3"]))
        text = numbering.format(code) + text
    return text


_FOLDS = {"æ": "ae", "ø": "o", "å": "aa", "Æ": "Ae", "Ø": "O", "Å": "Aa"}


@st.composite
def variant(draw, base: str) -> str:  # type: ignore[no-untyped-def]
    """``base`` with some of: other case, other punctuation/spacing, diacritics spelled out, small words
    left out, and at most one one-letter typo in one word of six letters or more."""
    words = base.split(" ")
    if draw(st.booleans()):  # drop some small words
        words = [w for w in words if not (w in SMALL and draw(st.booleans()))]
    if draw(st.booleans()):  # one typo in a long word (not in a letter æøå, so that folding keeps it one)
        long_words = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
        if long_words:
            i = draw(st.sampled_from(long_words))
            w = words[i]
            plain = [k for k, c in enumerate(w) if c.isascii()]
            k = draw(st.sampled_from(plain))
            letter = draw(st.sampled_from("abcdefghijklmnoprstuvy"))
            kind = draw(st.sampled_from(["change", "add", "leave out", "swap"]))
            if kind == "change":
                w = w[:k] + letter + w[k + 1:]
            elif kind == "add":
                w = w[:k] + letter + w[k:]
            elif kind == "leave out":
                w = w[:k] + w[k + 1:]
            elif k + 1 < len(w) and w[k + 1].isascii():
                w = w[:k] + w[k + 1] + w[k] + w[k + 2:]
            words[i] = w
    text = " ".join(words)
    if draw(st.booleans()):
        text = "".join(_FOLDS.get(c, c) for c in text)
    case = draw(st.sampled_from(["same", "lower", "upper", "first"]))
    text = {"same": text, "lower": text.lower(), "upper": text.upper(),
            "first": text[:1].upper() + text[1:].lower()}[case]
    if draw(st.booleans()):  # punctuation: numbering separator, a trailing mark
        text = text.replace(": ", draw(st.sampled_from([" ", " - ", ". ", ":  "])), 1)
    text = text + draw(st.sampled_from(["", "?", ".", "!", " ", "  ."]))
    if draw(st.booleans()):
        text = "  " + text.replace(" ", "   ", 1)
    return text


@FUZZ
@given(st.data())
def test_variants_of_one_label_always_merge(data):
    base = data.draw(base_label())
    variants = data.draw(st.lists(variant(base), min_size=1, max_size=4))
    for v in variants:
        assert same_theme(base, v), (base, v)
    mapping, _ = canonical_labels([base] * 5 + variants)
    assert {mapping[" ".join(v.split())] for v in variants} == {base}


def test_examples_of_variants():
    for a, b in [
        ("Tema 1: Samarbeid om kompetanse og FoU", "tema 1: samarbeid om kompetanse FoU"),
        ("Laboratorium for folkehelse", "LABORATORIUM FOR FOLKHELSE"), ("Strategi for bioøkonomi?",
                                                                         "strategi  for BIOOKONOMI"),
        ("Tema 1.1: Utfordring 1-1", "tema 1.1 - utfordring 1-1."), ("Næringsutvikling", "Naeringsutvikling"),
        ("Videregående skole", "Videregaaende skole"), ("Samarbeid med helse", "Smaarbeid med helse"),
        ("Helse & omsorg", "Helse og omsorg"),
    ]:
        assert same_theme(a, b), (a, b)


def test_no_merge_and_split():
    labels = ["Tema 1: Samarbeid om kompetanse og FoU"] * 3 + ["Tema 1: Samarbeid om kompetanse FoU",
                                                               "TEMA 1: samarbeid om kompetanse og FoU"]
    merged, _ = canonical_labels(labels)
    assert set(merged.values()) == {labels[0]}
    plain, _ = canonical_labels(labels, merge=False)  # only case/punctuation/space variants go together
    assert plain["TEMA 1: samarbeid om kompetanse og FoU"] == labels[0]
    assert plain["Tema 1: Samarbeid om kompetanse FoU"] == "Tema 1: Samarbeid om kompetanse FoU"
    split, _ = canonical_labels(labels, split=["Tema 1: Samarbeid om kompetanse FoU"])
    assert split["Tema 1: Samarbeid om kompetanse FoU"] == "Tema 1: Samarbeid om kompetanse FoU"
    assert split["TEMA 1: samarbeid om kompetanse og FoU"] == labels[0]


def test_known_labels_with_numbering_are_not_collapsed():
    mapping, unknown = canonical_labels(["Tema 1: Helse", "Tema 2: Helse"], ["Helse"])
    assert mapping == {} and unknown == ["Tema 1: Helse", "Tema 2: Helse"]
    mapping, unknown = canonical_labels(["Tema 1: Helse", "helse!"], ["Helse"], one_to_one=True)
    assert mapping == {} and sorted(unknown) == ["Tema 1: Helse", "helse!"]
    mapping, _ = canonical_labels(["Tema 1: Helse og omsorg"], ["Helse og omsorg", "Helse"])
    assert mapping == {"Tema 1: Helse og omsorg": "Helse og omsorg"}


# -- the real file: "Tema 1.1: Utfordring 1-1" ... "Tema 1.20" --------------------------------------------

N_THEMES, N_PEOPLE = 20, 120
HEADER = ["Fornavn", "Etternavn", "Organisasjon", "E-post",
          "Økt 1 valg 1", "Økt 1 valg 2", "Økt 1 valg 3", "Økt 2 valg 1", "Økt 2 valg 2", "Økt 2 valg 3"]
ORGS = ["Steinkjer kommune", "Namsos kommune", "NTNU", "Nord universitet", "Trøndelag fylkeskommune",
        "Levanger kommune", "SINTEF", "KS"]


def theme_label(session: int, i: int) -> str:
    return f"Tema {session}.{i}: Utfordring {session}-{i}"


def sub_numbered_rows() -> list[list[str]]:
    rnd = random.Random(15)
    rows = [HEADER]
    for p in range(N_PEOPLE):
        cells = [f"Person{p}", f"Etternavn{p}", ORGS[p % len(ORGS)], f"person{p}@example.no"]
        for session in (1, 2):
            first = p % N_THEMES + 1  # every theme is somebody's first choice six times
            others = rnd.sample([i for i in range(1, N_THEMES + 1) if i != first], 2)
            cells += [theme_label(session, i) for i in (first, *others)]
        rows.append(cells)
    return rows


def write_csv(path: Path) -> Path:
    path.write_text("\n".join(";".join(r) for r in sub_numbered_rows()) + "\n", encoding="utf-8")
    return path


def write_xlsx(path: Path) -> Path:
    wb = openpyxl.Workbook()
    for row in sub_numbered_rows():
        wb.active.append(row)
    wb.save(path)
    return path


@pytest.fixture(params=["csv", "xlsx"])
def sub_numbered_file(request, tmp_path) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / f"pamelding.{request.param}"
    return write_csv(path) if request.param == "csv" else write_xlsx(path)


def test_sub_numbered_themes_stay_distinct(sub_numbered_file):
    reg = parse_registrations(sub_numbered_file.read_bytes(), sub_numbered_file.name)
    assert reg.merged_labels == {}
    for session in ("1", "2"):
        assert reg.themes[session] == [theme_label(int(session), i) for i in range(1, N_THEMES + 1)]
    assert reg.participants[0].choices["1"][0] == "Tema 1.1: Utfordring 1-1"
    assert reg.participants[10].choices["1"][0] == "Tema 1.11: Utfordring 1-11"


def test_cli_plans_twenty_themes_per_session(sub_numbered_file, tmp_path, db):
    out = tmp_path / "plan.json"
    err = io.StringIO()
    call_command("workshop", "plan", str(sub_numbered_file), "--max-group-size", "8", "--min-theme-size", "3",
                 "--max-groups-per-session", "20", "--time-limit", "20", "--json", str(out),
                 stdout=io.StringIO(), stderr=err)
    result = json.loads(out.read_text(encoding="utf-8"))
    for s in result["sessions"]:
        themes = [t["theme"] for t in s["themes"]]
        assert len(themes) == N_THEMES and len(set(themes)) == N_THEMES
        assert all(t["status"] == "running" for t in s["themes"])
    assert {s: len(t) for s, t in result["themes_found"].items()} == {"1": N_THEMES, "2": N_THEMES}
    assert result["merged_labels"] == {} and not result["unassigned"]
    assert "session 1: 20 themes found" in err.getvalue() and "Tema 1.20: Utfordring 1-20" in err.getvalue()
    assert "no theme labels merged" in err.getvalue()


def test_cli_prints_merges_and_no_merge_turns_them_off(tmp_path, db):
    sample = Path(__file__).parent / "data" / "registrations_sample.csv"
    err = io.StringIO()
    call_command("workshop", "plan", str(sample), "--time-limit", "5", "--min-theme-size", "3",
                 "--max-group-size", "5", "--json", str(tmp_path / "a.json"), stdout=io.StringIO(), stderr=err)
    line = next(ln for ln in err.getvalue().splitlines() if ln.startswith("merged: Tema 1:"))
    assert line.startswith("merged: Tema 1: Samarbeid om kompetanse og FoU <- ")
    assert "Tema 1: Samarbeid om kompetanse FoU" in line
    call_command("workshop", "plan", str(sample), "--time-limit", "5", "--min-theme-size", "3",
                 "--max-group-size", "5", "--no-merge", "--json", str(tmp_path / "b.json"),
                 stdout=io.StringIO(), stderr=io.StringIO())
    result = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    assert "Tema 1: Samarbeid om kompetanse FoU" in result["themes_found"]["1"]
    assert "Tema 6: Laboratorium for folkhelse" not in result["merged_labels"]


def test_run_plan_json_keeps_its_keys():
    sample = Path(__file__).parent / "data" / "registrations_sample.csv"
    result = run_plan(sample, max_group_size=5, min_theme_size=3, time_limit=5)
    assert set(result) >= {"sessions", "unassigned", "merged_labels", "themes_found", "warnings", "stats",
                           "settings"}
