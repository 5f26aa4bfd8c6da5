"""Read workshop registration files (CSV or XLSX) into plain data -- no Django.

File layout (first non-empty row is the header; row numbers in messages are
spreadsheet rows, the header being row 1 when it is the first line):

Required columns
    ``Fornavn``, ``Etternavn``, ``Organisasjon`` and, per session N, either
    ``Verkstedtema økt N`` (one chosen theme) or ranked choices
    ``Økt N valg 1``, ``Økt N valg 2``, ``Økt N valg 3`` ...
    Sessions are named by the number in the header ("1", "2", ...).
Optional columns
    ``E-post``; ``Rolle`` / ``Type`` / ``Rolle/Type`` (actor type, see
    :func:`parse_actor_type`); ``Vil være bordvert`` and ``Vil være
    referent`` (ja/nei, yes/no, x, 1/0; empty = nei).  Unknown columns are
    ignored with a warning.

Values
    An empty choice means the person does not attend that session.  Theme
    labels are merged only when they are spelling variants of one label
    (see :func:`same_theme` and :func:`canonical_labels`; never two labels
    with other numbers or codes, or other words); the mapping variant ->
    canonical label is returned in ``Registration.merged_labels``.

Encodings and formats
    CSV in UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252;
    separator ``,``, ``;`` or tab (taken from the header line).  XLSX via
    openpyxl (first worksheet, read by :mod:`samskap.core.safefiles`: read-only, at most
    20,000 rows x 200 columns, zip bombs and XML entities refused).  Old binary ``.xls`` is refused
    with a hint.

Errors
    Every problem is collected; if any row has an error, nothing is imported
    and :class:`RegistrationImportError` lists all of them (``.errors``).
    Duplicates (same first name + last name + organisation, compared without
    case/extra spaces): rows with identical answers are merged into the first
    one (a warning is returned); rows with different answers are an error that
    names both rows.

Actor type when no Rolle/Type is given: inferred from the organisation name
(see :func:`infer_actor_type`) -- "... kommune" -> municipality; NTNU,
universitet, høgskole, SINTEF, forskning, institutt -> research;
Forskningsrådet, Innovasjon Norge, fylkeskommune, Statsforvalteren,
Fylkesmannen, KS, regionale forskningsfond -> funding; otherwise other.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from samskap.core import safefiles


def _(template: str) -> str:
    """Mark a message for translation (``makemessages`` collects ``_("...")``). This module has no
    Django: it keeps messages in English and the web translates a :class:`Problem` with
    :func:`render` when it shows it."""
    return template


class Problem(str):
    """A message: the English text (it *is* a str, for the CLI and logs) plus its template and
    parameters, so that the web can show it in the user's language (see :func:`render`)."""

    template: str
    params: dict[str, object]

    def __new__(cls, template: str, **params: object) -> Problem:
        obj = super().__new__(cls, template % params if params else template)
        obj.template = template
        obj.params = params
        return obj


def render(message: str, translate: Callable[[str], str]) -> str:
    """``message`` in the language of ``translate`` (for example Django's ``gettext``)."""
    if isinstance(message, Problem):
        text = translate(message.template)
        return text % message.params if message.params else text
    return str(message)


class RegistrationImportError(ValueError):
    """The file could not be imported; ``errors`` lists every problem."""

    def __init__(self, errors: Sequence[str] | str):
        self.errors = [errors] if isinstance(errors, str) else list(errors)
        head = self.errors[0] if len(self.errors) == 1 else f"{len(self.errors)} errors"
        super().__init__(head + ("" if len(self.errors) == 1 else ":\n" + "\n".join(self.errors)))


