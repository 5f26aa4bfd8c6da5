"""Write use cases for round tables ("kunnskapsbord"). Views, tests and the demo call these.

Organisers (coordinators, or whoever created the workshop: ``roundtable_queries.can_organise``) set the
round-table settings, choose the presenters, start the planner and publish its plan. A participant rates the
presentations with their own registration only: signed in as its person, or with its personal link's token.
``start_table_plan`` enqueues ``roundtable_tasks.plan_round_tables`` when its transaction commits; the task
stores the result through the system actions ``claim_table_plan``, ``store_table_plan`` and
``fail_table_plan``.
"""

from __future__ import annotations

import datetime as dt
import hmac
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samskap.core.actors import Actor, is_system, user_of
from samskap.core.tasks import enqueue_on_commit
from samskap.directory.permissions import require
from samskap.workshops import roundtable_notices
from samskap.workshops.models import Event, Registration, RegistrationStatus
from samskap.workshops.roundtable_models import (
    Presenter,
    Rating,
    RoundTableSettings,
    TablePlan,
    TablePlanStatus,
)
from samskap.workshops.roundtable_queries import can_organise
from samskap.workshops.roundtables import TablesError, TablesSettings, check_settings

SETTINGS_FIELDS = ("enabled", "rounds", "tables", "seats", "max_presentations", "min_visits", "max_visits",
                   "time_limit")
#: A queued or running plan older than this is taken as abandoned (a worker died) and no longer blocks.
STALE_PLAN = dt.timedelta(minutes=15)

# The pure planner's settings checks (English, naming CLI flags) as form fields with translated messages.
_SETTINGS_MESSAGES: list[tuple[str, str, Any]] = [
    ("--rounds must", "rounds", lambda st: _("There must be at least one round.")),
    ("--tables must", "tables", lambda st: _("There must be at least one table.")),
    ("--seats must", "seats", lambda st: _("A table needs at least two seats: the presenter and one listener.")),
    ("--max-presentations", "max_presentations", lambda st: _("This cannot be negative.")),
    ("--min-visits cannot", "min_visits", lambda st: _("This cannot be negative.")),
    ("--max-visits", "max_visits", lambda st: _("The maximum number of visits (%(max)s) is below the minimum "
                                                "(%(min)s).") % {"max": st.max_visits, "min": st.min_visits}),
    ("--min-visits (", "min_visits", lambda st: _("The minimum number of visits (%(min)s) is more than the number "
                                                  "of rounds (%(rounds)s).") % {"min": st.min_visits,
                                                                                "rounds": st.rounds}),
    ("--time-limit", "time_limit", lambda st: _("The time limit must be positive.")),
]


def _require_organiser(actor: Actor, event: Event) -> None:
    require(can_organise(actor, event), _("Only the workshop's organisers may do this."))


def _check_settings(st: RoundTableSettings) -> None:
    pure = TablesSettings(rounds=st.rounds, tables=st.tables, seats=st.seats, max_presentations=st.max_presentations,
                          min_visits=st.min_visits, max_visits=st.max_visits, time_limit=float(st.time_limit or 0))
    try:
        check_settings(pure)
    except TablesError as exc:
        errors: dict[str, list[str]] = {}
        for message in exc.errors:
            for prefix, name, render in _SETTINGS_MESSAGES:
                if message.startswith(prefix):
                    errors.setdefault(name, []).append(render(st))
                    break
            else:
                errors.setdefault("__all__", []).append(message)
        raise ValidationError(errors) from None


@transaction.atomic
def configure_round_tables(event: Event, data: Mapping[str, Any], *, actor: Actor) -> RoundTableSettings:
    """Use round tables at ``event`` (or stop: ``enabled`` false) with the given settings."""
    _require_organiser(actor, event)
    st = RoundTableSettings.objects.select_for_update().filter(event=event).first() or RoundTableSettings(event=event)
    for key in SETTINGS_FIELDS:
        if key in data:
            setattr(st, key, data[key])
    st.full_clean(exclude=["event"])
    _check_settings(st)
    st.save()
    return st


