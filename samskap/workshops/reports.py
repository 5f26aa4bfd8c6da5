"""Read models of a stored plan for the pages, the exports and the API."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import pgettext_lazy

from samskap.workshops.models import (
    ActorType,
    Assignment,
    Group,
    Plan,
    Registration,
    RegistrationStatus,
    Theme,
    ThemeRun,
    WorkshopSession,
)

MIX_ORDER = [ActorType.MUNICIPALITY, ActorType.RESEARCH, ActorType.FUNDING, ActorType.OTHER]
#: Short labels for the mix tags of a group.
MIX_LABELS = {
    ActorType.MUNICIPALITY: pgettext_lazy("actor type, short", "Municipality"),
    ActorType.RESEARCH: pgettext_lazy("actor type, short", "Research"),
    ActorType.FUNDING: pgettext_lazy("actor type, short", "Funding"),
    ActorType.OTHER: pgettext_lazy("actor type, short", "Other"),
}


@dataclass
class GroupView:
    group: Group
    table: int
    members: list[Assignment]

    @property
    def size(self) -> int:
        return len(self.members)

    @property
    def mix(self) -> list[tuple[str, str, int]]:
        """(actor type, label, count) for the types present in the group."""
        mix = self.group.mix or {}
        return [(t.value, str(MIX_LABELS[t]), int(mix.get(t.value, 0))) for t in MIX_ORDER if mix.get(t.value)]

    @property
    def cancelled_members(self) -> list[Assignment]:
        return [a for a in self.members if a.registration.status == RegistrationStatus.CANCELLED]


@dataclass
class ThemeView:
    run: ThemeRun
    groups: list[GroupView] = field(default_factory=list)

    @property
    def theme(self) -> Theme:
        return self.run.theme

    @property
    def size(self) -> int:
        return sum(g.size for g in self.groups)


@dataclass
class SessionView:
    session: WorkshopSession
    themes: list[ThemeView] = field(default_factory=list)
    cancelled: list[ThemeView] = field(default_factory=list)
    unassigned: list[Assignment] = field(default_factory=list)

    @property
    def groups(self) -> list[GroupView]:
        return [g for t in self.themes for g in t.groups]

    @property
    def placed(self) -> int:
        return sum(t.size for t in self.themes)


def plan_structure(plan: Plan) -> list[SessionView]:
    """The plan per session, then theme, then group (with a table number per session)."""
    runs = list(plan.theme_runs.select_related("theme", "theme__session").order_by(
        "theme__session__number", "theme__title"))
    groups = list(plan.groups.select_related("host", "host_staff", "note_taker", "note_taker_staff", "theme"))
    assignments = list(plan.assignments.select_related("registration", "session", "group")
                       .order_by("registration__name", "pk"))
    by_group: dict[int, list[Assignment]] = defaultdict(list)
    unassigned: dict[int, list[Assignment]] = defaultdict(list)
    for a in assignments:
        if a.group_id:
            by_group[a.group_id].append(a)
        else:
            unassigned[a.session_id].append(a)
    groups_by_theme: dict[int, list[Group]] = defaultdict(list)
    for g in sorted(groups, key=lambda g: g.number):
        groups_by_theme[g.theme_id].append(g)
    sessions: dict[int, SessionView] = {}
    for run in runs:
        session = run.theme.session
        view = sessions.setdefault(session.pk, SessionView(session))
        theme_view = ThemeView(run)
        if run.running:
            view.themes.append(theme_view)
        else:
            view.cancelled.append(theme_view)
        for g in groups_by_theme.get(run.theme_id, []):
            theme_view.groups.append(GroupView(g, 0, by_group.get(g.pk, [])))
    for view in sessions.values():
        for table, gv in enumerate(view.groups, start=1):
            gv.table = table
        view.unassigned = unassigned.get(view.session.pk, [])
    return [sessions[k] for k in sorted(sessions, key=lambda k: sessions[k].session.number)]


@dataclass
class MyGroup:
    session: WorkshopSession
    group: GroupView | None
    assignment: Assignment


def my_groups(plan: Plan | None, registration: Registration) -> list[MyGroup]:
    """A participant's groups in a (published) plan, with the other members."""
    if plan is None:
        return []
    structure = plan_structure(plan)
    out: list[MyGroup] = []
    for view in structure:
        for gv in view.groups:
            mine = next((a for a in gv.members if a.registration_id == registration.pk), None)
            if mine is not None:
                out.append(MyGroup(view.session, gv, mine))
        for a in view.unassigned:
            if a.registration_id == registration.pk:
                out.append(MyGroup(view.session, None, a))
    return out


def cancelled_since(plan: Plan) -> int:
    """People placed in the plan who have cancelled since."""
    return (plan.assignments.filter(group__isnull=False, registration__status=RegistrationStatus.CANCELLED)
            .values("registration").distinct().count())


def registered_since(plan: Plan) -> int:
    """Confirmed registrations that are not in the plan (registered or promoted after it was made)."""
    in_plan = plan.assignments.values("registration")
    return (plan.event.registrations.filter(status=RegistrationStatus.CONFIRMED, choices__isnull=False)
            .exclude(pk__in=in_plan).distinct().count())