@dataclass
class Registrant:
    row: int  # spreadsheet row number (header = row 1)
    first_name: str
    last_name: str
    organisation: str
    email: str = ""
    actor_type: str = "other"
    actor_type_inferred: bool = True
    # session -> canonical theme labels, best first (empty = not attending)
    choices: dict[str, list[str]] = field(default_factory=dict)
    volunteer_host: bool = False
    volunteer_note_taker: bool = False
    merged_rows: list[int] = field(default_factory=list)  # identical duplicates

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass
class Registration:
    sessions: list[str]  # "1", "2", ... in numeric order
    themes: dict[str, list[str]]  # session -> canonical labels (sorted)
    participants: list[Registrant]
    merged_labels: dict[str, str]  # variant -> canonical label (only real merges)
    warnings: list[str] = field(default_factory=list)
    source: dict[str, str] = field(default_factory=dict)  # format, encoding, delimiter

    @property
    def merges(self) -> dict[str, list[str]]:
        """canonical label -> the other spellings in the file that were read as it."""
        return merges(self.merged_labels)


# ---------------------------------------------------------------------------
# Actor types
# ---------------------------------------------------------------------------

_FUNDING_PATTERNS = [
    r"forskningsråd",
    r"innovasjon norge",
    r"fylkeskommune",
    r"statsforvalter",
    r"fylkesmann",
    r"\bks\b",
    r"regionale forskningsfond",
    r"\brff\b",
    r"interreg",
    r"\bsiva\b",
    r"husbanken",
    r"distriktssenteret",
]
_RESEARCH_PATTERNS = [
    r"\bntnu\b",
    r"universitet",
    r"university",
    r"h[øo]g[s]?kole",
    r"h[øo]yskole",
    r"\bsintef\b",
    r"forskning",
    r"\bfou\b",
    r"\bf&u\b",
    r"institutt",
    r"\bhunt\b",
    r"\bnibio\b",
    r"\bnofima\b",
    r"\bnina\b",
    r"\bnorce\b",
    r"\bnifu\b",
    r"kunnskapssenter",
    r"research",
]
_MUNICIPALITY_PATTERNS = [r"kommune\b", r"\bkommune", r"\bbydel\b", r"municipality"]


def infer_actor_type(organisation: str) -> str:
    """Actor type from an organisation name (funding checked first, so that
    "Forskningsrådet" and "Trøndelag fylkeskommune" are not research or
    municipality)."""
    org = " ".join(unicodedata.normalize("NFKC", organisation or "").casefold().split())
    if any(re.search(p, org) for p in _FUNDING_PATTERNS):
        return "funding"
    if any(re.search(p, org) for p in _RESEARCH_PATTERNS):
        return "research"
    if any(re.search(p, org) for p in _MUNICIPALITY_PATTERNS):
        return "municipality"
    return "other"


_ACTOR_WORDS = {
    "municipality": ["kommune", "kommunal", "municipality", "kommunesektor"],
    "research": [
        "forskning", "forsker", "fou", "research", "kunnskap", "universitet",
        "høgskole", "akademia", "uh",
    ],
    "funding": [
        "virkemiddel", "funding", "finansiering", "støtte", "support",
        "fylkeskommune", "statsforvalter", "regional",
    ],
    "other": ["annet", "annen", "other", "næringsliv", "bedrift", "helseforetak", "frivillig"],
}


def parse_actor_type(value: str) -> str | None:
    """Map a free-text Rolle/Type value to an actor type; None if unknown."""
    v = " ".join(unicodedata.normalize("NFKC", value).casefold().split())
    if not v:
        return None
    if v in ("municipality", "research", "funding", "other"):
        return v
    # funding words first: "fylkeskommune" contains "kommune"
    for kind in ("funding", "research", "municipality", "other"):
        if any(w in v for w in _ACTOR_WORDS[kind]):
            return kind
    return None


_YES = {"ja", "j", "yes", "y", "x", "1", "true", "sant", "ok"}
_NO = {"nei", "n", "no", "0", "false", "usant", "-", ""}


def _parse_bool(value: str) -> bool | None:
    v = value.strip().casefold()
    if v in _YES:
        return True
    if v in _NO:
        return False
    return None


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


