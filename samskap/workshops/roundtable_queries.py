"""Reads for round tables: who may organise them, the stored plan per round, per table and per participant,
and the planner's messages in the reader's language."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from samskap.directory.permissions import is_coordinator
from samskap.workshops.models import Event, Registration, RegistrationStatus
from samskap.workshops.roundtable_models import (
    Presenter,
    Rating,
    RoundTableSettings,
    TablePlan,
    TablePlanStatus,
)


def can_organise(actor: Any, event: Event) -> bool:
    """Coordinators (and trusted system callers) and the person who created the event."""
    if is_coordinator(actor):
        return True
    return bool(getattr(actor, "is_authenticated", False) and event.created_by_id
                and event.created_by_id == actor.pk)


def settings_of(event: Event) -> RoundTableSettings | None:
    """The event's round-table settings when it uses round tables, else None."""
    found = RoundTableSettings.objects.filter(event=event, enabled=True).first()
    return found


def presenters(event: Event) -> list[Presenter]:
    return list(event.presenters.select_related("registration").filter(
        registration__status=RegistrationStatus.CONFIRMED))


def participants(event: Event) -> list[Registration]:
    """Confirmed registrations: everyone the planner seats."""
    return list(event.registrations.filter(status=RegistrationStatus.CONFIRMED).select_related("person__user", "event")
                .order_by("pk"))


def ratings_by_presenter(registration: Registration) -> dict[int, int]:
    return dict(Rating.objects.filter(registration=registration).values_list("presenter_id", "value"))


def rating_counts(event: Event) -> dict[str, int]:
    rows = Rating.objects.filter(presenter__event=event, registration__status=RegistrationStatus.CONFIRMED)
    return {"ratings": rows.count(), "raters": rows.values("registration_id").distinct().count(),
            "participants": event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()}


def latest_plan(event: Event) -> TablePlan | None:
    return event.table_plans.first()


def published_plan(event: Event) -> TablePlan | None:
    return event.table_plans.filter(status=TablePlanStatus.DONE, published=True).first()


# -- the stored plan, resolved to names -----------------------------------------------------------------

@dataclass
class Seat:
    table: int
    presenter: Presenter | None
    presenter_name: str
    listeners: list[str] = field(default_factory=list)


@dataclass
class RoundView:
    round: int
    tables: list[Seat]


@dataclass
class TableView:
    table: int
    rounds: list[tuple[int, Seat]]


@dataclass
class PlanView:
    rounds: list[RoundView]
    tables: list[TableView]


def _lookups(event: Event) -> tuple[dict[int, str], dict[int, Presenter]]:
    names = dict(event.registrations.values_list("pk", "name"))
    by_registration = {p.registration_id: p for p in event.presenters.all()}
    return names, by_registration


def lookups(event: Event) -> tuple[dict[int, str], dict[int, Presenter]]:
    """Names by registration id and presenters by their registration id."""
    return _lookups(event)


def plan_view(plan: TablePlan) -> PlanView:
    names, by_registration = _lookups(plan.event)
    rounds: list[RoundView] = []
    tables: dict[int, TableView] = {}
    for rp in plan.rounds:
        seats = []
        for t in rp.get("tables", []):
            pid = int(t["presenter"])
            seat = Seat(table=int(t["table"]), presenter=by_registration.get(pid),
                        presenter_name=names.get(pid, _("(cancelled)")),
                        listeners=sorted(names.get(int(i), _("(cancelled)")) for i in t.get("listeners", [])))
            seats.append(seat)
            tables.setdefault(seat.table, TableView(seat.table, [])).rounds.append((int(rp["round"]), seat))
        rounds.append(RoundView(int(rp["round"]), seats))
    return PlanView(rounds, [tables[k] for k in sorted(tables)])


@dataclass
class MyRound:
    round: int
    table: int | None
    presenting: bool
    presenter_name: str = ""
    title: str = ""


def my_rounds(plan: TablePlan | None, registration: Registration,
              lookups: tuple[dict[int, str], dict[int, Presenter]] | None = None) -> list[MyRound]:
    """The participant's rounds: where they present or whom they listen to (or a free round). ``lookups``
    (from :func:`lookups`) saves the queries when called for every participant."""
    if plan is None:
        return []
    names, by_registration = lookups or _lookups(plan.event)
    out = []
    for rp in plan.rounds:
        mine = MyRound(int(rp["round"]), None, False)
        for t in rp.get("tables", []):
            pid = int(t["presenter"])
            presenter = by_registration.get(pid)
            title = presenter.title if presenter else ""
            if pid == registration.pk:
                mine = MyRound(mine.round, int(t["table"]), True, names.get(pid, ""), title)
            elif registration.pk in [int(i) for i in t.get("listeners", [])]:
                mine = MyRound(mine.round, int(t["table"]), False, names.get(pid, ""), title)
        out.append(mine)
    return out


