"""Write use cases for the population outlook. Commands, the demo and tests call these; nothing else writes.

`actor` is a user (who must be a coordinator) or a SystemActor (``SYSTEM``) for trusted callers: management commands and
the demo loader. Every import runs in one transaction: a refused file changes nothing.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samskap.core.actors import Actor, SystemActor, is_system, user_of
from samskap.directory.models import County, Municipality
from samskap.directory.permissions import can_edit_municipality, require, require_coordinator
from samskap.outlook import jsonstat
from samskap.outlook import tables as csv_tables
from samskap.outlook.codes import CodeChange, CodeMap, MappingResult, describe_codes, map_table
from samskap.outlook.models import CareBaseline, DataImport, Level, PopulationFigure
from samskap.outlook.queries import county_name_codes, region_name_codes
from samskap.outlook.shipped import shipped_code_changes

SYSTEM = SystemActor("outlook import")


class OutlookImportError(ValidationError):
    """The file cannot be imported; `messages` says why. Nothing was written."""


@dataclass
class ImportReport:
    import_id: int
    table_id: str
    title: str
    illustrative: bool
    series: list[str]
    years: list[int]
    figures: int
    municipalities: int
    counties: int
    country: bool
    has_age: bool
    renamed: dict[str, str] = field(default_factory=dict)
    split: dict[str, list[str]] = field(default_factory=dict)
    merged: dict[str, list[str]] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    skipped_persons: int = 0
    unmapped: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    projection_round: int | None = None

    def lines(self) -> list[str]:
        years = f"{self.years[0]}-{self.years[-1]}" if len(self.years) > 1 else ", ".join(map(str, self.years))
        out = [f"Table {self.table_id or '?'}{' (ILLUSTRATIVE)' if self.illustrative else ''}: {self.figures} "
               f"figures, series {', '.join(self.series)}, years {years}, "
               f"{'age groups' if self.has_age else 'totals only'}; {self.municipalities} municipalities, "
               f"{self.counties} counties{', the country' if self.country else ''}."]
        if self.projection_round:
            out.append(f"Projection round {self.projection_round}.")
        if self.renamed:
            out.append(f"Renumbered to today's codes: {len(self.renamed)} (e.g. "
                       + ", ".join(f"{o}->{n}" for o, n in sorted(self.renamed.items())[:3]) + ").")
        for old, new in sorted(self.split.items()):
            out.append(f"Split {old} -> {', '.join(new)}, shared out by population (an estimate).")
        for target, olds in sorted(self.merged.items()):
            out.append(f"Merged {', '.join(olds)} -> {target} (summed).")
        if self.skipped:
            out.append(f"Skipped (not municipalities, {self.skipped_persons} persons): "
                       f"{describe_codes(self.skipped)}.")
        if self.unmapped:
            out.append(f"Left out (cannot be mapped): {describe_codes(self.unmapped)}.")
        out.extend(self.notes)
        return out


def _translate(problems: list[jsonstat.Problem]) -> list[str]:
    return [_(p.template) % dict(p.params) if p.params else _(p.template) for p in problems]


def _require_importer(actor: Any) -> None:
    if not is_system(actor):
        require_coordinator(actor)


def _map(table: jsonstat.ParsedTable, changes: tuple[CodeChange, ...] | list[CodeChange] | None) -> MappingResult:
    current = set(Municipality.objects.filter(active=True).values_list("code", flat=True))
    counties = set(County.objects.filter(active=True).values_list("code", flat=True))
    return map_table(table, CodeMap(shipped_code_changes() if changes is None else changes, current), counties)


def _store(table: jsonstat.ParsedTable, mapping: MappingResult, source: DataImport) -> int:
    figures: list[PopulationFigure] = []
    groups: dict[tuple[str, str], tuple[set[Any], set[int], set[str]]] = {}

    def remember(level: str, series: str, area: Any, year: int, group: str) -> None:
        areas, years, ages = groups.setdefault((level, series), (set(), set(), set()))
        areas.add(area)
        years.add(year)
        ages.add(group)

    for (code, year, group, series), value in mapping.municipality_cells.items():
        figures.append(PopulationFigure(level=Level.MUNICIPALITY, municipality_id=code, year=year, age_group=group,
                                        series=series, value=value, source=source))
        remember(Level.MUNICIPALITY, series, code, year, group)
    for (code, year, group, series), value in mapping.county_cells.items():
        figures.append(PopulationFigure(level=Level.COUNTY, county_id=code, year=year, age_group=group,
                                        series=series, value=value, source=source))
        remember(Level.COUNTY, series, code, year, group)
    for (year, group, series), value in mapping.country_cells.items():
        figures.append(PopulationFigure(level=Level.COUNTRY, year=year, age_group=group, series=series,
                                        value=value, source=source))
        remember(Level.COUNTRY, series, None, year, group)
    negative = [f for f in figures if f.value < 0]
    if negative:
        first = negative[0]
        raise OutlookImportError(_("Negative population figure (%(area)s, %(year)d): nothing was imported.")
                                 % {"area": first.municipality_id or first.county_id or "NO", "year": first.year})
    # A new import replaces what it covers (same areas, series, years and age groups); the rest stays.
    for (level, series), (areas, years, ages) in groups.items():
        existing = PopulationFigure.objects.filter(level=level, series=series, year__in=years, age_group__in=ages)
        if level == Level.MUNICIPALITY:
            existing = existing.filter(municipality_id__in=areas)
        elif level == Level.COUNTY:
            existing = existing.filter(county_id__in=areas)
        existing.delete()
    PopulationFigure.objects.bulk_create(figures, batch_size=2000)
    return len(figures)


@transaction.atomic
def import_tables(tables: list[tuple[jsonstat.ParsedTable, str]], *, actor: Actor, illustrative: bool | None = None,
                  allow_unmapped: bool = False, checksum: str = "",
                  code_changes: list[CodeChange] | None = None, municipalities_only: bool = False,
                  publisher: str = "") -> list[ImportReport]:
    """Map parsed tables to today's codes and store them, all or nothing.

    Codes that cannot be mapped refuse the whole import (listing them) unless allow_unmapped is set. With
    `municipalities_only` the county and national figures of the tables are left out (and reported).
    """
    _require_importer(actor)
    reports = []
    for table, source_name in tables:
        mapping = _map(table, code_changes)
        left_out = []
        if municipalities_only and (mapping.county_cells or mapping.country_cells):
            left_out = sorted({table.regions.get(k[0], k[0]) for k in mapping.county_cells}
                              | ({_("the whole country")} if mapping.country_cells else set()))
            mapping.county_cells, mapping.country_cells = {}, {}
        if mapping.unmapped and not allow_unmapped:
            raise OutlookImportError(
                _("%(count)d region code(s) in table %(table)s cannot be mapped to today's municipalities or "
                  "counties: %(codes)s. Nothing was imported.")
                % {"count": len(mapping.unmapped), "table": table.table_id or "?",
                   "codes": describe_codes(mapping.unmapped)})
        if not (mapping.municipality_cells or mapping.county_cells or mapping.country_cells):
            raise OutlookImportError(_("Table %(table)s holds no figures for municipalities, counties or the "
                                       "country. Nothing was imported.") % {"table": table.table_id or "?"})
        is_illustrative = table.illustrative if illustrative is None else illustrative
        round_year = (table.projection_round or csv_tables.projection_round(table.table_id, table.years)
                      if table.is_projection else None)
        user = user_of(actor)
        record = DataImport.objects.create(
            table_id=table.table_id[:40], title=table.title[:400], source_name=source_name[:400],
            publisher=(publisher or table.source)[:200], updated=table.updated[:40], illustrative=is_illustrative,
            checksum=checksum, imported_by=user,
        )
        count = _store(table, mapping, record)
        report = ImportReport(
            import_id=record.pk, table_id=table.table_id, title=table.title, illustrative=is_illustrative,
            series=table.series, years=table.years, figures=count,
            municipalities=len(mapping.municipality_codes), counties=len({k[0] for k in mapping.county_cells}),
            country=bool(mapping.country_cells), has_age=table.has_age, renamed=mapping.renamed,
            split=mapping.split, merged=mapping.merged, skipped=mapping.skipped,
            skipped_persons=mapping.skipped_persons, unmapped=mapping.unmapped, notes=_translate(table.notes),
            projection_round=round_year,
        )
        if left_out:
            report.notes.append(_("County and national figures in the file were not imported, so that the county "
                                  "and the country keep one projection round: %(areas)s.")
                                % {"areas": ", ".join(left_out)})
        record.figure_count = count
        record.report = {"renamed": len(mapping.renamed), "split": mapping.split, "merged": mapping.merged,
                         "skipped": mapping.skipped, "unmapped": mapping.unmapped, "notes": report.notes,
                         "series": report.series, "years": report.years, "projection_round": round_year}
        record.save(update_fields=["figure_count", "report"])
        reports.append(report)
    return reports


@transaction.atomic
def import_jsonstat(data: bytes, *, actor: Actor, source_name: str = "", table_id: str | None = None,
                    illustrative: bool | None = None, allow_unmapped: bool = False,
                    code_changes: list[CodeChange] | None = None) -> ImportReport:
    """Import a saved JSON-stat 2.0 response (SSB API v0 `json-stat2` or PxWebApi v2)."""
    _require_importer(actor)
    try:
        table = jsonstat.parse(data, table_id=table_id)
    except jsonstat.JsonStatError as exc:
        raise OutlookImportError(_translate(exc.problems)) from exc
    return import_tables([(table, source_name)], illustrative=illustrative, allow_unmapped=allow_unmapped,
                         checksum=hashlib.sha256(data).hexdigest(), code_changes=code_changes, actor=actor)[0]


@transaction.atomic
def import_flat_csv(data: bytes, *, actor: Actor, source_name: str = "", table_id: str = "",
                    title: str = "") -> ImportReport:
    """Import SSB's county projection flattened to CSV ("Tid,<county>_<alternative (CODE)>,...")."""
    _require_importer(actor)
    if not table_id:
        match = re.match(r"(\d{5})", source_name.rsplit("/", 1)[-1])
        table_id = match.group(1) if match else ""
    try:
        table = jsonstat.parse_flat_projection_csv(data, county_name_codes(), table_id=table_id, title=title)
    except jsonstat.JsonStatError as exc:
        raise OutlookImportError(_translate(exc.problems)) from exc
    return import_tables([(table, source_name)], checksum=hashlib.sha256(data).hexdigest(), actor=actor)[0]