# ---------------------------------------------------------------------------
# Reading tables
# ---------------------------------------------------------------------------


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise RegistrationImportError(
                Problem(_("the file starts with a UTF-8 byte-order mark but is not valid UTF-8 (%(error)s)"), error=exc)
            ) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise RegistrationImportError(Problem(_("invalid UTF-16 file (%(error)s)"), error=exc)) from None
    if b"\x00" in data[:4096]:
        raise RegistrationImportError(
            Problem(_("unreadable file: it contains binary data (not a CSV text file or an .xlsx workbook)"))
        )
    try:
        text, enc = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            text, enc = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            raise RegistrationImportError(
                Problem(_("wrong encoding: the file is neither UTF-8 nor Windows-1252; save it as 'CSV UTF-8' or as .xlsx"))
            ) from None
    if "\x00" in text:
        raise RegistrationImportError(
            Problem(_("unreadable file: it contains binary data (not a CSV text file or an .xlsx workbook)"))
        )
    if re.search("Ã[\u0080-\u00bf¦¥¸˜…†Ÿ©¨]", text):
        raise RegistrationImportError(
            Problem(_("wrong encoding: the text looks double-encoded (UTF-8 read as Windows-1252, e.g. 'Ã¸' "
                      "instead of 'ø'); export the file again as 'CSV UTF-8'"))
        )
    return text, enc


