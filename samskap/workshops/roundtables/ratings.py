"""Read a ratings CSV (``person_id``, ``abstract_id``, ``rating``) into a :class:`TablesProblem`.

* ``abstract_id`` is the person id of the presenter; ``rating`` is 1-5, empty = no rating.
* A row may have an empty ``abstract_id`` (a person who rated nothing) or an empty ``person_id`` (a
  presentation nobody rated yet). Every person id and every abstract id is a participant.
* Extra columns are ignored; header names are matched without case and surrounding spaces; comma,
  semicolon or tab separated; UTF-8 (with or without BOM), else Windows-1252.
* Ids must be whole numbers. A person's rating of their own presentation is ignored (nobody listens
  to themselves); a repeated (person, abstract) pair keeps its last rating.
Every problem is reported with its row number (the header is row 1).
"""

from __future__ import annotations

import csv
import io

from samskap.workshops.roundtables.types import TablesError, TablesProblem, TablesSettings

COLUMNS = ("person_id", "abstract_id", "rating")
MAX_ROWS = 1_000_000
MAX_ERRORS = 20


def _decode(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise TablesError(["The file is not a text (CSV) file."])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _dialect(text: str) -> str:
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def _id(value: str) -> str | None:
    """A whole-number id in canonical form ("007" and "7" are the same person), or None if not one."""
    v = value.strip()
    if v.endswith(".0"):  # spreadsheets write 12 as 12.0
        v = v[:-2]
    if not v.isascii() or not v.lstrip("-").isdigit():
        return None
    return str(int(v))


def read_ratings(data: bytes, settings: TablesSettings) -> tuple[TablesProblem, list[str]]:
    """The problem and a list of warnings; raises :class:`TablesError` naming every bad row."""
    text = _decode(data)
    if not text.strip():
        raise TablesError(["The file is empty."])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_dialect(text))
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        raise TablesError([f"Row 1: cannot read the header ({exc})."]) from None
    names = [h.strip().lower() for h in header]
    missing = [c for c in COLUMNS if c not in names]
    if missing:
        raise TablesError([f"Row 1: missing column(s) {', '.join(missing)}; the header must name "
                           f"{', '.join(COLUMNS)} (found: {', '.join(h for h in names if h) or 'nothing'})."])
    pos = {c: names.index(c) for c in COLUMNS}
    people: dict[str, None] = {}
    presenters: dict[str, None] = {}
    ratings: dict[tuple[str, str], int] = {}
    errors: list[str] = []
    warnings: list[str] = []
    row_no = 1
    try:
        for row_no, row in enumerate(reader, start=2):
            if row_no > MAX_ROWS:
                raise TablesError([f"The file has more than {MAX_ROWS:,} rows."])
            if not any(cell.strip() for cell in row):
                continue
            cells = {c: (row[i].strip() if i < len(row) else "") for c, i in pos.items()}
            person = _id(cells["person_id"]) if cells["person_id"] else ""
            abstract = _id(cells["abstract_id"]) if cells["abstract_id"] else ""
            problems = []
            if person is None:
                problems.append(f"person_id {cells['person_id']!r} is not a whole number")
            if abstract is None:
                problems.append(f"abstract_id {cells['abstract_id']!r} is not a whole number")
            rating: int | None = None
            raw = cells["rating"]
            if raw:
                try:
                    value = float(raw.replace(",", "."))
                except ValueError:
                    value = float("nan")
                if value != value or value not in (1, 2, 3, 4, 5):
                    problems.append(f"rating {raw!r} is not a whole number from 1 to 5")
                else:
                    rating = int(value)
            if not person and not abstract and not problems:
                problems.append("both person_id and abstract_id are empty")
            if rating is not None and (not person or not abstract) and not problems:
                problems.append("a rating needs both person_id and abstract_id")
            if problems:
                if len(errors) < MAX_ERRORS:
                    errors.append(f"Row {row_no}: " + "; ".join(problems) + ".")
                elif len(errors) == MAX_ERRORS:
                    errors.append("More rows have errors; only the first ones are listed.")
                continue
            assert person is not None and abstract is not None
            if person:
                people.setdefault(person)
            if abstract:
                people.setdefault(abstract)
                presenters.setdefault(abstract)
            if person and abstract and rating is not None:
                if person == abstract:
                    warnings.append(f"Row {row_no}: person {person} rated their own presentation; ignored.")
                    continue
                if (person, abstract) in ratings and ratings[(person, abstract)] != rating:
                    warnings.append(f"Row {row_no}: person {person} rated presentation {abstract} again; "
                                    f"the last rating ({rating}) is used.")
                ratings[(person, abstract)] = rating
    except csv.Error as exc:
        errors.append(f"Row {row_no}: the CSV cannot be read ({exc}).")
    if errors:
        raise TablesError(errors)
    if not people:
        raise TablesError(["The file has no rows."])
    return TablesProblem(tuple(people), tuple(presenters), ratings, settings), warnings
