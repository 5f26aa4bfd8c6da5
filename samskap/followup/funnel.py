"""The follow-up funnel per region (county) and period: needs → workshop themes → ideas → actions →
applications → granted → benefit measured → benefit realised (actions with a measured benefit, and with a
benefit whose latest measurement reaches its target).

Needs count by when they were registered; themes, ideas, actions and applications by the date of the
workshop they came from. A theme belongs to a county when one of its needs does or when its workshop's call
for topics was addressed to the county; an idea belongs when its theme does or one of its needs does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samskap.directory.models import County
from samskap.followup.models import Action, Application, ApplicationResult, Benefit, OutcomeRow
from samskap.needs.models import Need, NeedStatus
from samskap.workshops.models import Theme

STAGES = [
    ("needs", _("Needs")),
    ("themes", _("Workshop themes")),
    ("ideas", _("Ideas")),
    ("actions", _("Actions")),
    ("applications", _("Funding applications")),
    ("granted", _("Granted")),
    ("benefit_measured", _("Benefit measured")),
    ("benefit_realised", _("Benefit realised")),
]


@dataclass
class Stage:
    key: str
    label: str
    count: int
    share: float | None  # of the previous stage, 0..1

    @property
    def percent(self) -> str:
        return "" if self.share is None else f"{round(self.share * 100)} %"


def _benefit_counts(actions: Any) -> dict[str, int]:
    """Actions with at least one measured benefit, and with at least one benefit whose latest measurement
    reaches its target."""
    measured: set[int] = set()
    realised: set[int] = set()
    for benefit in (Benefit.objects.filter(action__in=actions.values("pk"), measurements__isnull=False).distinct()
                    .prefetch_related("measurements")):
        measured.add(benefit.action_id)
        if benefit.realised:
            realised.add(benefit.action_id)
    return {"benefit_measured": len(measured), "benefit_realised": len(realised)}


def funnel(county: County | None = None, start: dt.date | None = None, end: dt.date | None = None) -> list[Stage]:
    needs = Need.objects.exclude(status=NeedStatus.DRAFT)
    themes = Theme.objects.all()
    rows = OutcomeRow.objects.all()
    if start:
        needs = needs.filter(created_at__date__gte=start)
        themes = themes.filter(session__event__date__gte=start)
        rows = rows.filter(group__theme__session__event__date__gte=start)
    if end:
        needs = needs.filter(created_at__date__lte=end)
        themes = themes.filter(session__event__date__lte=end)
        rows = rows.filter(group__theme__session__event__date__lte=end)
    if county is not None:
        needs = needs.filter(municipality__county=county)
        themes = themes.filter(Q(needs__municipality__county=county) | Q(session__event__call__county=county))
        theme_ids = themes.values("pk")
        rows = rows.filter(Q(group__theme__in=theme_ids) | Q(needs__municipality__county=county))
    row_ids = rows.values("pk")
    ideas = OutcomeRow.objects.filter(pk__in=row_ids).exclude(idea="")
    actions = Action.objects.filter(outcome_row__in=row_ids)
    applications = Application.objects.filter(action__in=actions.values("pk"))
    counts = {
        "needs": needs.distinct().count(),
        "themes": themes.distinct().count(),
        "ideas": ideas.count(),
        "actions": actions.count(),
        "applications": applications.count(),
        "granted": applications.filter(result=ApplicationResult.GRANTED).count(),
        **_benefit_counts(actions),
    }
    out: list[Stage] = []
    previous: int | None = None
    for key, label in STAGES:
        count = counts[key]
        share = (count / previous) if previous else None
        out.append(Stage(key, str(label), count, share))
        previous = count
    return out