def my_round_lines(plan: TablePlan | None, registration: Registration) -> list[str]:
    """"Round 1: table 3, you listen to X («title»)." -- in the active language."""
    lines = []
    for r in my_rounds(plan, registration):
        if r.table is None:
            lines.append(_("Round %(round)s: a free round, you have no table.") % {"round": r.round})
        elif r.presenting:
            lines.append(_("Round %(round)s: table %(table)s, you present «%(title)s».")
                         % {"round": r.round, "table": r.table, "title": r.title})
        else:
            lines.append(_("Round %(round)s: table %(table)s, you listen to %(name)s («%(title)s»).")
                         % {"round": r.round, "table": r.table, "name": r.presenter_name, "title": r.title})
    return lines


def score_words(plan: TablePlan) -> str:
    """The score and the bound in plain words."""
    score, bound = plan.score or 0, plan.bound or 0
    text = _("The listeners' ratings of the presentations they hear add up to %(score)s points.") % {"score": score}
    if bound <= score:
        text += " " + _("No plan can do better: this plan is the best possible.")
    else:
        percent = round(100 * score / bound) if bound else 100
        text += " " + (_("No plan can reach more than %(bound)s points, so this plan reaches at least "
                         "%(percent)s %% of the best possible.") % {"bound": bound, "percent": percent})
    return text


def listener_words(plan: TablePlan) -> str:
    """How many participants hear at least one presentation they rated 4 or 5, and how many hear none they
    rated at all."""
    rated = {(r, p): v for r, p, v in Rating.objects.filter(presenter__event_id=plan.event_id)
             .values_list("registration_id", "presenter__registration_id", "value")}
    heard: dict[int, list[int]] = {}
    for rp in plan.rounds:
        for t in rp.get("tables", []):
            for listener in t.get("listeners", []):
                heard.setdefault(int(listener), []).append(rated.get((int(listener), int(t["presenter"])), 0))
    people = plan.event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    top = sum(1 for values in heard.values() if max(values) >= 4)
    nothing = sum(1 for values in heard.values() if max(values) == 0)
    return _("%(top)s of %(people)s participants hear at least one presentation they rated 4 or 5; %(nothing)s "
             "hear only presentations they did not rate.") % {"top": top, "people": people, "nothing": nothing}


# -- the planner's messages (English) in the reader's language ------------------------------------------

def _too_few_seats(m: re.Match[str]) -> str:
    return _("Too few seats: %(people)s participants who each visit at least %(visits)s tables need %(need)s "
             "listener seats, but there are at most %(shows)s presentations with %(listeners)s listeners each, "
             "%(seats)s seats in all (%(rounds)s rounds × %(tables)s tables, %(presenters)s presenters × "
             "%(k)s presentations). Add tables, rounds or seats, or lower the minimum number of visits.") % {
        "people": m[1], "visits": m[2], "need": m[3], "shows": m[4], "listeners": m[5], "seats": m[6],
        "rounds": m[7], "tables": m[8], "presenters": m[9], "k": m[10]}


_MESSAGES: list[tuple[str, Any]] = [
    (r"Too few seats: (\d+) people x (\d+) visits = (\d+) listener seats are needed, but at most (\d+) "
     r"presentations x (\d+) listeners = (\d+) exist \((\d+) rounds x (\d+) tables, (\d+) presenters x (\d+) "
     r"presentations\)\.", _too_few_seats),
    (r"Person \S+ can hear at most (\d+) other presenters, fewer than --min-visits \((\d+)\)\.",
     lambda m: _("A participant can hear at most %(others)s other presenters, fewer than the minimum number of "
                 "visits (%(min)s). Add presenters or lower the minimum.") % {"others": m[1], "min": m[2]}),
    (r"No plan was found within (\d+) s; allow more time\.",
     lambda m: _("No plan was found within %(seconds)s seconds; allow the planner more time.") % {"seconds": m[1]}),
    (r"--min-visits \((\d+)\) is more than the number of rounds \((\d+)\)\.",
     lambda m: _("The minimum number of visits (%(min)s) is more than the number of rounds (%(rounds)s).")
     % {"min": m[1], "rounds": m[2]}),
    (r"--max-visits \((\d+)\) is below --min-visits \((\d+)\)\.",
     lambda m: _("The maximum number of visits (%(max)s) is below the minimum (%(min)s).")
     % {"max": m[1], "min": m[2]}),
    (r"The file has no rows\.", lambda m: _("Nobody has registered yet.")),
]


def translate_error(message: str) -> str:
    for pattern, render in _MESSAGES:
        m = re.fullmatch(pattern, message.strip())
        if m:
            return str(render(m))
    return _("The planner could not make a plan: %(reason)s") % {"reason": message}


def plan_errors(plan: TablePlan) -> list[str]:
    return [translate_error(e) for e in plan.errors or []]
