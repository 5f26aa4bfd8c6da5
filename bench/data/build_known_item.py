"""Build the known-item evaluation set (``known_item.json``) from real text the project holds.

Usage (deterministic; re-run only when a source changes)::

    .venv/bin/python bench/data/build_known_item.py [--seeds ../shared/seeds]

Passages (``known_item.json["passages"]``):

* the seed documents (``../shared/seeds``: real reports on municipal FoUI in Trøndelag, 2015-2018,
  bokmål and nynorsk) cut into passages of one to a few paragraphs under their section heading;
* the 220 items of ``catalogue.jsonl`` and the 130 passages of ``news_passages.jsonl``.

Queries: for each passage, one or two queries made from one of its sentences, in one of these
styles (the style is recorded with the query; the passage it came from is the one relevant
answer):

* ``question``: a question word of the passage's standard + 3-6 content words of the sentence in
  their own order (like "Hvor mange kommuner deltok i behovskartleggingen 2016?");
* ``keywords``: 2-4 content words of the sentence;
* ``prefix``: the first half of the sentence as written;
* ``inflected`` (hard): like ``question``, with inflectional endings cut or changed
  ("kommunene" -> "kommune", "utviklet" -> "utvikle");
* ``drop-rare`` (hard): like ``question`` without the rarest word of the sentence, so the
  query must be answered by the common words (or their meaning) alone.

Every fourth query (by a hash of its id) is **held out**: it is never used to choose a setting;
the benchmark reports it apart (``split`` = ``tune`` / ``held-out``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from samskap.core.text import STOPWORDS  # noqa: E402

WORD = re.compile(r"[A-Za-zÆØÅæøåÉéÜüÖöÄä][\wÆØÅæøåÉéÜüÖöÄä-]*")
Q_NB = ["Hva", "Hvor", "Hvem", "Hvordan", "Hvorfor", "Når", "Hvilke"]
Q_NN = ["Kva", "Kvar", "Kven", "Korleis", "Kvifor", "Når", "Kva for"]
NN_MARKERS = {"ikkje", "eg", "kva", "korleis", "kommunane", "ein", "eit", "berre", "mykje", "frå", "vere", "vert", "blir", "òg"}
ENDINGS = ("ene", "ane", "ende", "ande", "ingen", "inga", "ets", "ens", "en", "et", "er", "ar", "te", "de")


def split_sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+(?=[A-ZÆØÅ0-9«])", text.strip())
    return [p.strip() for p in parts if p.strip()]


def language_of(text: str) -> str:
    words = {w.lower() for w in WORD.findall(text)}
    nn = len(words & {"ikkje", "eg", "kva", "korleis", "frå", "berre", "mykje", "vere", "kommunane", "eit"})
    nb = len(words & {"ikke", "jeg", "hva", "hvordan", "fra", "bare", "mye", "være", "kommunene", "et"})
    return "nn" if nn > nb else "nb"


def seed_passages(seeds: Path) -> list[dict]:
    out: list[dict] = []
    for path in sorted(seeds.glob("0*.txt")):
        doc = path.name.split("_")[0]
        current = [""]  # the section heading
        buf: list[str] = []
        n = 0

        def flush(doc: str = doc, current: list[str] = current) -> None:
            nonlocal buf, n
            text = " ".join(buf).strip()
            buf = []
            if len(text) < 200 or len(split_sentences(text)) < 2:
                return
            n += 1
            out.append({"id": f"s{doc}-{n:03d}", "title": current[0] or f"Seed {doc}", "text": text[:1400],
                        "language": language_of(text), "source": f"seed {doc}"})

        for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
            block = " ".join(line.strip() for line in block.splitlines()).strip()
            if not block:
                continue
            if block.startswith("#"):
                flush()
                current[0] = block.lstrip("# ").strip()
                continue
            # skip colophon lines ("Tittel : ...") and table-of-contents-like fragments
            if re.match(r"^[\w ()/-]{2,30} : ", block) or "...." in block or len(block) < 40:
                continue
            buf.append(block)
            if sum(len(b) for b in buf) >= 450:
                flush()
        flush()
    return out


def bench_passages() -> list[dict]:
    out = []
    for name in ("catalogue.jsonl", "news_passages.jsonl"):
        for line in (HERE / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                out.append({"id": d["id"], "title": d["title"], "text": d["text"],
                            "keywords": d.get("keywords", []), "organisation": d.get("organisation", ""),
                            "language": d.get("language", "nb"), "kind": d.get("kind", "news"),
                            "source": name})
    return out


def content_words(sentence: str) -> list[str]:
    return [w for w in WORD.findall(sentence) if w.lower() not in STOPWORDS and len(w) > 1]


def inflect(word: str, rng: random.Random) -> str:
    low = word.lower()
    for e in ENDINGS:
        if low.endswith(e) and len(low) - len(e) >= 4:
            base = word[: -len(e)]
            return base + rng.choice(["", "e", "en", "er"]) if rng.random() < 0.5 else base
    if word.islower() and len(word) >= 4 and low[-1] not in "aeiouyæøå":
        return word + rng.choice(["en", "er", "et"])
    return word


def make_queries(p: dict, df: Counter, rng: random.Random) -> list[dict]:
    sentences = [s for s in split_sentences(p["text"]) if len(content_words(s)) >= 4]
    if not sentences:
        return []
    styles = ["question", "keywords", "prefix", "inflected", "drop-rare"]
    count = 2 if rng.random() < 0.35 else 1
    out = []
    for k in range(count):
        s = rng.choice(sentences)
        cw = content_words(s)
        style = rng.choice(styles)
        qwords = Q_NN if p["language"] == "nn" else Q_NB
        if style == "keywords":
            n = rng.randint(3, min(5, len(cw)))
            start = rng.randint(0, len(cw) - n)
            text = " ".join(cw[start:start + n])
        elif style == "prefix":
            words = s.split()
            text = " ".join(words[: max(4, len(words) // 2)]).rstrip(",.;:")
        else:
            chosen = cw
            if style == "drop-rare":
                rarest = min(cw, key=lambda w: (df[w.lower()], w))
                chosen = [w for w in cw if w != rarest]
            n = rng.randint(3, min(6, len(chosen))) if len(chosen) >= 3 else len(chosen)
            start = rng.randint(0, len(chosen) - n)
            part = chosen[start:start + n]
            if style == "inflected":
                part = [inflect(w, rng) if rng.random() < 0.6 else w for w in part]
            text = f"{rng.choice(qwords)} {' '.join(part)}?"
        if len(text) < 8:
            continue
        qid = f"q-{p['id']}-{k}"
        split = "held-out" if int(hashlib.sha1(qid.encode()).hexdigest(), 16) % 4 == 0 else "tune"
        out.append({"id": qid, "text": text, "style": style, "language": p["language"],
                    "relevant": p["id"], "source": p["source"], "split": split})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", default=str(ROOT.parent / "shared" / "seeds"))
    args = ap.parse_args()
    passages = seed_passages(Path(args.seeds)) + bench_passages()
    df: Counter = Counter()
    for p in passages:
        df.update({w.lower() for w in WORD.findall(p["text"])})
    queries = []
    for p in passages:
        rng = random.Random(int(hashlib.sha1(p["id"].encode()).hexdigest(), 16))
        queries += make_queries(p, df, rng)
    out = {
        "description": __doc__,
        "provenance": "Passages s000-s004: excerpts of the seed documents (public reports on municipal "
                      "FoUI, Trøndelag 2015-2018; the 004 report is TFoU-arbeidsnotat 2017:106, status "
                      "'Offentlig'), used here only to evaluate retrieval. The other passages are the "
                      "project's own bench/data files.",
        "passages": [p for p in passages if p["source"].startswith("seed")],
        "queries": queries,
    }
    (HERE / "known_item.json").write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    by = Counter((q["style"], q["split"]) for q in queries)
    print(f"{len(passages)} passages ({len(out['passages'])} from the seeds), {len(queries)} queries")
    for k, v in sorted(by.items()):
        print(" ", k, v)


if __name__ == "__main__":
    main()
