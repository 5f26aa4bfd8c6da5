"""Header recognition: which column is which (names, organisation, choices per session, roles)."""

from __future__ import annotations

import re
import unicodedata

from samskap.workshops.regimport.types import Problem, _

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


def _map_header(header: list[str]) -> tuple[dict[str, int], dict[str, list[int]], list[str], list[str]]:
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
