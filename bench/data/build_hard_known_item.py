"""Build the hard known-item queries (``known_item_hard.json``) from the passages of ``known_item.json``.

Usage (deterministic, fixed seeds; re-run only when a source changes)::

    .venv/bin/python bench/data/build_hard_known_item.py

The passages are those of ``bench/known_item_quality.py`` (the seed-document passages stored in
``known_item.json``, the 220 catalogue items and the 130 news passages). For each passage, from one
of its sentences, two keyword-style queries whose answer is the passage they came from:

* ``short``: two content words of the sentence, next to each other, as written (no question
  word): the least context a keyword query has;
* ``common``: three or four of the sentence's content words that each occur in at least three
  passages (the rare, identifying words left out), in their order: the words are in the answer
  but also in several other items, so the ranking must be decided by how they combine.

Every passage whose sentences have too few such words gets no query of that style. Every fourth
query (by a hash of its id) is **held out**, as in ``known_item.json``; the other queries are the
tuning part. The queries of ``known_item.json`` are not changed.
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from build_known_item import WORD, bench_passages, content_words, split_sentences  # noqa: E402

SEED = "hard-v1"


def make(p: dict, df: Counter, rng: random.Random) -> list[dict]:
    sentences = [s for s in split_sentences(p["text"]) if len(content_words(s)) >= 4]
    out = []
    if not sentences:
        return out
    s = rng.choice(sentences)
    cw = content_words(s)
    start = rng.randint(0, len(cw) - 2)
    out.append(("short", " ".join(cw[start:start + 2])))
    common_sents = [s for s in sentences if sum(df[w.lower()] >= 3 for w in content_words(s)) >= 3]
    if common_sents:
        s = rng.choice(common_sents)
        common = [w for w in content_words(s) if df[w.lower()] >= 3]
        n = min(len(common), rng.randint(3, 4))
        start = rng.randint(0, len(common) - n)
        out.append(("common", " ".join(common[start:start + n])))
    queries = []
    for style, text in out:
        if len(text) < 6:
            continue
        qid = f"h-{p['id']}-{style}"
        split = "held-out" if int(hashlib.sha1(qid.encode()).hexdigest(), 16) % 4 == 0 else "tune"
        queries.append({"id": qid, "text": text, "style": style, "language": p["language"],
                        "relevant": p["id"], "source": p["source"], "split": split})
    return queries


def main() -> None:
    ki = json.loads((HERE / "known_item.json").read_text(encoding="utf-8"))
    passages = ki["passages"] + bench_passages()
    df: Counter = Counter()
    for p in passages:
        df.update({w.lower() for w in WORD.findall(p["text"])})
    queries = []
    for p in passages:
        rng = random.Random(int(hashlib.sha1(f"{SEED}:{p['id']}".encode()).hexdigest(), 16))
        queries += make(p, df, rng)
    out = {"description": __doc__, "queries": queries}
    (HERE / "known_item_hard.json").write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    by = Counter((q["style"], q["split"]) for q in queries)
    print(f"{len(passages)} passages, {len(queries)} hard queries")
    for k, v in sorted(by.items()):
        print(" ", k, v)


if __name__ == "__main__":
    main()
