"""Completeness rules for a case before it may be published (pure: no Django).

Modelled on the OECD OPSI case library: every section is filled in, in plain language. A section is
plain enough when its LIX readability index (Björnsson's läsbarhetsindex, used for Scandinavian text)

    LIX = words / sentences + 100 * long_words / words        (long word: more than 6 letters)

is at most MAX_LIX and its sentences are not too long on average. Norwegian compounds make LIX run
higher than in English; 55 is the upper end of "medium" difficulty (official reports score 55-60).

`check(sections)` returns the problems per section; an empty dict means the case is complete.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Sections and their minimum length in characters (after trimming).
MIN_LENGTH: dict[str, int] = {
    "summary": 150,
    "novelty": 80,
    "results": 80,
    "partners": 3,
    "contact": 5,
    "links": 10,
}
# Sections that are prose and get the plain-language check.
PROSE = ("summary", "novelty", "results")
MAX_LIX = 55.0
MAX_AVERAGE_SENTENCE_WORDS = 25.0
LONG_WORD_LETTERS = 6
MIN_WORDS_FOR_READABILITY = 20

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
# A sentence ends at . ! ? : ; followed by space/end, or at a line break (lists, headings).
_SENTENCE_END = re.compile(r"[.!?:;]+(?=\s|$)|\n+")
_URL = re.compile(r"^(https?://)[^\s/$.?#].[^\s]*$", re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    """One broken rule. `code` is one of: missing, too_short, hard_to_read, long_sentences, bad_link."""

    code: str
    value: float | str | None = None
    limit: float | None = None


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    long_words: int

    @property
    def lix(self) -> float:
        if not self.words:
            return 0.0
        return self.words / self.sentences + 100.0 * self.long_words / self.words

    @property
    def average_sentence_words(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def long_word_share(self) -> float:
        return self.long_words / self.words if self.words else 0.0


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def readability(text: str) -> Readability:
    """Count words, sentences and long words (letters only; hyphenated compounds count as one word)."""
    found = words(text)
    sentences = sum(1 for part in _SENTENCE_END.split(text) if _WORD.search(part))
    long_words = sum(1 for w in found if sum(ch.isalpha() for ch in w) > LONG_WORD_LETTERS)
    return Readability(words=len(found), sentences=max(1, sentences), long_words=long_words)


def lix(text: str) -> float:
    return readability(text).lix


def check_links(text: str) -> list[Problem]:
    problems = []
    for line in text.splitlines():
        line = line.strip()
        if line and not _URL.match(line):
            problems.append(Problem("bad_link", line))
    return problems


def check(sections: dict[str, str], *, min_length: dict[str, int] | None = None,
          max_lix: float = MAX_LIX, max_sentence_words: float = MAX_AVERAGE_SENTENCE_WORDS) -> dict[str, list[Problem]]:
    """Problems per section name; sections without problems are left out."""
    limits = MIN_LENGTH if min_length is None else min_length
    problems: dict[str, list[Problem]] = {}
    for name, minimum in limits.items():
        text = (sections.get(name) or "").strip()
        found: list[Problem] = []
        if not text:
            found.append(Problem("missing"))
        elif len(text) < minimum:
            found.append(Problem("too_short", len(text), minimum))
        if text and name in PROSE:
            stats = readability(text)
            if stats.words >= MIN_WORDS_FOR_READABILITY:
                if stats.lix > max_lix:
                    found.append(Problem("hard_to_read", round(stats.lix, 1), max_lix))
                if stats.average_sentence_words > max_sentence_words:
                    found.append(Problem("long_sentences", round(stats.average_sentence_words, 1),
                                         max_sentence_words))
        if text and name == "links":
            found.extend(check_links(text))
        if found:
            problems[name] = found
    return problems


def is_complete(sections: dict[str, str]) -> bool:
    return not check(sections)
