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
    labels are merged when they are clearly the same theme (see
    :func:`canonical_labels`); the mapping variant -> canonical label is
    returned in ``Registration.merged_labels``.

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
import difflib
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
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

_STOP = {
    "og", "om", "i", "for", "av", "på", "til", "ved", "med", "en", "et", "ei",
    "å", "som", "the", "and", "of", "in", "on", "to", "a",
}
_NUM_RE = re.compile(r"^(?:tema|theme|verksted|workshop)?\s*(\d+)\s+(.*)$|^(?:tema|theme)\s*(\d+)$")


def normalise_label(label: str) -> str:
    """Case-, punctuation- and whitespace-insensitive key of a theme label."""
    s = unicodedata.normalize("NFKC", label or "").casefold()
    s = s.replace("&", " og ")
    s = re.sub(r"[^\w\s]", " ", s)
    s = s.replace("_", " ")
    return " ".join(s.split())


def _split_number(key: str) -> tuple[int | None, list[str]]:
    m = _NUM_RE.match(key)
    if not m:
        return None, key.split()
    if m.group(3) is not None:
        return int(m.group(3)), []
    return int(m.group(1)), m.group(2).split()


def _content(tokens: list[str]) -> list[str]:
    c = [t for t in tokens if t not in _STOP]
    return c or tokens


def _token_similarity(a: list[str], b: list[str]) -> float:
    """Share of content tokens that match (exactly or as a close typo),
    measured against the longer label."""
    a, b = _content(a), _content(b)
    if not a or not b:
        return 0.0
    rest = list(b)
    matched = 0
    for tok in a:
        best = None
        for cand in rest:
            if cand == tok or (
                min(len(cand), len(tok)) >= 5
                and difflib.SequenceMatcher(None, cand, tok).ratio() >= 0.85
            ):
                best = cand
                break
        if best is not None:
            matched += 1
            rest.remove(best)
    return matched / max(len(a), len(b))


def same_theme(a: str, b: str) -> bool:
    """Conservative test whether two labels name the same theme.

    Equal normalised keys always match.  Labels with different "Tema N"
    numbers never match.  Labels with the same number match when one has no
    text or their texts share at least half of their content words.  Other
    labels match only when (almost) all content words agree, allowing small
    typos in words of five letters or more.
    """
    ka, kb = normalise_label(a), normalise_label(b)
    if ka == kb:
        return True
    na, ta = _split_number(ka)
    nb, tb = _split_number(kb)
    if na is not None and nb is not None:
        if na != nb:
            return False
        if not ta or not tb:
            return True
        return _token_similarity(ta, tb) >= 0.5
    return _token_similarity(ta, tb) >= 0.85


def canonical_labels(
    labels: Sequence[str], known: Sequence[str] | None = None
) -> tuple[dict[str, str], list[str]]:
    """Cluster label variants.

    Returns ``(mapping, unknown)``: ``mapping`` sends every (stripped) input
    label to its canonical label; ``unknown`` lists labels matching none of
    ``known`` (only when ``known`` is given; they are then left out of the
    mapping).  Without ``known`` the canonical label of a cluster is its most
    frequent spelling (ties: first seen).
    """
    cleaned = [" ".join(lab.split()) for lab in labels if lab and lab.strip()]
    freq = Counter(cleaned)
    first_seen = {lab: i for i, lab in reversed(list(enumerate(cleaned)))}
    mapping: dict[str, str] = {}
    unknown: list[str] = []
    if known is not None:
        reps = [" ".join(k.split()) for k in known]
        for lab in freq:
            hits = [r for r in reps if normalise_label(r) == normalise_label(lab)]
            if not hits:
                hits = [r for r in reps if same_theme(r, lab)]
            if len(hits) == 1 or (hits and all(normalise_label(h) == normalise_label(hits[0]) for h in hits)):
                mapping[lab] = hits[0]
            else:
                unknown.append(lab)
        return mapping, unknown
    # most frequent first, so that clusters are anchored on common spellings
    order = sorted(freq, key=lambda lab: (-freq[lab], first_seen[lab]))
    clusters: list[list[str]] = []
    for lab in order:
        for cl in clusters:
            if same_theme(cl[0], lab):
                cl.append(lab)
                break
        else:
            clusters.append([lab])
    for cl in clusters:
        canon = cl[0]
        for lab in cl:
            mapping[lab] = canon
    return mapping, unknown


def _theme_sort_key(label: str) -> tuple:
    num, _rest = _split_number(normalise_label(label))
    return (num is None, num or 0, normalise_label(label))


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
) -> Registration:
    """Read a registration file; see the module docstring for the format.

    ``themes`` optionally lists the offered theme labels (for all sessions,
    or per session as ``{"1": [...], "2": [...]}``); choices that match none
    of them are errors.
    """
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise RegistrationImportError(
            Problem(_("cannot read %(path)s: %(error)s"), path=p, error=exc.strerror or exc)
        ) from None
    return parse_registrations(data, p.name, themes=themes)


def parse_registrations(
    data: bytes,
    filename: str = "",
    *,
    themes: Sequence[str] | Mapping[str, Sequence[str]] | None = None,
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
        mapping, _unknown = canonical_labels(all_labels)
    else:
        per = themes if isinstance(themes, Mapping) else {s: themes for s in sessions}
        for s in sessions:
            labs = [at(cells, i) for _row, cells in raw_rows for i in session_cols[s]]
            known = per.get(s)
            if known is None:
                errors.append(Problem(_("no theme list given for session %(session)s"), session=s))
                continue
            m, unk = canonical_labels(labs, known)
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
