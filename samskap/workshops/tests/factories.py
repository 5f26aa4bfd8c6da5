"""Builders for the workshop tests: workshop data, made through the actions."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from samskap.workshops import actions

THEMES = {1: ["Samarbeid om kompetanse og FoU", "Kommunen som næringsutvikler", "Laboratorium for folkehelse"],
          2: ["Strategi for bioøkonomi", "Responssenter for helse- og omsorgstjenester",
              "Samarbeid om kompetanse og FoU"]}


def make_event(user, *, slug: str = "verksted", capacity: int = 40, days: int = 30, **extra):  # type: ignore[no-untyped-def]
    data = {
        "title": "Utviklingsverksted", "slug": slug, "date": timezone.localdate() + dt.timedelta(days=days),
        "place": "Steinkjer", "registration_deadline": timezone.now() + dt.timedelta(days=days - 7),
        "capacity": capacity, "min_theme_size": 3, "max_group_size": 4, "tables_per_session": 6,
        "terms": "Navnet ditt står på gruppelistene.", **extra,
    }
    event = actions.create_event(data, sessions=2, actor=user)
    if data["registration_deadline"] > timezone.now():
        event = actions.open_registration(event, actor=user)  # registration opens when the coordinator opens it
    for session in event.sessions.all():
        for title in THEMES[session.number]:
            actions.create_theme(session, {"title": title}, actor=user)
    return event


def themes(event):  # type: ignore[no-untyped-def]
    """{(session number, title): Theme}"""
    from samskap.workshops.models import Theme

    return {(t.session.number, t.title): t for t in Theme.objects.filter(session__event=event).select_related("session")}


def sign_up(event, name: str, choices: dict[int, list[str]], *, org: str = "Steinkjer kommune",  # type: ignore[no-untyped-def]
            actor_type: str = "municipality", host: bool = False, note: bool = False, actor=None):
    from django.contrib.auth.models import AnonymousUser

    by_title = themes(event)
    sessions = {s.number: s for s in event.sessions.all()}
    return actions.register(event, {
        "name": name, "email": f"{name.lower().replace(' ', '.')}@example.no", "organisation_name": org,
        "actor_type": actor_type, "volunteer_host": host, "volunteer_note_taker": note, "accepted_terms": True,
    }, {sessions[n]: [by_title[(n, t)] for t in titles] for n, titles in choices.items()}, notify=False, actor=actor or AnonymousUser())


def fill(event, n: int = 12):  # type: ignore[no-untyped-def]
    """n registrations with a mix of actor types, organisations and volunteers (deterministic)."""
    kinds = [("municipality", "Steinkjer kommune"), ("research", "NTNU"), ("municipality", "Namsos kommune"),
             ("funding", "Forskningsrådet"), ("research", "Nord universitet"), ("municipality", "Levanger kommune")]
    t1, t2 = THEMES[1], THEMES[2]
    out = []
    for i in range(n):
        kind, org = kinds[i % len(kinds)]
        first = [t1[i % 3], t1[(i + 1) % 3]]
        second = [t2[(i + 2) % 3], t2[i % 3]]
        if first[0] == t1[0] and second[0] == t2[2]:
            second = [second[1], t2[1]]
        out.append(sign_up(event, f"Person {i:02d}", {1: first, 2: second}, org=org, actor_type=kind,
                           host=i % 4 == 0, note=i % 4 == 1))
    return out


def request_plan(user, event):  # type: ignore[no-untyped-def]
    """Start a plan as a coordinator would; the planner task (enqueued at commit) runs at once."""
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        plan = actions.start_plan(event, actor=user)
    plan.refresh_from_db()
    return plan
