"""A thesaurus of municipal FoUI topics that links everyday wording to research wording.

Pure module (no Django). The data lives in ``data/thesaurus.txt`` (format described there). Each
concept has a key, a bokmål, a nynorsk and an English label and a list of terms; a term of several
words is a phrase whose words must follow each other. Terms are analysed by a function the caller
passes in (the matching engine passes its own word normaliser), so they match inflected, nynorsk
and compound forms the same way the engine's words do.

    thesaurus = load_thesaurus()                       # the shipped file
    matcher = thesaurus.matcher(word_key, words)       # word_key(folded word) -> (stem, is_content, normalised)
    matcher.concepts_for_word("ensomme", "ensom")     # {"ensomhet"}
    matcher.phrase_hits(["de", "bor", "alen"])         # [(1, "ensomhet")]

Single-word terms match content words only (a stop word is never a term on its own). A term whose
stem has at least :data:`MIN_STEM` letters matches every word with that stem (all inflections); a
term with a shorter stem, or whose stem cut off more than :data:`MAX_STRIPPED` letters, matches
only its own normalised spelling, because such Snowball stems are ambiguous ("ledelse" -> "led" as
in "ledige", "søkere" -> "søk", "tilgjengelighet" -> "tilgjeng" as in "tilgjengelig"): list its inflected forms in
the file. Compound parts (from the engine's splitter) are looked up like stems, so
"avløpsnettet" reaches *vann og avløp*, but never by a short stem ("langsiktig" -> "ikt").
Phrases are matched on the sequence of *all* words, stop words included, so "ingen å snakke med"
needs exactly those words and does not reduce to "snakke".

The engine turns each concept into a search token (``CONCEPT_PREFIX + key``), so BM25 scores a
shared concept like a shared rare word, and explanations can name it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["CONCEPT_PREFIX", "Concept", "ConceptMatcher", "Thesaurus", "ThesaurusError", "load_thesaurus"]

CONCEPT_PREFIX = "§"
#: Shortest stem that matches all inflections of a single-word term (see the module docstring).
MIN_STEM = 5
#: ... and the most letters the stemmer may have removed from the term for that.
MAX_STRIPPED = 4
DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "thesaurus.txt"


class ThesaurusError(ValueError):
    """A malformed thesaurus line (the message names the line)."""


@dataclass(frozen=True)
class Concept:
    key: str
    label_nb: str
    label_nn: str
    label_en: str
    terms: tuple[str, ...]

    @property
    def token(self) -> str:
        return CONCEPT_PREFIX + self.key

    def label(self, language: str = "nb") -> str:
        """The label in ``language`` ("nb", "nn" or "en"; bokmål for anything else)."""
        return {"nn": self.label_nn, "en": self.label_en}.get(language[:2], self.label_nb)


@dataclass
class Thesaurus:
    concepts: dict[str, Concept] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.concepts)

    def matcher(
        self, word_key: Callable[[str], tuple[str, bool, str]], split: Callable[[str], list[str]]
    ) -> ConceptMatcher:
        """Compile the terms with ``split`` (text -> folded words) and ``word_key`` (folded word ->
        the engine's key for it (the stem of a content word, the normalised form of a stop word),
        whether it is a content word, and its normalised form)."""
        return ConceptMatcher(self, word_key, split)

    def by_token(self, token: str) -> Concept | None:
        if not token.startswith(CONCEPT_PREFIX):
            return None
        return self.concepts.get(token[len(CONCEPT_PREFIX) :])


class ConceptMatcher:
    """Concept lookup for analysed words (single-word terms) and word sequences (phrases)."""

    def __init__(
        self,
        thesaurus: Thesaurus,
        word_key: Callable[[str], tuple[str, bool, str]],
        split: Callable[[str], list[str]],
    ):
        self.thesaurus = thesaurus
        self.single: dict[str, set[str]] = {}  # stems of at least MIN_STEM letters
        self.exact: dict[str, set[str]] = {}  # normalised spellings of terms with shorter stems
        # phrases by their first word's key: (keys of the following words, concept key)
        self.phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for c in thesaurus.concepts.values():
            for term in c.terms:
                keys = [word_key(w) for w in split(term)]
                if len(keys) == 1:
                    key, content, norm = keys[0]
                    if content:
                        # a short stem, or one that cut more than an inflection off ("tilgjengelighet"
                        # -> "tilgjeng"), would match unrelated words: match the spelling instead
                        if len(key) >= MIN_STEM and len(norm) - len(key) <= MAX_STRIPPED:
                            self.single.setdefault(key, set()).add(c.key)
                        else:
                            self.exact.setdefault(norm, set()).add(c.key)
                elif keys:
                    seq = tuple(k for k, _, _ in keys)
                    self.phrases.setdefault(seq[0], []).append((seq[1:], c.key))

    def concepts_for_word(self, normalised: str, stem: str, parts: Iterable[str] = ()) -> set[str]:
        """Concepts of the single-word terms that a word (its normalised form, stem and compound
        parts) matches."""
        out: set[str] = set()
        keys = self.exact.get(normalised)
        if keys:
            out |= keys
        for s in (stem, *parts):
            keys = self.single.get(s) if len(s) >= MIN_STEM else None
            if keys:
                out |= keys
        return out

    def phrase_hits(self, stems: Sequence[str]) -> list[tuple[int, str]]:
        """``(position, concept key)`` of every phrase term in a sequence of word keys (all words of
        a text, stop words included, as ``word_key`` gives them)."""
        hits: list[tuple[int, str]] = []
        if not self.phrases:
            return hits
        for i, s in enumerate(stems):
            cands = self.phrases.get(s)
            if not cands:
                continue
            for rest, key in cands:
                if tuple(stems[i + 1 : i + 1 + len(rest)]) == rest:
                    hits.append((i, key))
        return hits


def parse_thesaurus(lines: Iterable[str], source: str = "thesaurus") -> Thesaurus:
    th = Thesaurus()
    for no, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) != 5:
            raise ThesaurusError(
                f"{source}, line {no}: expected 'key | bokmål label | nynorsk label | English label | terms'"
            )
        key, nb, nn, en, terms = parts
        if not key or not key.isidentifier():
            raise ThesaurusError(f"{source}, line {no}: the key {key!r} must be a single word")
        if key in th.concepts:
            raise ThesaurusError(f"{source}, line {no}: the key {key!r} is used twice")
        ts = tuple(t.strip() for t in terms.split(",") if t.strip())
        if not nb or not nn or not en or not ts:
            raise ThesaurusError(f"{source}, line {no}: labels and at least one term are required")
        th.concepts[key] = Concept(key, nb, nn, en, ts)
    return th


def load_thesaurus(path: str | Path | None = None) -> Thesaurus:
    p = Path(path) if path else DEFAULT_PATH
    return parse_thesaurus(p.read_text(encoding="utf-8").splitlines(), source=str(p.name))
