"""Why an opportunity is suggested: what it is, who offers it, where, and by when. Reads only the catalogue
entry's meta (no queries); the text is in the active language."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from samskap.opportunities.models import Kind, Level


def kind_label(meta: dict[str, Any]) -> str:
    """"Master thesis topic", "Secondment", ... in the active language (from the entry's kind and level)."""
    kind, level = str(meta.get("opportunity_kind") or ""), str(meta.get("level") or "")
    if kind == Kind.THESIS and level in Level.values and level:
        return _("%(level)s thesis topic") % {"level": Level(level).label}
    if kind in Kind.values:
        return str(Kind(kind).label)
    return str(meta.get("kind_label") or _("Cooperation opportunity"))


def reason_for(meta: dict[str, Any], applicant: str, today: dt.date) -> str:
    """"Master thesis topic offered by Steinkjer kommune · Steinkjer · sketches by 2027-03-01"."""
    label = kind_label(meta)
    owner = str(meta.get("owner") or "")
    if meta.get("direction") == "sought":
        head = _("%(kind)s sought by %(owner)s") % {"kind": label, "owner": owner} if owner else label
    else:
        head = _("%(kind)s offered by %(owner)s") % {"kind": label, "owner": owner} if owner else label
    bits = [head]
    if meta.get("place"):
        bits.append(str(meta["place"]))
    deadline = str(meta.get("deadline") or "")
    if deadline and deadline >= today.isoformat():
        bits.append(_("sketches by %(date)s") % {"date": deadline})
    elif meta.get("expires_on") and str(meta["expires_on"]) < today.isoformat():
        bits.append(_("expired"))
    return " · ".join(bits)
