"""Nynorsk <-> bokmål: the share of differing word pairs our analyser unifies, measured against a
free nn -> nb dictionary (Apertium nno-nob, GPL, from Debian's ``apertium-nno-nob``; called at
run time if installed, nothing of it is copied into the repository).

Usage::

    apt-get install apertium-nno-nob     # bench only
    .venv/bin/python bench/nn_nb_lexicon.py [--json out.json]

The nynorsk words are the word types of the project's nynorsk texts (catalogue items, seed-document
passages and queries in bench/data). Each is translated on its own by ``apertium nno-nob``; pairs
whose bokmål form differs (and that Apertium knows, and where neither side is a stop word) are the
differing pairs. A pair is *unified* when both words get the same index token (normalised, stemmed,
no compound splitting), for: stemming only, the rules of ``textnorm`` (before), and the rules with
the simplemma lemma lists (after). Over-merging check: distinct bokmål tokens of the bokmål texts
with and without the lemma lists.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from samskap.matching import textnorm  # noqa: E402
from samskap.matching.engine.analyzer import Analyzer  # noqa: E402

DATA = ROOT / "bench" / "data"
APERTIUM_DIR = Path("/usr/share/apertium/apertium-nno-nob")


def texts() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"nn": [], "nb": []}
    for line in (DATA / "catalogue.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            out[d.get("language", "nb")].append(f"{d['title']} {' '.join(d.get('keywords', []))} {d['text']}")
    ki = json.loads((DATA / "known_item.json").read_text(encoding="utf-8"))
    for p in ki["passages"]:
        out[p["language"]].append(p["text"])
    for name in ("needs_queries.json", "paraphrase_queries.json", "blind_queries.json"):
        for q in json.loads((DATA / name).read_text(encoding="utf-8"))["queries"]:
            out[q["language"]].append(q["text"])
    return out


def translate(words: list[str]) -> dict[str, str]:
    res = subprocess.run(["apertium", "nno-nob"], input="\n".join(words) + "\n", capture_output=True,
                         text=True, check=True, timeout=600)
    lines = res.stdout.split("\n")
    out = {}
    for w, t in zip(words, lines, strict=False):
        t = t.strip().lower()
        if not t or t[0] in "*#@" or " " in t or not t.replace("-", "").isalpha():
            continue
        out[w] = t
    return out


def key(an: Analyzer, word: str) -> str | None:
    toks = an.tokens_for_surface(textnorm.fold(word))
    return toks[0] if toks else None


def set_lexicon(on: bool) -> None:
    textnorm.LEXICON = on
    textnorm.normalize_word.cache_clear()
    textnorm.to_bokmal.cache_clear()


def measure(pairs: list[tuple[str, str]], *, normalize: bool, lexicon: bool) -> tuple[float, int]:
    set_lexicon(lexicon)
    an = Analyzer(normalize=normalize, decompound=False, thesaurus=None)
    hits = sum(1 for a, b in pairs if key(an, a) is not None and key(an, a) == key(an, b))
    return hits / len(pairs), hits


def distinct_tokens(words: list[str], *, lexicon: bool) -> int:
    set_lexicon(lexicon)
    an = Analyzer(normalize=True, decompound=False, thesaurus=None)
    return len({k for w in words if (k := key(an, w)) is not None})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", help="write the figures to this file")
    args = ap.parse_args()
    if shutil.which("apertium") is None or not APERTIUM_DIR.exists():
        print("Apertium nno-nob is not installed (apt-get install apertium-nno-nob): nothing measured.")
        return
    print(f"Dictionary: Apertium nno-nob from {APERTIUM_DIR} (GPL; called, not copied)\n")
    tx = texts()
    counts: Counter[str] = Counter(w for t in tx["nn"] for w in textnorm.words(t))
    nn_words = sorted(w for w in counts if len(w) >= 2 and w.isalpha() and w not in textnorm.STOPWORDS)
    tr = translate(nn_words)
    pairs = [(a, b) for a, b in tr.items() if a != b and b not in textnorm.STOPWORDS]
    print(f"{len(nn_words)} nynorsk word types, {len(tr)} known to Apertium, {len(pairs)} differ from their "
          f"bokmål translation\n")
    rows = {
        "stemming only (no nb/nn normalisation)": measure(pairs, normalize=False, lexicon=False),
        "rules of textnorm (before)": measure(pairs, normalize=True, lexicon=False),
        "rules + simplemma word lists (after)": measure(pairs, normalize=True, lexicon=True),
    }
    print("| analyser | pairs unified | share |\n|---|---:|---:|")
    for name, (share, hits) in rows.items():
        print(f"| {name} | {hits} / {len(pairs)} | {share:.1%} |")
    nb_words = sorted({w for t in tx["nb"] for w in textnorm.words(t) if w.isalpha() and w not in textnorm.STOPWORDS})
    d0 = distinct_tokens(nb_words, lexicon=False)
    d1 = distinct_tokens(nb_words, lexicon=True)
    print(f"\nOver-merging check: {len(nb_words)} bokmål word types give {d0} tokens with the rules, {d1} with the "
          "word lists")
    set_lexicon(True)
    if args.json:
        Path(args.json).write_text(json.dumps({k: v[0] for k, v in rows.items()}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
