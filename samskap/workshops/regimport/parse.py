"""The public entry points: read and parse a registration file, and check planner settings against it."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from pathlib import Path

from samskap.workshops.regimport.actors import _parse_bool, infer_actor_type, parse_actor_type
from samskap.workshops.regimport.columns import _map_header
from samskap.workshops.regimport.labels import _theme_sort_key, canonical_labels, normalise_label
from samskap.workshops.regimport.tables import read_table
from samskap.workshops.regimport.types import Problem, Registrant, Registration, RegistrationImportError, _

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