def _sniff_delimiter(text: str) -> str:
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    counts = {d: first.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    if counts[best] > 0 and list(counts.values()).count(counts[best]) == 1:
        return best
    try:
        return csv.Sniffer().sniff(text[:20000], delimiters=";,\t").delimiter
    except csv.Error:
        return best if counts[best] else ","


def read_table(data: bytes, filename: str = "") -> tuple[list[str], list[tuple[int, list[str]]], dict]:
    """Return (header, [(row number, cells)], source info) for CSV or XLSX."""
    suffix = Path(filename).suffix.casefold()
    if data.startswith(b"\xd0\xcf\x11\xe0") or suffix == ".xls":
        raise RegistrationImportError(
            Problem(_("old Excel .xls files are not supported: save the sheet as .xlsx or CSV"))
        )
    if data.startswith(b"PK\x03\x04") or suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(data)
    if not data.strip():
        raise RegistrationImportError(Problem(_("the file is empty")))
    text, enc = _decode(data)
    delim = _sniff_delimiter(text)
    try:
        rows = safefiles.read_csv(text, delimiter=delim)
    except safefiles.FileProblem as exc:
        raise RegistrationImportError(Problem(exc.template, **exc.params)) from None
    return _split_header(rows, {"format": "csv", "encoding": enc, "delimiter": delim})


def _read_xlsx(data: bytes):
    """The first worksheet, read by :func:`samskap.core.safefiles.read_xlsx` (zip-bomb, DTD, size caps)."""
    try:
        title, rows = safefiles.read_xlsx(data)
    except safefiles.FileProblem as exc:
        raise RegistrationImportError(Problem(exc.template, **exc.params)) from None
    return _split_header(rows, {"format": "xlsx", "sheet": title})


def _split_header(rows, info):
    body = [(n, cells) for n, cells in rows]
    while body and not any(body[0][1]):
        body.pop(0)
    if not body:
        raise RegistrationImportError(Problem(_("the file has no header row")))
    header = body[0][1]
    info["header_row"] = str(body[0][0])
    return header, body[1:], info


# ---------------------------------------------------------------------------
# Header recognition
# ---------------------------------------------------------------------------


def _norm_header(h: str) -> str:
    s = unicodedata.normalize("NFKC", h or "").casefold()
    s = re.sub(r"[^\w\s]", " ", s).replace("_", " ")
    return " ".join(s.split())


_SIMPLE = {
    "first": {"fornavn", "first name", "firstname", "given name"},
    "last": {"etternavn", "last name", "lastname", "surname", "family name"},
    "org": {"organisasjon", "organisation", "organization", "virksomhet", "arbeidsgiver"},
    "email": {"e post", "epost", "e mail", "email", "mail", "e postadresse"},
    "type": {"rolle", "type", "rolle type", "aktørtype", "aktør", "aktortype", "actor type"},
    "host": {"vil være bordvert", "vil vaere bordvert", "bordvert"},
    "note": {"vil være referent", "vil vaere referent", "referent"},
}
_SINGLE_RE = re.compile(r"^(?:verkstedtema|tema)\s+(?:økt|okt|sesjon|session)\s*(\d+)$")
_RANKED_RE = re.compile(
    r"^(?:økt|okt|sesjon|session)\s*(\d+)\s+(?:valg|choice|prioritet)\s*(\d+)$"
)
REQUIRED = ("Fornavn", "Etternavn", "Organisasjon")


def _map_header(header: list[str]):
    cols: dict[str, int] = {}
    choice_cols: dict[str, dict[int, int]] = {}  # session -> rank -> column
    single_cols: dict[str, int] = {}
    errors: list[str] = []
    warnings: list[str] = []
    for i, raw in enumerate(header):
        h = _norm_header(raw)
        if not h:
            continue
        hit = next((k for k, names in _SIMPLE.items() if h in names), None)
        if hit:
            if hit in cols:
                errors.append(Problem(_("column '%(column)s' appears twice"), column=raw))
            cols[hit] = i
            continue
        m = _SINGLE_RE.match(h)
        if m:
            s = str(int(m.group(1)))
            if s in single_cols:
                errors.append(Problem(_("column '%(column)s' appears twice"), column=raw))
            single_cols[s] = i
            continue
        m = _RANKED_RE.match(h)
        if m:
            s, r = str(int(m.group(1))), int(m.group(2))
            if r in choice_cols.setdefault(s, {}):
                errors.append(Problem(_("column '%(column)s' appears twice"), column=raw))
            choice_cols[s][r] = i
            continue
        warnings.append(Problem(_("ignored column '%(column)s'"), column=raw))
    missing = [name for key, name in zip(("first", "last", "org"), REQUIRED, strict=True) if key not in cols]
    if missing:
        errors.append(Problem(_("missing required column(s): %(columns)s"), columns=", ".join(missing)))
    if not choice_cols and not single_cols:
        errors.append(Problem(
            _("missing theme columns: expected 'Verkstedtema økt N' or 'Økt N valg 1', 'Økt N valg 2', ... "
              "for each session N")
        ))
    for s in sorted(set(choice_cols) & set(single_cols)):
        errors.append(Problem(
            _("session %(session)s has both a 'Verkstedtema økt %(session)s' column and ranked "
              "'Økt %(session)s valg K' columns; use one of them"), session=s
        ))
    sessions: dict[str, list[int]] = {}
    for s, ranks in choice_cols.items():
        sessions[s] = [ranks[r] for r in sorted(ranks)]
    for s, c in single_cols.items():
        sessions.setdefault(s, [c])
    return cols, sessions, errors, warnings


# ---------------------------------------------------------------------------
# Public entry points
# ---------------------------------------------------------------------------


def read_registrations(
    path: str | Path,
    *,
    themes: Sequence[str] | Mapping[str, Sequence[str]] | None = None,
    merge: bool = True,
    split: Collection[str] = (),
) -> Registration:
    """Read a registration file; see the module docstring for the format.

    ``themes`` optionally lists the offered theme labels (for all sessions,
    or per session as ``{"1": [...], "2": [...]}``); choices that match none
    of them are errors.  ``merge=False`` merges only labels spelled alike
    (case, punctuation, whitespace); labels in ``split`` are not merged into
    another spelling (see :func:`canonical_labels`).
    """
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise RegistrationImportError(
            Problem(_("cannot read %(path)s: %(error)s"), path=p, error=exc.strerror or exc)
        ) from None
    return parse_registrations(data, p.name, themes=themes, merge=merge, split=split)


def parse_registrations(
    data: bytes,
    filename: str = "",
    *,
    themes: Sequence[str] | Mapping[str, Sequence[str]] | None = None,
    merge: bool = True,
    split: Collection[str] = (),
) -> Registration:
    header, body, info = read_table(data, filename)
    cols, session_cols, errors, warnings = _map_header(header)
    if errors:
        raise RegistrationImportError(errors)
    sessions = sorted(session_cols, key=int)

    def get(cells: list[str], key: str) -> str:
        i = cols.get(key)
        return cells[i].strip() if i is not None and i < len(cells) else ""

    def at(cells: list[str], i: int) -> str:
        return " ".join(cells[i].split()) if i < len(cells) else ""

    # 1) collect raw labels, canonicalise them (per known list if given)
    raw_rows = [(n, cells) for n, cells in body if any(c.strip() for c in cells)]
    all_labels = [
        at(cells, i) for _row, cells in raw_rows for s in sessions for i in session_cols[s]
    ]
    mapping: dict[str, str] = {}
    unknown_by_session: dict[str, set[str]] = {}
    if themes is None:
        mapping, _unknown = canonical_labels(all_labels, merge=merge, split=split)
    else:
        per = themes if isinstance(themes, Mapping) else {s: themes for s in sessions}
        for s in sessions:
            labs = [at(cells, i) for _row, cells in raw_rows for i in session_cols[s]]
            known = per.get(s)
            if known is None:
                errors.append(Problem(_("no theme list given for session %(session)s"), session=s))
                continue
            m, unk = canonical_labels(labs, known, merge=merge)
            for lab, canon in m.items():
                mapping.setdefault(lab, canon)
            unknown_by_session[s] = set(unk)

    # 2) rows
    people: list[Registrant] = []
    for n, cells in raw_rows:
        row_err: list[str] = []
        first, last, org = get(cells, "first"), get(cells, "last"), get(cells, "org")
        for value, name in ((first, "Fornavn"), (last, "Etternavn"), (org, "Organisasjon")):
            if not value:
                row_err.append(Problem(_("row %(row)s: %(column)s is empty"), row=n, column=name))
        choices: dict[str, list[str]] = {}
        for s in sessions:
            picked: list[str] = []
            seen_gap = False
            for rank, i in enumerate(session_cols[s], start=1):
                lab = at(cells, i)
                if not lab:
                    seen_gap = True
                    continue
                if lab in unknown_by_session.get(s, ()):
                    row_err.append(Problem(
                        _("row %(row)s: unknown theme '%(theme)s' in '%(column)s'"), row=n, theme=lab, column=header[i]
                    ))
                    continue
                canon = mapping.get(lab, lab)
                if canon in picked:
                    warnings.append(Problem(
                        _("row %(row)s: theme '%(theme)s' chosen twice in session %(session)s"),
                        row=n, theme=canon, session=s,
                    ))
                    continue
                if seen_gap and picked is not None:
                    warnings.append(Problem(
                        _("row %(row)s: session %(session)s choice %(rank)s given after an empty choice"),
                        row=n, session=s, rank=rank,
                    ))
                    seen_gap = False
                picked.append(canon)
            choices[s] = picked
        host = note = False
        for key, label in (("host", "Vil være bordvert"), ("note", "Vil være referent")):
            if key in cols:
                val = _parse_bool(get(cells, key))
                if val is None:
                    row_err.append(Problem(
                        _("row %(row)s: '%(column)s' must be ja or nei (got '%(value)s')"),
                        row=n, column=label, value=get(cells, key),
                    ))
                elif key == "host":
                    host = val
                else:
                    note = val
        given_type = get(cells, "type")
        if given_type:
            actor = parse_actor_type(given_type)
            inferred = False
            if actor is None:
                row_err.append(Problem(
                    _("row %(row)s: unknown Rolle/Type '%(value)s' (use kommune, forskning, virkemiddel or annet)"),
                    row=n, value=given_type,
                ))
                actor = "other"
        else:
            actor, inferred = infer_actor_type(org), True
        if not any(choices.values()) and not row_err:
            warnings.append(Problem(
                _("row %(row)s: %(name)s chose no theme in any session"), row=n, name=f"{first} {last}"
            ))
        errors.extend(row_err)
        people.append(
            Registrant(
                row=n,
                first_name=first,
                last_name=last,
                organisation=org,
                email=get(cells, "email"),
                actor_type=actor,
                actor_type_inferred=inferred,
                choices=choices,
                volunteer_host=host,
                volunteer_note_taker=note,
            )
        )
    if unknown_by_session:
        unk = sorted({u for us in unknown_by_session.values() for u in us})
        if unk:
            assert themes is not None  # unknown labels are only collected against a list
            offered = themes if not isinstance(themes, Mapping) else sorted(
                {t for ts in themes.values() for t in ts}
            )
            errors.append(Problem(
                _("unknown theme(s): %(unknown)s -- offered themes: %(offered)s"),
                unknown="; ".join(f"'{u}'" for u in unk), offered="; ".join(f"'{t}'" for t in offered),
            ))

    # 3) duplicates: same name + organisation
    kept: list[Registrant] = []
    by_key: dict[tuple[str, str], Registrant] = {}
    for p in people:
        dup_key = (normalise_label(f"{p.first_name} {p.last_name}"), normalise_label(p.organisation))
        other = by_key.get(dup_key)
        if other is None:
            by_key[dup_key] = p
            kept.append(p)
            continue
        same = (
            other.choices == p.choices
            and other.email.casefold() == p.email.casefold()
            and other.actor_type == p.actor_type
            and other.volunteer_host == p.volunteer_host
            and other.volunteer_note_taker == p.volunteer_note_taker
        )
        if same:
            other.merged_rows.append(p.row)
            warnings.append(Problem(
                _("row %(row)s: identical duplicate of row %(other)s (%(name)s, %(organisation)s); merged"),
                row=p.row, other=other.row, name=p.name, organisation=p.organisation,
            ))
        else:
            errors.append(Problem(
                _("rows %(other)s and %(row)s: %(name)s (%(organisation)s) is registered twice with different "
                  "answers; remove one of the rows"),
                other=other.row, row=p.row, name=p.name, organisation=p.organisation,
            ))
    if errors:
        raise RegistrationImportError(errors)
    if not kept:
        raise RegistrationImportError(Problem(_("the file has a header but no registrations")))

    theme_lists: dict[str, list[str]] = {}
    for s in sessions:
        chosen = {t for p in kept for t in p.choices.get(s, [])}
        theme_lists[s] = sorted(chosen, key=_theme_sort_key)
    merged = {v: c for v, c in mapping.items() if v != c}
    return Registration(sessions, theme_lists, kept, merged, warnings, info)


def check_settings(
    registration: Registration,
    max_group_size: int,
    min_theme_size: int,
    max_groups_per_session: int | None,
) -> None:
    """Raise RegistrationImportError for settings that cannot work."""
    errors: list[str] = []
    if max_group_size < 2:
        errors.append(Problem(_("max group size must be at least 2 (got %(value)s)"), value=max_group_size))
    if min_theme_size < 1:
        errors.append(Problem(_("min theme size must be at least 1 (got %(value)s)"), value=min_theme_size))
    if max_groups_per_session is not None and max_groups_per_session < 1:
        errors.append(Problem(
            _("max groups per session must be at least 1 (got %(value)s)"), value=max_groups_per_session
        ))
    if not errors and max_groups_per_session is not None:
        for s in registration.sessions:
            n = sum(1 for p in registration.participants if p.choices.get(s))
            seats = max_groups_per_session * max_group_size
            if n > seats:
                errors.append(Problem(
                    _("session %(session)s: %(n)s participants must be placed but %(tables)s tables of at most "
                      "%(size)s seat only %(seats)s; at least %(needed)s tables are needed"),
                    session=s, n=n, tables=max_groups_per_session, size=max_group_size, seats=seats,
                    needed=-(-n // max_group_size),
                ))
    if errors:
        raise RegistrationImportError(errors)
