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

The package: ``types`` (problems, registrant, registration), ``actors`` (actor types, yes/no),
``labels`` (theme-label merging), ``tables`` (CSV/XLSX reading), ``columns`` (header recognition) and
``parse`` (the entry points re-exported here).
"""

from __future__ import annotations

from samskap.workshops.regimport.actors import infer_actor_type, parse_actor_type
from samskap.workshops.regimport.labels import (
    canonical_labels,
    label_tokens,
    merges,
    normalise_label,
    same_theme,
    spelled_alike,
)
from samskap.workshops.regimport.parse import check_settings, parse_registrations, read_registrations
from samskap.workshops.regimport.tables import read_table
from samskap.workshops.regimport.types import (
    Problem,
    Registrant,
    Registration,
    RegistrationImportError,
    render,
)

__all__ = [
    "Problem", "Registrant", "Registration", "RegistrationImportError", "canonical_labels", "check_settings",
    "infer_actor_type", "label_tokens", "merges", "normalise_label", "parse_actor_type", "parse_registrations",
    "read_registrations", "read_table", "render", "same_theme", "spelled_alike",
]