@transaction.atomic
def import_csv(data: bytes, *, actor: Actor, source_name: str = "", table_id: str = "", title: str = "",
               publisher: str = "", allow_unmapped: bool = False, municipalities_only: bool | None = None,
               code_changes: list[CodeChange] | None = None) -> ImportReport:
    """Import a CSV file of one of the known layouts (see `tables.csv_kind`), all or nothing.

    Observed population by age group (`municipality_code,year,age_group,population_jan1`), SSB's projection
    in long form (`region,statistikkvariabel,år,alder,value`, e.g. table 14746: only the municipalities'
    figures are stored unless `municipalities_only=False`) or the flattened county projection (14288).
    """
    _require_importer(actor)
    try:
        kind = csv_tables.csv_kind(data)
        if kind == csv_tables.FLAT_KIND:
            return import_flat_csv(data, source_name=source_name, table_id=table_id, title=title, actor=actor)
        if kind == csv_tables.OBSERVED_KIND:
            table = csv_tables.parse_observed_csv(data, table_id=table_id or "07459", title=title, source=publisher)
        elif kind == csv_tables.PROJECTION_KIND:
            table = csv_tables.parse_projection_csv(data, region_name_codes(), table_id=table_id, title=title)
        else:
            raise OutlookImportError(_("The CSV file's columns are not a known layout: observed population "
                                       "(municipality_code, year, age_group, population_jan1), SSB's projection "
                                       "(region, statistikkvariabel, år, alder, value) or a flattened projection "
                                       "(Tid, <county>_<alternative>). Nothing was imported."))
    except jsonstat.JsonStatError as exc:
        raise OutlookImportError(_translate(exc.problems)) from exc
    only = (kind == csv_tables.PROJECTION_KIND) if municipalities_only is None else municipalities_only
    return import_tables([(table, source_name)], checksum=hashlib.sha256(data).hexdigest(), actor=actor,
                         allow_unmapped=allow_unmapped, code_changes=code_changes, municipalities_only=only,
                         publisher=publisher)[0]


@transaction.atomic
def set_care_baseline(municipality: Municipality, *, actor: Actor, year: int, fte: Decimal | float | str,
                      source: str) -> CareBaseline:
    """Record a municipality's own health and care FTEs (replaces the national assumption on its page)."""
    if not is_system(actor):
        require(can_edit_municipality(actor, municipality), _("You may only edit your own municipality."))
    value = Decimal(str(fte))
    if value <= 0:
        raise ValidationError({"fte": _("The number of full-time equivalents must be positive.")})
    if not 1990 <= int(year) <= 2100:
        raise ValidationError({"year": _("The year is not plausible.")})
    if not source.strip():
        raise ValidationError({"source": _("State where the figure comes from.")})
    baseline, _created = CareBaseline.objects.update_or_create(
        municipality=municipality, defaults={"year": int(year), "fte": value, "source": source.strip()})
    return baseline
