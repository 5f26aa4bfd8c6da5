"""Read the Research Council of Norway's open applications dataset ("Søknader - versjon 2", soknader2) and
count applications and grants. Pure: no Django imports.

One row per application; the columns used are aktivitet_kode, aktivitet, soknadstype, soknadstypevariant,
prosjektfase (Mottatt, Vurderes, Avslag, Bevilgning, Avsluttet: granted projects are Bevilgning or Avsluttet),
sektor, kategori, fylkenummer, fylke, soknadsfrist, soknadsdato, sokt_belop and tildelt_belop. Rows are counted
per activity, application type and variant, sector and category, county and year (of the deadline, else of
the application). Problems name the row (the header is row 1); a bad file is refused whole.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from samskap.core import safefiles
from samskap.core.problems import Problem, ProblemsError, gettext_noop

REQUIRED = ("aktivitet_kode", "soknadstype", "prosjektfase", "sektor")
OPTIONAL = ("aktivitet", "soknadstypevariant", "kategori", "fylkenummer", "fylke", "soknadsfrist", "soknadsdato",
            "sokt_belop", "tildelt_belop")
GRANTED = {"bevilgning", "avsluttet"}
REJECTED = {"avslag"}
PENDING = {"mottatt", "vurderes"}
MAX_ROWS = 2_000_000
MAX_PROBLEMS = 20


class RcnFileError(ProblemsError):
    """The file cannot be imported; ``problems`` says why."""


@dataclass
class Tally:
    applications: int = 0
    granted: int = 0
    rejected: int = 0
    applied_amount: int = 0
    granted_amount: int = 0


Key = tuple[str, str, str, str, str, str, str, str, int]  # activity code, name, type, variant, sector, category,
#                                                            county code, county name, year


@dataclass
class Parsed:
    tallies: dict[Key, Tally]
    rows: int
    latest_application: dt.date | None


def _amount(text: str) -> int | None:
    text = text.strip().replace("\xa0", "").replace(" ", "")
    if text == "":
        return 0
    if not re.fullmatch(r"\d+(\.\d+)?", text):
        return None
    return int(round(float(text)))


def _date(text: str) -> dt.date | None:
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", text.strip())
    if not match:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def parse(data: bytes) -> Parsed:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RcnFileError([Problem(gettext_noop("The file is not UTF-8 text (byte %(pos)d)."),
                                    {"pos": exc.start})]) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        records = safefiles.read_csv(text, delimiter=delimiter, max_rows=MAX_ROWS, max_columns=200)
    except safefiles.FileProblem as exc:
        raise RcnFileError([Problem(exc.template, exc.params)]) from None
    if not records:
        raise RcnFileError([Problem(gettext_noop("The file is empty."))])
    header = [c.strip().lower() for c in records[0][1]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise RcnFileError([Problem(gettext_noop("Row 1: the header lacks the column(s) %(columns)s; this is not "
                                                 "the Research Council's applications dataset."),
                                    {"columns": ", ".join(missing)})])
    index = {name: header.index(name) for name in (*REQUIRED, *OPTIONAL) if name in header}
    problems: list[Problem] = []
    tallies: dict[Key, Tally] = {}
    latest: dt.date | None = None
    count = 0
    for number, cells in records[1:]:
        if not any(cells):
            continue

        def get(name: str, cells: list[str] = cells) -> str:
            return cells[index[name]].strip() if name in index and index[name] < len(cells) else ""

        phase = get("prosjektfase").lower()
        if phase not in GRANTED | REJECTED | PENDING:
            problems.append(Problem(gettext_noop("Row %(row)d: the phase '%(value)s' is not one of Mottatt, Vurderes, "
                                                 "Avslag, Bevilgning, Avsluttet."),
                                    {"row": number, "value": get("prosjektfase")[:40]}))
            continue
        if not get("aktivitet_kode"):
            problems.append(Problem(gettext_noop("Row %(row)d: the activity code is missing."), {"row": number}))
            continue
        applied, granted_amount = _amount(get("sokt_belop")), _amount(get("tildelt_belop"))
        if applied is None or granted_amount is None:
            problems.append(Problem(gettext_noop("Row %(row)d: an amount is not a number (%(value)s)."),
                                    {"row": number, "value": (get("sokt_belop") + " " + get("tildelt_belop"))[:40]}))
            continue
        deadline, applied_on = _date(get("soknadsfrist")), _date(get("soknadsdato"))
        when = deadline or applied_on
        if when is None:
            problems.append(Problem(gettext_noop("Row %(row)d: neither the deadline nor the application date is a "
                                                 "date."), {"row": number}))
            continue
        if applied_on and (latest is None or applied_on > latest):
            latest = applied_on
        county_code = get("fylkenummer")
        if county_code and not re.fullmatch(r"\d{1,2}", county_code):
            problems.append(Problem(gettext_noop("Row %(row)d: '%(value)s' is not a county number."),
                                    {"row": number, "value": county_code[:20]}))
            continue
        key: Key = (get("aktivitet_kode")[:40], get("aktivitet")[:200], get("soknadstype")[:100],
                    get("soknadstypevariant")[:150], get("sektor")[:80], get("kategori")[:120],
                    county_code.zfill(2) if county_code else "", get("fylke")[:80], when.year)
        tally = tallies.setdefault(key, Tally())
        tally.applications += 1
        tally.applied_amount += applied
        if phase in GRANTED:
            tally.granted += 1
            tally.granted_amount += granted_amount
        elif phase in REJECTED:
            tally.rejected += 1
        count += 1
    if problems:
        shown = problems[:MAX_PROBLEMS]
        if len(problems) > MAX_PROBLEMS:
            shown.append(Problem(gettext_noop("… and %(count)d more problem(s)."),
                                 {"count": len(problems) - MAX_PROBLEMS}))
        raise RcnFileError(shown)
    if not count:
        raise RcnFileError([Problem(gettext_noop("The file holds no applications."))])
    return Parsed(tallies, count, latest)
