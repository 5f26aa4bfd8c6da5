"""Parsing of coordinators' input for the barometer: the recipient list."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import translation
from django.utils.translation import gettext as _

from samskap.needs.models import Sector


def parse_recipients(text: str) -> list[dict[str, str]]:
    """Lines of "unit; municipality number; sector; e-mail". Raises ValidationError naming the line."""
    sectors = {value: value for value in Sector.values}
    for language in ("en", "nb", "nn"):  # the sector's name in any of the site's languages
        with translation.override(language):
            sectors.update({str(label).lower(): value for value, label in Sector.choices})
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [p.strip() for p in line.replace("\t", ";").split(";")]
        if len(parts) != 4 or not all(parts):
            raise ValidationError(_("Line %(line)d: write unit; municipality number; sector; e-mail.")
                                  % {"line": number})
        unit, code, sector, email = parts
        sector_value = sectors.get(sector) or sectors.get(sector.lower())
        if sector_value is None:
            raise ValidationError(_("Line %(line)d: unknown sector “%(sector)s”.") % {"line": number, "sector": sector})
        try:
            validate_email(email)
        except ValidationError:
            raise ValidationError(_("Line %(line)d: “%(email)s” is not an e-mail address.")
                                  % {"line": number, "email": email}) from None
        rows.append({"unit_name": unit, "municipality": code.zfill(4), "sector": sector_value,
                     "email": email.lower(), "line": str(number)})
    if not rows:
        raise ValidationError(_("Add at least one recipient."))
    return rows