def _check_presenter(event: Event, registration: Registration, title: str) -> None:
    errors = {}
    if registration.event_id != event.pk:
        errors["registration"] = _("The presenter must be registered for this workshop.")
    elif registration.status == RegistrationStatus.CANCELLED:
        errors["registration"] = _("This registration is cancelled.")
    if not title.strip():
        errors["title"] = _("Give the presentation a title.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def add_presenter(event: Event, registration: Registration, data: Mapping[str, Any], *, actor: Actor) -> Presenter:
    """A participant hosts a table and presents ``title`` (with an ``abstract``)."""
    _require_organiser(actor, event)
    title = (data.get("title") or "").strip()
    _check_presenter(event, registration, title)
    if Presenter.objects.filter(event=event, registration=registration).exists():
        raise ValidationError({"registration": _("%(name)s already presents at this workshop.")
                               % {"name": registration.name}})
    presenter = Presenter(event=event, registration=registration, title=title,
                          abstract=(data.get("abstract") or "").strip())
    presenter.full_clean(exclude=["event", "registration"])
    presenter.save()
    return presenter


@transaction.atomic
def update_presenter(presenter: Presenter, data: Mapping[str, Any], *, actor: Actor) -> Presenter:
    _require_organiser(actor, presenter.event)
    title = (data.get("title", presenter.title) or "").strip()
    _check_presenter(presenter.event, presenter.registration, title)
    presenter.title = title
    presenter.abstract = (data.get("abstract", presenter.abstract) or "").strip()
    presenter.full_clean(exclude=["event", "registration"])
    presenter.save()
    return presenter


@transaction.atomic
def remove_presenter(presenter: Presenter, *, actor: Actor) -> None:
    """Remove a presenter (and the ratings of their presentation)."""
    _require_organiser(actor, presenter.event)
    presenter.delete()


def may_rate(actor: Any, registration: Registration, token: str | None = None) -> bool:
    """Only with one's own registration: its personal-link token, or signed in as its person."""
    if is_system(actor):
        return True
    if token and hmac.compare_digest(str(token), registration.token):
        return True
    user = user_of(actor)
    return bool(user and registration.person is not None and registration.person.user_id == user.pk)


@transaction.atomic
def rate(registration: Registration, ratings: Mapping[int, int | None], *, actor: Actor,
         token: str | None = None) -> int:
    """Save a participant's ratings: ``{presenter pk: 1-5, or None for no rating}``. Presentations not named
    keep their rating. Returns how many ratings the participant now has."""
    require(may_rate(actor, registration, token), _("You may only rate presentations with your own registration."))
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError(_("This registration is cancelled."))
    presenters = {p.pk: p for p in Presenter.objects.filter(event_id=registration.event_id, pk__in=list(ratings))}
    errors: dict[str, str] = {}
    for pk, value in ratings.items():
        presenter = presenters.get(pk)
        if presenter is None:
            errors["__all__"] = _("One of the presentations is not part of this workshop.")
        elif value is not None and value not in (1, 2, 3, 4, 5):
            errors[f"rating_{pk}"] = (_("«%(title)s»: a rating is a whole number from 1 to 5.")
                                      % {"title": presenter.title})
        elif value is not None and presenter.registration_id == registration.pk:
            errors[f"rating_{pk}"] = _("You cannot rate your own presentation.")
    if errors:
        raise ValidationError(errors)
    for pk, value in ratings.items():
        if value is None:
            Rating.objects.filter(registration=registration, presenter_id=pk).delete()
        else:
            Rating.objects.update_or_create(registration=registration, presenter_id=pk, defaults={"value": value})
    return Rating.objects.filter(registration=registration).count()


@transaction.atomic
def start_table_plan(event: Event, *, actor: Actor) -> TablePlan:
    """Queue the round-table planner for ``event``; the task is enqueued when the transaction commits."""
    _require_organiser(actor, event)
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not RoundTableSettings.objects.filter(event=event, enabled=True).exists():
        raise ValidationError(_("Set up the round tables first."))
    busy = event.table_plans.filter(status__in=[TablePlanStatus.QUEUED, TablePlanStatus.RUNNING],
                                    created_at__gt=timezone.now() - STALE_PLAN)
    if busy.exists():
        raise ValidationError(_("The round tables are already being planned."))
    if not event.presenters.filter(registration__status=RegistrationStatus.CONFIRMED).exists():
        raise ValidationError(_("Add presenters before planning."))
    plan = TablePlan.objects.create(event=event, requested_by=user_of(actor))
    from samskap.workshops.roundtable_tasks import plan_round_tables

    enqueue_on_commit(plan_round_tables, plan.pk)
    return plan


@transaction.atomic
def publish_table_plan(plan: TablePlan, *, actor: Actor) -> TablePlan:
    """Publish a finished plan: every participant sees their rounds and is told. Other plans are unpublished."""
    _require_organiser(actor, plan.event)
    plan = TablePlan.objects.select_for_update().select_related("event").get(pk=plan.pk)
    if plan.status != TablePlanStatus.DONE:
        raise ValidationError(_("Only a finished plan can be published."))
    TablePlan.objects.filter(event_id=plan.event_id).exclude(pk=plan.pk).update(published=False)
    plan.published = True
    plan.save(update_fields=["published"])
    roundtable_notices.tables_published(plan, actor=actor)
    return plan


@transaction.atomic
def unpublish_table_plan(plan: TablePlan, *, actor: Actor) -> TablePlan:
    _require_organiser(actor, plan.event)
    plan.published = False
    plan.save(update_fields=["published"])
    return plan


# --- system actions of the planner task (``roundtable_planning.run``) ----------------------------------

@transaction.atomic
def claim_table_plan(plan_id: int) -> bool:
    """System action: take a queued plan (now running); False if it is not queued."""
    return bool(TablePlan.objects.filter(pk=plan_id, status=TablePlanStatus.QUEUED)
                .update(status=TablePlanStatus.RUNNING))


@transaction.atomic
def store_table_plan(plan_id: int, result: Mapping[str, Any]) -> TablePlan:
    """System action: save the planner's JSON (``cli.plan_to_json``) and mark the plan done."""
    plan = TablePlan.objects.select_for_update().get(pk=plan_id)
    stats = dict(result.get("stats") or {})
    plan.rounds = list(result.get("rounds") or [])
    plan.stats = stats
    plan.score = int(stats.get("score") or 0)
    plan.bound = int(stats.get("bound") or 0)
    plan.seconds = float(stats.get("seconds") or 0.0)
    plan.errors = []
    plan.status = TablePlanStatus.DONE
    plan.finished_at = timezone.now()
    plan.save()
    return plan


@transaction.atomic
def fail_table_plan(plan_id: int, errors: list[str]) -> None:
    """System action: no plan could be made; ``errors`` are the planner's messages (translated when shown)."""
    TablePlan.objects.filter(pk=plan_id).update(status=TablePlanStatus.FAILED, errors=[e[:2000] for e in errors][:20],
                                                finished_at=timezone.now())
