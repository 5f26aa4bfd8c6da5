"""Theme labels: which spellings in a file are one theme (and never two themes merged)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

# ---------------------------------------------------------------------------
# Theme labels
# ---------------------------------------------------------------------------
#
# Two labels are merged only when they are spelling variants of ONE label: they differ in case,
# punctuation, whitespace, diacritics (æ/ae, ø/o, å/aa, é/e), by dropped small words ("og", "i", "for")
# or by one typo (one letter added, left out, changed or two swapped) in one word of six letters or more.
# Numbers and codes ("1.1", "1.11", "A", "T3", "II") must be the same; no other word may differ.

_STOP = {
    "og", "om", "i", "for", "av", "på", "til", "ved", "med", "en", "et", "ei",
    "å", "som", "the", "and", "of", "in", "on", "to", "a",
}
#: Words after which a single letter or a roman numeral is a code ("Tema A", "Del II").
_CODE_PREFIXES = {
    "tema", "theme", "topic", "emne", "verksted", "workshop", "gruppe", "group", "spor", "track", "del",
    "part", "bord", "table", "sesjon", "session", "økt", "okt", "utfordring", "challenge", "case", "sak",
    "nr", "no", "nummer", "number", "område", "omrade", "innsatsområde", "satsing", "alternativ", "option",
}
_ROMAN_RE = re.compile(r"^(?=[ivxlc]+$)c{0,3}(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
# a token with a digit ("1", "1.11", "1-3", "a1", "t3", "2a") joined by . - / , to more such parts, or a word
_TOKEN_RE = re.compile(r"[^\W_]*\d[^\W_]*(?:[.,/\-][^\W_]*\d[^\W_]*)*|[^\W\d_]+")
_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "aa", "ß": "ss", "þ": "th", "ð": "d", "ł": "l"})
MAX_LABEL = 500  # characters compared; longer labels are only merged when they are equal


def normalise_label(label: str) -> str:
    """Case-, punctuation- and whitespace-insensitive key of a label (punctuation between digits is kept as
    ".", so that "1.11" and "11.1" stay apart)."""
    s = unicodedata.normalize("NFKC", label or "").casefold()
    s = s.replace("&", " og ")
    s = re.sub(r"(?<=\d)[.,/\-](?=\d)", "\x00", s)
    s = re.sub(r"[^\w\s\x00]", " ", s)
    s = s.replace("_", " ").replace("\x00", ".")
    return " ".join(s.split())


def _fold(word: str) -> str:
    s = unicodedata.normalize("NFKD", word.translate(_FOLD))
    return "".join(c for c in s if not unicodedata.combining(c))


@dataclass(frozen=True)
class _Token:
    kind: str  # "code", "word" or "stop"
    text: str  # folded text; for codes the parts, e.g. "1.11", "a", "t3"


def _code_text(token: str) -> str:
    parts = re.split(r"[.,/\-]", token)
    return ".".join(
        "".join(str(int(run)) if run.isdigit() else _fold(run) for run in re.findall(r"\d+|\D+", part))
        for part in parts
    )


def label_tokens(label: str) -> tuple[_Token, ...]:
    """The label as codes, content words and small (stop) words, folded; see :func:`same_theme`."""
    s = unicodedata.normalize("NFKC", label or "")[:MAX_LABEL].casefold().replace("&", " og ")
    found = [(m.group(0), m.end()) for m in _TOKEN_RE.finditer(s)]
    out: list[_Token] = []
    for i, (tok, end) in enumerate(found):
        if any(c.isdigit() for c in tok):
            out.append(_Token("code", _code_text(tok)))
            continue
        single = len(tok) == 1 or bool(_ROMAN_RE.match(tok))
        after_prefix = i > 0 and found[i - 1][0] in _CODE_PREFIXES
        numbering = i == 0 and len(found) > 1 and re.match(r"\s*[:.)\]\-\u2013\u2014]", s[end:]) is not None
        last = i == len(found) - 1 and i > 0
        if single and (after_prefix or numbering or last):
            out.append(_Token("code", _fold(tok)))
        elif tok in _STOP:
            out.append(_Token("stop", _fold(tok)))
        else:
            out.append(_Token("word", _fold(tok)))
    return tuple(out)


def _one_typo(a: str, b: str) -> bool:
    """Optimal string alignment distance of exactly 1 (one letter added, left out, changed, or two
    neighbours swapped), in a word of at least six letters."""
    if a == b or max(len(a), len(b)) < 6 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1:]


def _is_subsequence(small: Sequence[str], big: Sequence[str]) -> bool:
    it = iter(big)
    return all(any(x == y for y in it) for x in small)


def _skeleton(tokens: Sequence[_Token]) -> tuple[list[_Token], list[list[str]]]:
    """The codes and content words in order, and the small words in each gap between them."""
    skeleton: list[_Token] = []
    gaps: list[list[str]] = [[]]
    for t in tokens:
        if t.kind == "stop":
            gaps[-1].append(t.text)
        else:
            skeleton.append(t)
            gaps.append([])
    return skeleton, gaps


def _tokens_match(ta: Sequence[_Token], tb: Sequence[_Token]) -> bool:
    if ta == tb:
        return bool(ta)
    sa, ga = _skeleton(ta)
    sb, gb = _skeleton(tb)
    if not sa or len(sa) != len(sb):
        return False
    typos = 0
    for x, y in zip(sa, sb, strict=True):
        if x.kind != y.kind:
            return False
        if x.text == y.text:
            continue
        if x.kind == "code" or not _one_typo(x.text, y.text):
            return False
        typos += 1
        if typos > 1:
            return False
    # small words may only be left out, not replaced ("Eldre og helse" is not "Eldre i helse")
    return all(_is_subsequence(a, b) or _is_subsequence(b, a) for a, b in zip(ga, gb, strict=True))


def same_theme(a: str, b: str) -> bool:
    """Whether two labels are spelling variants of one theme label (conservative).

    They must have the same numbers and codes ("Tema 1.1" is not "Tema 1.11", "Tema A" is not "Tema B",
    "T3" is not "T4") and the same other words in the same order ("Eldre og helse" is not "Unge og helse").
    Allowed: case, punctuation and whitespace, diacritics (æ/ae, ø/o, å/aa), small words such as "og",
    "i", "for" left out, and one typo in one word of six letters or more.
    """
    return _tokens_match(label_tokens(a), label_tokens(b))


def spelled_alike(a: str, b: str) -> bool:
    """Whether two labels differ only in case, punctuation, whitespace or diacritics (always one theme)."""
    return label_tokens(a) == label_tokens(b)


def _strip_numbering(tokens: Sequence[_Token]) -> tuple[_Token, ...]:
    """``tokens`` without a leading numbering ("Tema 3:", "3.", "A)")."""
    t = list(tokens)
    if len(t) > 2 and t[0].kind == "word" and t[0].text in _CODE_PREFIXES and t[1].kind == "code":
        return tuple(t[2:])
    if len(t) > 1 and t[0].kind == "code":
        return tuple(t[1:])
    return tuple(t)


def _codes(tokens: Sequence[_Token]) -> tuple[str, ...]:
    return tuple(t.text for t in tokens if t.kind == "code")


def canonical_labels(
    labels: Sequence[str],
    known: Sequence[str] | None = None,
    *,
    merge: bool = True,
    split: Collection[str] = (),
    one_to_one: bool = False,
) -> tuple[dict[str, str], list[str]]:
    """Cluster label variants.

    Returns ``(mapping, unknown)``: ``mapping`` sends every (whitespace-normalised) input label to its
    canonical label; ``unknown`` lists labels matching none of ``known`` (only when ``known`` is given;
    they are then left out of the mapping).  Without ``known`` the canonical label of a cluster is its most
    frequent spelling (ties: first seen).

    Labels whose tokens are equal (they differ only in case, punctuation or whitespace) always go together.
    ``merge=False`` merges nothing else; labels in ``split`` (and those spelled like them) do not join
    another cluster (they may still be the canonical label of their own).  A label that would join two
    clusters joins neither.

    With ``known``, a label matches a known label that is a spelling variant of it; a known label without
    any number or code may also match a label that has a leading numbering ("Tema 3: Helse" and "Helse"),
    but not when labels with different numbers would then land on the same known label.
    ``one_to_one``: a known label may be matched by only one input label (inputs are already distinct
    themes); when several match it, none of them does.
    """
    cleaned = [" ".join(lab.split()) for lab in labels if lab and lab.strip()]
    freq = Counter(cleaned)
    first_seen = {lab: i for i, lab in reversed(list(enumerate(cleaned)))}
    tokens = {lab: label_tokens(lab) for lab in freq}
    mapping: dict[str, str] = {}
    unknown: list[str] = []
    if known is not None:
        reps = list(dict.fromkeys(" ".join(k.split()) for k in known))
        rep_tokens = {r: label_tokens(r) for r in reps}
        hit_of: dict[str, str] = {}
        for lab in freq:
            tl = tokens[lab]
            hits = [r for r in reps if rep_tokens[r] == tl]
            if not hits and merge:
                hits = [r for r in reps if _tokens_match(rep_tokens[r], tl)]
            if not hits and merge:
                hits = [r for r in reps if not _codes(rep_tokens[r])
                        and _tokens_match(rep_tokens[r], _strip_numbering(tl))]
            if len({rep_tokens[h] for h in hits}) == 1:
                hit_of[lab] = hits[0]
            else:
                unknown.append(lab)
        by_rep: dict[str, list[str]] = {}
        for lab, rep in hit_of.items():
            by_rep.setdefault(rep, []).append(lab)
        for rep, labs in by_rep.items():
            if len({_codes(tokens[lab]) for lab in labs}) > 1 or (one_to_one and len(labs) > 1):
                unknown.extend(labs)  # "Tema 1: Helse" and "Tema 2: Helse" are not both "Helse"
            else:
                for lab in labs:
                    mapping[lab] = rep
        unknown.sort(key=lambda lab: first_seen[lab])
        return mapping, unknown
    # labels spelled alike (equal tokens) form one group; its most frequent spelling represents it
    groups: dict[tuple[_Token, ...], list[str]] = {}
    for lab in sorted(freq, key=lambda lab: (-freq[lab], first_seen[lab])):
        groups.setdefault(tokens[lab], []).append(lab)
    split_keys = {label_tokens(lab) for lab in split}
    weight = {key: sum(freq[lab] for lab in labs) for key, labs in groups.items()}
    # most frequent first, so that clusters are anchored on common spellings
    order = sorted(groups, key=lambda key: (-weight[key], first_seen[groups[key][0]]))
    clusters: list[list[tuple[_Token, ...]]] = []
    for key in order:
        fits = [] if not merge or key in split_keys else [cl for cl in clusters if _tokens_match(cl[0], key)]
        if len(fits) == 1:
            fits[0].append(key)
        else:
            clusters.append([key])
    for cl in clusters:
        canon = groups[cl[0]][0]
        for key in cl:
            for lab in groups[key]:
                mapping[lab] = canon
    return mapping, unknown


def merges(mapping: Mapping[str, str]) -> dict[str, list[str]]:
    """canonical label -> the other spellings read as it (from a variant -> canonical mapping)."""
    out: dict[str, list[str]] = {}
    for variant, canon in mapping.items():
        if variant != canon:
            out.setdefault(canon, []).append(variant)
    return out


def _natural_key(label: str) -> tuple:
    parts: list[tuple[int, int | str]] = []
    for t in label_tokens(label):
        for piece in re.findall(r"\d+|\D+", t.text):
            parts.append((0, int(piece)) if piece.isdigit() else (1, piece))
    return tuple(parts)


def _theme_sort_key(label: str) -> tuple:
    tokens = label_tokens(label)
    numbered = bool(tokens) and (tokens[0].kind == "code" or (
        len(tokens) > 1 and tokens[0].text in _CODE_PREFIXES and tokens[1].kind == "code"))
    return (not numbered, _natural_key(label), normalise_label(label))
