"""Read the Research Council's open dataset of Norwegian participations in Horizon 2020 ("Bevilgninger fra EU
til norske forskningsmiljøer", bevilgningereu). Pure: no Django imports.

`;`-separated UTF-8 with a header row; one row per participation (organisation in a project). The municipality
number of the address is in the pre-2024 structure and may lack its leading zero (301 = 0301 Oslo); the
caller maps it. Problems name the row (the header is row 1); a bad file is refused whole.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from samskap.core import safefiles
from samskap.core.problems import Problem, ProblemsError, gettext_noop

COLUMNS = {
    "framework": "Rammeprogram", "programme": "Program (H2020)", "project_number": "Prosjektnr",
    "acronym": "Prosjektkortnavn", "title": "Prosjektnavn", "topic": "Topic", "action_type": "Søknadstypenavn",
    "start": "Kontrakt startdato", "end": "Kontrakt sluttdato", "org_number": "Organisasjonsnummer",
    "org_name": "Organisasjonsnavn", "role": "Organisasjon rolle", "sector": "FoU sektor", "category": "FoU kategori",
    "municipality_code": "Adresse kommunenummer", "municipality_name": "Adresse kommune",
    "county_code": "Adresse fylkenummer", "county_name": "Adresse fylke", "amount": "Innvilget beløp organisasjon EUR",
}
REQUIRED = ("project_number", "acronym", "org_name", "amount")
MAX_ROWS = 200_000
MAX_PROBLEMS = 20


class H2020FileError(ProblemsError):
    """The file cannot be imported; ``problems`` says why."""


@dataclass(frozen=True)
class Participation:
    row: int
    framework: str
    programme: str
    project_number: str
    acronym: str
    title: str
    topic: str
    action_type: str
    start: dt.date | None
    end: dt.date | None
    org_number: str
    org_name: str
    role: str
    sector: str
    category: str
    municipality_code: str  # four digits, as in the file (pre-2024 structure)
    municipality_name: str
    county_code: str
    county_name: str
    amount: Decimal

    @property
    def public_body(self) -> str:
        """"county" for a county authority, "municipality" for a municipality, else ""."""
        name = self.org_name.upper()
        if "FYLKESKOMMUNE" in name:
            return "county"
        if re.search(r"\bKOMMUNE\b", name):
            return "municipality"
        return ""


def _date(text: str) -> dt.date | None:
    match = re.match(r"(\d{2})\.(\d{2})\.(\d{4})", text.strip())
    if not match:
        return None
    try:
        return dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    except ValueError:
        return None


def parse(data: bytes) -> list[Participation]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise H2020FileError([Problem(gettext_noop("The file is not UTF-8 text (byte %(pos)d)."),
                                      {"pos": exc.start})]) from None
    try:
        records = safefiles.read_csv(text, delimiter=";", max_rows=MAX_ROWS)
    except safefiles.FileProblem as exc:
        raise H2020FileError([Problem(exc.template, exc.params)]) from None
    if not records:
        raise H2020FileError([Problem(gettext_noop("The file is empty."), {})])
    header = [c.strip() for c in records[0][1]]
    missing = [COLUMNS[k] for k in REQUIRED if COLUMNS[k] not in header]
    if missing:
        raise H2020FileError([Problem(gettext_noop("Row 1: the header lacks the column(s) %(columns)s; this is not "
                                                   "the Research Council's Horizon 2020 dataset."),
                                      {"columns": ", ".join(missing)})])
    index = {key: header.index(name) for key, name in COLUMNS.items() if name in header}
    problems: list[Problem] = []
    out: list[Participation] = []
    for number, cells in records[1:]:
        if not any(cells):
            continue

        def get(key: str, cells: list[str] = cells) -> str:
            return cells[index[key]].strip() if key in index and index[key] < len(cells) else ""

        try:
            amount = Decimal(get("amount").replace(",", ".") or "0")
            if not amount.is_finite() or amount < 0 or amount > Decimal("1e10"):
                raise InvalidOperation
        except InvalidOperation:
            problems.append(Problem(gettext_noop("Row %(row)d: the EU contribution '%(value)s' is not an amount."),
                                    {"row": number, "value": get("amount")[:40]}))
            continue
        code = get("municipality_code")
        if code and not re.fullmatch(r"\d{3,4}", code):
            problems.append(Problem(gettext_noop("Row %(row)d: '%(value)s' is not a municipality number."),
                                    {"row": number, "value": code[:20]}))
            continue
        org_number = get("org_number")
        if org_number and not re.fullmatch(r"\d{9}", org_number):
            org_number = ""  # foreign or missing: kept as a name only
        if not get("project_number") or not get("org_name"):
            problems.append(Problem(gettext_noop("Row %(row)d: the project number or the organisation is missing."),
                                    {"row": number}))
            continue
        out.append(Participation(
            row=number, framework=get("framework")[:20], programme=get("programme")[:300],
            project_number=get("project_number")[:20], acronym=get("acronym")[:100], title=get("title")[:500],
            topic=get("topic")[:300], action_type=get("action_type")[:100], start=_date(get("start")),
            end=_date(get("end")), org_number=org_number, org_name=get("org_name")[:200], role=get("role")[:40],
            sector=get("sector")[:80], category=get("category")[:120], municipality_code=code.zfill(4) if code else "",
            municipality_name=get("municipality_name")[:100], county_code=get("county_code").zfill(2)
            if get("county_code") else "", county_name=get("county_name")[:100], amount=amount))
    if problems:
        shown = problems[:MAX_PROBLEMS]
        if len(problems) > MAX_PROBLEMS:
            shown.append(Problem(gettext_noop("… and %(count)d more problem(s)."),
                                 {"count": len(problems) - MAX_PROBLEMS}))
        raise H2020FileError(shown)
    if not out:
        raise H2020FileError([Problem(gettext_noop("The file holds no participations."), {})])
    return out
