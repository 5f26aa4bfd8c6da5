"""Glue between the database and the pure round-table planner (``samskap.workshops.roundtables``).

``ratings_csv`` writes an event's confirmed participants, presenters and ratings in the very input the CLI
``samskap workshop tables`` reads (``person_id``, ``abstract_id``, ``rating``; ids are registration ids), so
the web and the CLI plan from the same shape through the same functions (``read_ratings``, ``plan_tables``,
``cli.plan_to_json``). ``run`` is the body of the background task: it stores the result or the planner's
messages through the system actions in ``roundtable_actions``.
"""

from __future__ import annotations

import csv
import io
import logging

from samskap.workshops import roundtable_actions
from samskap.workshops.models import Event, RegistrationStatus
from samskap.workshops.roundtable_models import Rating, RoundTableSettings, TablePlan
from samskap.workshops.roundtables import TablesError, TablesSettings, plan_tables, read_ratings
from samskap.workshops.roundtables.cli import plan_to_json

logger = logging.getLogger(__name__)


def tables_settings(st: RoundTableSettings) -> TablesSettings:
    return TablesSettings(rounds=st.rounds, tables=st.tables, seats=st.seats,
                          max_presentations=st.max_presentations, min_visits=st.min_visits,
                          max_visits=st.max_visits, time_limit=float(st.time_limit))


def ratings_csv(event: Event) -> bytes:
    """The CLI's ratings CSV for the event's confirmed participants."""
    confirmed = set(event.registrations.filter(status=RegistrationStatus.CONFIRMED).values_list("pk", flat=True))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["person_id", "abstract_id", "rating"])
    rated: set[int] = set()
    presenting: set[int] = set()
    for presenter_reg in event.presenters.filter(registration_id__in=confirmed).values_list("registration_id",
                                                                                          flat=True):
        presenting.add(presenter_reg)
    rows = (Rating.objects.filter(presenter__event=event, registration_id__in=confirmed,
                                  presenter__registration_id__in=presenting)
            .values_list("registration_id", "presenter__registration_id", "value").order_by("registration_id", "pk"))
    for person, abstract, value in rows:
        if person == abstract:
            continue
        writer.writerow([person, abstract, value])
        rated.add(person)
    for abstract in sorted(presenting):
        writer.writerow(["", abstract, ""])  # a presentation (perhaps nobody rated it)
    for person in sorted(confirmed - rated - presenting):
        writer.writerow([person, "", ""])  # a participant who rated nothing
    return out.getvalue().encode("utf-8")


def run(plan_id: int) -> str:
    """Plan a queued round-table plan; returns its final status."""
    if not roundtable_actions.claim_table_plan(plan_id):
        return "skipped"
    plan = TablePlan.objects.select_related("event").get(pk=plan_id)
    st = RoundTableSettings.objects.filter(event=plan.event).first()
    if st is None:
        roundtable_actions.fail_table_plan(plan_id, ["The workshop has no round-table settings."])
        return "failed"
    try:
        problem, _warnings = read_ratings(ratings_csv(plan.event), tables_settings(st))
        result = plan_to_json(plan_tables(problem), _warnings)
    except TablesError as exc:
        roundtable_actions.fail_table_plan(plan_id, exc.errors)
        return "failed"
    except Exception as exc:  # never leave a plan "running" for ever
        logger.exception("round-table plan %s failed", plan_id)
        roundtable_actions.fail_table_plan(plan_id, [f"{type(exc).__name__}: {exc}"])
        return "failed"
    roundtable_actions.store_table_plan(plan_id, result)
    return "done"
