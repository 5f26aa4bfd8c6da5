"""Signals to the actors («signaler til aktørene», seed 004 § 4.2.1): what each actor should do next.

A signal is a follow-up (or idea) of an outcome row that names the actor, or an action the actor owns.
Signals are grouped as in the seed: to everyone, to each named organisation, and to groups of actors
(the municipalities, the research communities, ...).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.utils import formats
from django.utils.translation import gettext as _

from samskap.directory.models import Organisation, Person
from samskap.followup.models import Action, ActorGroup, OutcomeRow, groups_for_org_type


def person_label(person: Person | None) -> str:
    """A person's name if they consented to be listed, else a neutral placeholder."""
    if person is None:
        return ""
    return person.name if person.listed_in_directory else _("(participant without consent)")


def row_queryset() -> QuerySet[OutcomeRow]:
    return (OutcomeRow.objects
            .select_related("group__theme__session__event", "idea_owner_organisation", "idea_owner_person",
                            "carried_by")
            .prefetch_related("actor_organisations", "actor_people", "needs__municipality",
                              Prefetch("actions", queryset=Action.objects.select_related(
                                  "owner_organisation", "owner_person").order_by("due_date", "pk"))))


def row_text(row: OutcomeRow) -> str:
    """The signal of a row: its follow-up, else its idea, else its needs."""
    text = (row.follow_up or row.idea or row.needs_and_challenges).strip()
    return " ".join(text.split())


def action_text(action: Action) -> str:
    return _("Action: %(title)s – due %(date)s (%(status)s)") % {
        "title": action.title, "date": formats.date_format(action.due_date, "DATE_FORMAT"),
        "status": action.get_status_display()}


@dataclass
class SignalItem:
    text: str
    row: OutcomeRow | None = None
    action: Action | None = None
    roles: list[str] = field(default_factory=list)

    def display(self) -> str:
        return f"{self.text} ({', '.join(self.roles)})" if self.roles else self.text


@dataclass
class SignalGroup:
    key: str
    label: str
    organisation: Organisation | None = None
    items: list[SignalItem] = field(default_factory=list)


def _roles(row: OutcomeRow, org_id: int) -> list[str]:
    roles = []
    if row.idea_owner_organisation_id == org_id:
        roles.append(_("idea owner"))
    if row.carried_by_id == org_id:
        roles.append(_("carries it on"))
    return roles


def _named_org_ids(row: OutcomeRow) -> set[int]:
    ids = {o.pk for o in row.actor_organisations.all()}
    ids |= {i for i in (row.idea_owner_organisation_id, row.carried_by_id) if i}
    return ids


def event_signals(rows: Iterable[OutcomeRow]) -> list[SignalGroup]:
    """Signals of a set of rows (e.g. one workshop), grouped like seed 004 § 4.2.1."""
    rows = list(rows)
    everyone = SignalGroup("all", str(ActorGroup.ALL.label))
    orgs: dict[int, SignalGroup] = {}
    categories = {g: SignalGroup(g, str(label)) for g, label in ActorGroup.choices if g != ActorGroup.ALL}
    for row in rows:
        text = row_text(row)
        if ActorGroup.ALL in row.actor_groups and text:
            everyone.items.append(SignalItem(text, row=row))
        for g in row.actor_groups:
            if g in categories and text:
                categories[g].items.append(SignalItem(text, row=row))
        named = {o.pk: o for o in row.actor_organisations.all()}
        for org in (row.idea_owner_organisation, row.carried_by):
            if org is not None:
                named[org.pk] = org
        for org_id, org in named.items():
            group = orgs.setdefault(org_id, SignalGroup(f"org-{org_id}", org.name, organisation=org))
            if text:
                group.items.append(SignalItem(text, row=row, roles=_roles(row, org_id)))
        for action in row.actions.all():
            org = action.owner_organisation
            group = orgs.setdefault(org.pk, SignalGroup(f"org-{org.pk}", org.name, organisation=org))
            group.items.append(SignalItem(action_text(action), row=row, action=action))
    ordered = [everyone] if everyone.items else []
    ordered += sorted((g for g in orgs.values() if g.items), key=lambda g: g.label.lower())
    ordered += [g for g in categories.values() if g.items]
    return ordered


@dataclass
class OrganisationSignals:
    organisation: Organisation
    direct: list[SignalItem]
    actions: list[Action]
    categories: list[SignalGroup]
    everyone: list[SignalItem]

    @property
    def empty(self) -> bool:
        return not (self.direct or self.actions or any(g.items for g in self.categories) or self.everyone)


def organisation_signals(organisation: Organisation, rows: QuerySet[OutcomeRow] | None = None) -> OrganisationSignals:
    """Everything an organisation is named in: directly, through its kind of actor, or as one of everyone."""
    rows = rows if rows is not None else row_queryset()
    own_groups = groups_for_org_type(organisation.org_type)
    direct_q = (Q(actor_organisations=organisation) | Q(idea_owner_organisation=organisation)
                | Q(carried_by=organisation))
    direct_rows = list(rows.filter(direct_q).distinct().order_by("-group__theme__session__event__date", "pk"))
    direct = [SignalItem(row_text(r), row=r, roles=_roles(r, organisation.pk)) for r in direct_rows]
    direct_ids = {r.pk for r in direct_rows}
    grouped = [r for r in rows.order_by("-group__theme__session__event__date", "pk")
               if r.actor_groups and r.pk not in direct_ids]
    categories = []
    for g, label in ActorGroup.choices:
        if g in own_groups:
            items = [SignalItem(row_text(r), row=r) for r in grouped if g in r.actor_groups]
            categories.append(SignalGroup(g, str(label), items=items))
    everyone = [SignalItem(row_text(r), row=r) for r in grouped if ActorGroup.ALL in r.actor_groups]
    actions = list(Action.objects.filter(owner_organisation=organisation)
                   .select_related("outcome_row__group__theme__session__event", "owner_person")
                   .prefetch_related("applications__instrument").order_by("due_date", "pk"))
    return OrganisationSignals(organisation, direct, actions, categories, everyone)


def named_organisations() -> QuerySet[Organisation]:
    """Organisations named in any outcome row or owning any action."""
    return (Organisation.objects.filter(
        Q(outcome_rows_as_actor__isnull=False) | Q(ideas_owned__isnull=False) | Q(ideas_carried__isnull=False)
        | Q(followup_actions__isnull=False)).distinct().order_by("name"))
